import pytest

from wijkkracht.audit.models import Action, AuditEntry, Outcome, Purpose
from wijkkracht.involvements.tests.factories import BreakGlassFactory

SEES_HOUSEHOLD = ["coordinator", "colleague", "team_lead"]
NO_NEED_TO_KNOW = [
    "other_team",
    "outsider",
    "decision_officer",
    "policy_analyst",
    "privacy_officer",
    "admin",
]


def url(resident):
    return f"/residents/{resident.public_id}/"


def read_lines(resident):
    return AuditEntry.objects.filter(
        action=Action.READ, object_type="resident", object_id=str(resident.public_id)
    )


def test_anonymous_visitor_is_sent_to_the_login_page(cast, client):
    response = client.get(url(cast.mother))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not read_lines(cast.mother).exists()


@pytest.mark.parametrize("who", SEES_HOUSEHOLD)
def test_professionals_with_need_to_know_see_the_page_and_it_is_audited(cast, login_as, who):
    client = login_as(cast.staff()[who])
    response = client.get(url(cast.son))
    assert response.status_code == 200
    assert "Daan Bakker" in response.content.decode()
    line = read_lines(cast.son).get()
    assert (line.outcome, line.purpose, line.username) == (Outcome.ALLOWED, Purpose.CARE, who)
    assert line.resident_pseudonym == str(cast.son.public_id)


@pytest.mark.parametrize("who", NO_NEED_TO_KNOW)
def test_users_without_need_to_know_get_404_and_it_is_audited(cast, login_as, who):
    client = login_as(cast.staff()[who])
    response = client.get(url(cast.mother))
    assert response.status_code == 404
    assert "Fatima" not in response.content.decode()
    line = read_lines(cast.mother).get()
    assert (line.outcome, line.username) == (Outcome.DENIED, who)


def test_bsn_is_masked_except_the_last_three_digits(cast, login_as):
    client = login_as(cast.coordinator)
    content = client.get(url(cast.mother)).content.decode()
    assert cast.mother.bsn not in content
    assert "******" + cast.mother.bsn[-3:] in content


def test_page_shows_contact_details_household_and_involvements(cast, login_as):
    cast.mother.phone = "06-12345678"
    cast.mother.email = "fatima@example.org"
    cast.mother.save()
    client = login_as(cast.coordinator)
    content = client.get(url(cast.mother)).content.decode()
    assert "06-12345678" in content
    assert "fatima@example.org" in content
    assert f"/households/{cast.household.public_id}/" in content
    assert "Sociaal Werk A" in content
    assert "Wijkteam A1" in content
    assert cast.coordinator.get_full_name() in content


def test_resident_account_sees_own_page_with_own_record_purpose(cast, login_as):
    client = login_as(cast.resident_user)
    response = client.get(url(cast.mother))
    assert response.status_code == 200
    line = read_lines(cast.mother).get()
    assert (line.outcome, line.purpose) == (Outcome.ALLOWED, Purpose.OWN_RECORD)


def test_resident_account_gets_404_for_their_own_son(cast, login_as):
    client = login_as(cast.resident_user)
    assert client.get(url(cast.son)).status_code == 404
    assert read_lines(cast.son).get().outcome == Outcome.DENIED


def test_my_details_leads_a_resident_to_their_own_page(cast, login_as):
    client = login_as(cast.resident_user)
    response = client.get("/residents/me/")
    assert response.status_code == 302
    assert response["Location"] == url(cast.mother)


def test_my_details_is_404_for_staff(cast, login_as):
    client = login_as(cast.coordinator)
    assert client.get("/residents/me/").status_code == 404


def test_unknown_id_is_404_and_audited(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.get("/residents/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED, object_type="resident").exists()


def test_404_page_offers_break_the_glass_to_professionals(cast, login_as):
    client = login_as(cast.other_team)
    content = client.get(url(cast.mother)).content.decode()
    assert "/access/break-glass/" in content


def test_404_page_does_not_offer_break_the_glass_to_a_policy_analyst(cast, login_as):
    client = login_as(cast.policy_analyst)
    content = client.get(url(cast.mother)).content.decode()
    assert "/access/break-glass/" not in content


def test_reading_under_break_the_glass_shows_a_warning_and_is_audited_as_emergency(cast, login_as):
    BreakGlassFactory(user=cast.other_team, resident=cast.stranger)
    client = login_as(cast.other_team)
    response = client.get(url(cast.stranger))
    assert response.status_code == 200
    assert response.context["grant"] is not None
    assert "utrecht-alert--warning" in response.content.decode()
    assert read_lines(cast.stranger).get().purpose == Purpose.EMERGENCY


def test_expired_break_the_glass_no_longer_opens_the_page(cast, login_as):
    BreakGlassFactory(user=cast.other_team, resident=cast.stranger, expired=True)
    client = login_as(cast.other_team)
    assert client.get(url(cast.stranger)).status_code == 404


def test_page_is_read_only(cast, login_as):
    client = login_as(cast.coordinator)
    assert client.post(url(cast.mother)).status_code == 405
