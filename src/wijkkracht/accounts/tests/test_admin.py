import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.models import Role, User
from wijkkracht.audit.models import Action, AuditEntry, Purpose
from wijkkracht.core.admin import admin_site
from wijkkracht.teams.models import Team

pytestmark = pytest.mark.django_db

CONFIG_MODELS = {
    "areas.municipality",
    "areas.district",
    "areas.neighbourhood",
    "organisations.organisation",
    "teams.team",
    "accounts.user",
    "api.apiclient",
}


def test_only_configuration_models_are_registered():
    assert {model._meta.label_lower for model in admin_site._registry} == CONFIG_MODELS


def test_functional_admin_sees_configuration_and_no_personal_data(cast, login_as):
    client = login_as(cast.admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for url in (
        "/admin/areas/municipality/",
        "/admin/areas/district/",
        "/admin/areas/neighbourhood/",
        "/admin/organisations/organisation/",
        "/admin/teams/team/",
        "/admin/accounts/user/",
    ):
        assert f'href="{url}"' in html
    for app in ("residents", "households", "involvements", "audit", "otp_totp", "axes"):
        assert f"/admin/{app}/" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/residents/resident/",
        "/admin/households/household/",
        "/admin/households/householdmembership/",
        "/admin/involvements/involvement/",
        "/admin/involvements/breakglass/",
        "/admin/audit/auditentry/",
        "/admin/areas/address/",
        "/admin/otp_totp/totpdevice/",
    ],
)
def test_personal_data_urls_do_not_exist_for_the_functional_admin(cast, login_as, url):
    client = login_as(cast.admin)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["coordinator", "team_lead", "privacy_officer", "policy_analyst"])
def test_other_staff_cannot_reach_the_admin(cast, login_as, name):
    client = login_as(getattr(cast, name))
    assert client.get("/admin/", follow=True).status_code == 404
    assert client.get("/admin/areas/municipality/").status_code == 404


def test_resident_cannot_reach_the_admin(cast, login_as):
    client = login_as(cast.resident_user)
    assert client.get("/admin/", follow=True).status_code == 404


def test_a_functional_admin_role_without_is_staff_cannot_reach_the_admin(cast, login_as):
    cast.admin.is_staff = False
    cast.admin.save()
    assert login_as(cast.admin).get("/admin/", follow=True).status_code == 404


def test_a_superuser_without_the_role_cannot_reach_the_admin(cast, login_as):
    cast.coordinator.is_superuser = True
    cast.coordinator.is_staff = True
    cast.coordinator.save()
    assert login_as(cast.coordinator).get("/admin/", follow=True).status_code == 404


def test_anonymous_visitors_are_sent_to_the_two_step_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "next=/admin/" in response.redirect_chain[-1][0]


def test_functional_admin_who_passed_only_the_password_is_sent_to_the_code(cast, client):
    client.force_login(cast.admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("accounts:verify")


def test_user_list_shows_staff_of_own_municipalities_only(cast, login_as):
    client = login_as(cast.admin)
    html = client.get("/admin/accounts/user/").content.decode()
    assert "coordinator" in html
    assert "inwoner" not in html  # resident account
    assert "outsider" not in html  # staff of municipality B
    assert client.get(f"/admin/accounts/user/{cast.resident_user.pk}/change/").status_code == 302
    assert client.get(f"/admin/accounts/user/{cast.outsider.pk}/change/").status_code == 302


def test_user_form_has_no_resident_field_and_no_resident_role(cast, login_as):
    client = login_as(cast.admin)
    response = client.get(f"/admin/accounts/user/{cast.coordinator.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "resident" not in form.fields
    assert "is_superuser" not in form.fields
    assert Role.RESIDENT not in [value for value, _label in form.fields["role"].choices]
    assert set(form.fields["municipalities"].queryset) == {cast.mun_a}


def test_teams_of_another_municipality_are_not_listed(cast, login_as):
    html = login_as(cast.admin).get("/admin/teams/team/").content.decode()
    assert "Wijkteam A1" in html
    assert "Wijkteam B1" not in html


def test_changing_a_team_writes_an_audit_line(cast, login_as):
    client = login_as(cast.admin)
    team = Team.objects.get(name="Wijkteam A2")
    url = f"/admin/teams/team/{team.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        "name": "Wijkteam A2 Noord",
        "kind": team.kind,
        "municipality": team.municipality_id,
        "organisation": team.organisation_id,
        "neighbourhoods": [n.pk for n in team.neighbourhoods.all()],
        "teammembership_set-TOTAL_FORMS": "1",
        "teammembership_set-INITIAL_FORMS": "1",
        "teammembership_set-MIN_NUM_FORMS": "0",
        "teammembership_set-MAX_NUM_FORMS": "1000",
        "teammembership_set-0-id": team.teammembership_set.get().pk,
        "teammembership_set-0-team": team.pk,
        "teammembership_set-0-user": cast.other_team.pk,
    }
    assert form.instance == team
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    team.refresh_from_db()
    assert team.name == "Wijkteam A2 Noord"
    line = AuditEntry.objects.get(action=Action.UPDATE)
    assert line.purpose == Purpose.ADMINISTRATION
    assert line.object_type == "teams.team"
    assert line.object_id == str(team.pk)


def test_delete_page_never_names_residents_or_addresses(cast, login_as):
    client = login_as(cast.admin)
    neighbourhood = cast.household.address.neighbourhood
    response = client.get(f"/admin/areas/neighbourhood/{neighbourhood.pk}/delete/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bakker" not in html
    assert cast.household.address.street not in html
    assert response.context["perms_lacking"]  # refused: personal data would go too


def test_reset_second_factor_removes_the_app_and_writes_a_line(cast, login_as):
    client = login_as(cast.admin)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_second_factor", "_selected_action": [cast.colleague.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.colleague).exists()
    assert AuditEntry.objects.filter(
        action=Action.DELETE, detail__reset_second_factor_of="colleague"
    ).exists()


def test_new_staff_account_needs_a_municipality(cast, login_as):
    client = login_as(cast.admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new_worker",
            "usable_password": "false",
            "role": Role.PROFESSIONAL,
        },
    )
    assert response.status_code == 200
    assert "municipalities" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="new_worker").exists()


def test_deleting_configuration_without_personal_data_works_and_is_audited(cast, login_as):
    from wijkkracht.areas.models import District
    from wijkkracht.areas.tests.factories import DistrictFactory

    district = DistrictFactory(municipality=cast.mun_a, code="WK900109")
    client = login_as(cast.admin)
    page = client.get(f"/admin/areas/district/{district.pk}/delete/")
    assert not page.context["perms_lacking"]
    response = client.post(f"/admin/areas/district/{district.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not District.objects.filter(pk=district.pk).exists()
    line = AuditEntry.objects.get(action=Action.DELETE)
    assert (line.object_type, line.object_id) == ("areas.district", str(district.pk))
