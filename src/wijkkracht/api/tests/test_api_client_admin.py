from wijkkracht.accounts.models import Role
from wijkkracht.api.models import ApiClient
from wijkkracht.api.tests.partners import bearer
from wijkkracht.audit.models import Action, AuditEntry
from wijkkracht.organisations.models import Organisation

ADD = "/admin/api/apiclient/add/"


def add_form(cast, **extra):
    organisation = Organisation.objects.get(name="Sociaal Werk A")
    return {
        "name": "Huurdersysteem",
        "client_id": "huurders",
        "organisation": organisation.pk,
        "municipalities": [cast.mun_a.pk],
        "contact_email": "signalen@woon.example",
        "scopes": ["intake.create", "intake.read"],
        "is_active": "on",
        **extra,
    }


def test_creating_a_client_creates_its_service_user_and_shows_the_secret_once(
    cast, login_as, client
):
    response = login_as(cast.admin).post(ADD, add_form(cast))
    assert response.status_code == 200
    api_client = ApiClient.objects.get(client_id="huurders")
    assert api_client.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    service_user = api_client.user
    assert service_user.role == Role.PARTNER_SYSTEM
    assert not service_user.has_usable_password()
    assert service_user.organisation.name == "Sociaal Werk A"
    assert list(service_user.municipalities.all()) == [cast.mun_a]
    assert service_user.email == "signalen@woon.example"
    assert api_client.scopes == ["intake.create", "intake.read"]
    change_page = client.get(f"/admin/api/apiclient/{api_client.pk}/change/")
    assert change_page.status_code == 200
    assert api_client.secret not in change_page.content.decode()
    assert AuditEntry.objects.filter(object_type="api.apiclient", action=Action.CREATE).exists()


def test_the_new_client_can_call_the_api_with_its_secret(cast, login_as, client):
    login_as(cast.admin).post(ADD, add_form(cast))
    api_client = ApiClient.objects.get(client_id="huurders")
    client.logout()
    response = client.post(
        "/api/v1/support-requests/",
        {"channel": "partner", "description": "Vraag"},
        content_type="application/json",
        **bearer(api_client),
    )
    assert response.status_code == 201


def test_a_municipality_outside_the_admins_own_cannot_be_chosen(cast, login_as):
    response = login_as(cast.admin).post(ADD, add_form(cast, municipalities=[cast.mun_b.pk]))
    assert response.status_code == 200
    assert not ApiClient.objects.exists()
    assert b"errorlist" in response.content


def test_renewing_the_secret_shows_the_new_one_and_the_old_stops_working(cast, login_as, client):
    login_as(cast.admin).post(ADD, add_form(cast))
    api_client = ApiClient.objects.get(client_id="huurders")
    old_headers = bearer(api_client)
    response = client.post(
        "/admin/api/apiclient/",
        {"action": "generate_new_secret", "_selected_action": [api_client.pk]},
    )
    api_client.refresh_from_db()
    assert api_client.secret in response.content.decode()
    client.logout()
    response = client.post(
        "/api/v1/support-requests/",
        {"channel": "partner", "description": "Vraag"},
        content_type="application/json",
        **old_headers,
    )
    assert response.status_code == 401


def test_other_roles_do_not_reach_the_api_client_admin(cast, login_as):
    assert login_as(cast.coordinator).get(ADD).status_code == 404
