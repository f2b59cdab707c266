from django.core.management import call_command

from wijkkracht.accounts.models import User
from wijkkracht.api.models import ApiClient, Scope
from wijkkracht.demo.api_clients import demo_client_id
from wijkkracht.demo.generator import delete_demo_municipality
from wijkkracht.involvements.models import Notice
from wijkkracht.organisations.models import Organisation


def test_the_demo_partner_system_is_the_housing_corporation_with_three_scopes(demo):
    api_client = ApiClient.objects.get(client_id=demo_client_id(demo.municipality))
    assert set(api_client.scopes) == {
        Scope.INTAKE_CREATE,
        Scope.INTAKE_READ,
        Scope.INVOLVEMENT_CREATE,
    }
    service_user = api_client.user
    assert service_user.organisation.kind == Organisation.Kind.HOUSING_CORPORATION
    assert list(service_user.municipalities.all()) == [demo.municipality]
    assert not service_user.has_usable_password()


def test_the_coordinator_has_referral_index_notices_in_the_demo(demo):
    coordinator = User.objects.get(username="regisseur")
    notices = Notice.objects.for_user(coordinator)
    assert notices.exists()
    # The partner's overlap; opening the demo cases may signal other organisations too.
    assert Organisation.Kind.HOUSING_CORPORATION in {
        n.other_involvement.organisation.kind for n in notices
    }


def test_the_demo_command_prints_the_client_id_and_secret(demo, capsys):
    call_command("demo", "--logins")
    out = capsys.readouterr().out
    api_client = ApiClient.objects.get(client_id=demo_client_id(demo.municipality))
    assert api_client.client_id in out and api_client.secret in out


def test_the_demo_municipality_can_be_deleted_with_its_partner_system(demo):
    delete_demo_municipality(demo.municipality)
    assert not ApiClient.objects.exists()
    assert not Notice.objects.exists()


def test_the_demo_registration_system_reads_the_cases_its_professionals_work_on(demo, client):
    from wijkkracht.api.tests.partners import bearer
    from wijkkracht.cases.models import Case
    from wijkkracht.demo.api_clients import case_client_id

    api_client = ApiClient.objects.get(client_id=case_client_id(demo.municipality))
    assert set(api_client.scopes) == {Scope.CASES_READ, Scope.PLANS_READ}
    coordinator = User.objects.get(username="regisseur")
    assert api_client.user.organisation == coordinator.organisation
    response = client.get("/api/v1/cases/", **bearer(api_client))
    assert response.status_code == 200, response.content
    ids = {row["id"] for row in response.json()["results"]}
    assert ids, "the demo's registration system sees no case"
    visible = {str(i) for i in Case.objects.values_list("public_id", flat=True)}
    assert ids <= visible
    housing = ApiClient.objects.get(client_id=demo_client_id(demo.municipality))
    assert client.get("/api/v1/cases/", **bearer(housing)).status_code == 403
