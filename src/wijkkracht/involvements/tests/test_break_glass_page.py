import pytest

from wijkkracht.audit.models import Action, AuditEntry, Outcome
from wijkkracht.involvements.models import BreakGlass
from wijkkracht.residents.tests.factories import ResidentFactory

URL = "/access/break-glass/"
REASON = "Acute zorgen: buren melden dat de bewoner niet reageert, regisseur onbereikbaar."


def break_glass_lines():
    return AuditEntry.objects.filter(action=Action.BREAK_GLASS)


def test_anonymous_visitor_is_sent_to_the_login_page(cast, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["policy_analyst", "privacy_officer", "admin"])
def test_roles_without_break_the_glass_are_refused(cast, login_as, who):
    client = login_as(cast.staff()[who])
    assert client.get(URL).status_code == 404
    response = client.post(URL, {"bsn": cast.stranger.bsn, "reason": REASON})
    assert response.status_code == 404
    assert not BreakGlass.objects.exists()


def test_resident_account_is_refused(cast, login_as):
    client = login_as(cast.resident_user)
    assert client.get(URL).status_code == 404


def test_get_shows_the_form_without_side_effects(cast, login_as):
    client = login_as(cast.other_team)
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="reason"' in response.content
    assert not break_glass_lines().exists()


def test_professional_gets_temporary_access_by_bsn(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(URL, {"bsn": cast.stranger.bsn, "reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == f"/residents/{cast.stranger.public_id}/"
    assert cast.stranger.bsn not in response["Location"]
    grant = BreakGlass.objects.get()
    assert (grant.user, grant.resident, grant.reason) == (cast.other_team, cast.stranger, REASON)
    line = break_glass_lines().get(outcome=Outcome.ALLOWED)
    assert line.resident_pseudonym == str(cast.stranger.public_id)
    assert cast.stranger.bsn not in str(line.detail)


def test_resident_page_after_break_the_glass_warns_that_access_is_temporary(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(
        URL, {"bsn": cast.stranger.bsn, "reason": REASON}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pieter Bakker" in content
    assert "utrecht-alert--warning" in content
    assert "privacy officer" in content


def test_professional_gets_access_by_surname_and_date_of_birth(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(URL, {"name": "Bakker", "date_of_birth": "01-01-1960", "reason": REASON})
    assert response.status_code == 302
    assert BreakGlass.objects.get().resident == cast.stranger


def test_no_match_gives_a_message_and_a_denied_audit_line(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(URL, {"name": "Jansen", "date_of_birth": "01-01-1960", "reason": REASON})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not BreakGlass.objects.exists()
    line = break_glass_lines().get()
    assert line.outcome == Outcome.DENIED
    assert line.detail == {"criteria": ["name", "date_of_birth"], "matches": "none"}


def test_resident_of_another_municipality_cannot_be_reached(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(URL, {"bsn": cast.resident_b.bsn, "reason": REASON})
    assert response.status_code == 200
    assert not BreakGlass.objects.exists()
    assert "Fatima" not in response.content.decode()


def test_several_matches_ask_for_the_bsn_and_show_nobody(cast, login_as):
    twin = ResidentFactory(
        municipality=cast.mun_a,
        given_names="Piet",
        surname="Bakker",
        date_of_birth=cast.stranger.date_of_birth,
    )
    client = login_as(cast.other_team)
    response = client.post(URL, {"name": "Bakker", "date_of_birth": "01-01-1960", "reason": REASON})
    assert response.status_code == 200
    content = response.content.decode()
    assert "BSN" in str(response.context["form"].non_field_errors())
    assert "Pieter" not in content
    assert twin.full_name not in content
    assert not BreakGlass.objects.exists()
    assert break_glass_lines().get().detail["matches"] == "several"


def test_short_reason_is_refused_with_a_message_naming_the_field(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(
        URL, {"bsn": cast.stranger.bsn, "reason": "nodig"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Reason" in str(response.context["form"].errors["reason"])
    assert not BreakGlass.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"name": "Bakker"}, "date_of_birth"),
        ({"date_of_birth": "01-01-1960"}, "name"),
    ],
)
def test_incomplete_identification_gets_a_field_message(cast, login_as, data, field):
    client = login_as(cast.other_team)
    response = client.post(URL, {**data, "reason": REASON})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert b"123456789" not in response.content
    assert not break_glass_lines().exists()


def test_no_identification_at_all_gets_a_message(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(URL, {"reason": REASON})
    assert response.context["form"].non_field_errors()


def test_professional_who_already_has_access_is_sent_to_the_page_without_a_grant(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.post(URL, {"bsn": cast.mother.bsn, "reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == f"/residents/{cast.mother.public_id}/"
    assert not BreakGlass.objects.exists()
