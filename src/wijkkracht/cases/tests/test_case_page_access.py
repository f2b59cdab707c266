"""The access matrix for the case page: every cell of the cast."""

import pytest

from wijkkracht.audit.models import Action, AuditEntry, Outcome
from wijkkracht.cases.participants import add_participant


def url(case):
    return f"/cases/{case.public_id}/"


def reads(case, outcome=Outcome.ALLOWED):
    return AuditEntry.objects.filter(
        action=Action.READ, object_type="case", object_id=str(case.public_id), outcome=outcome
    )


@pytest.fixture
def case_with_partner(cast, case, partner):
    add_participant(case=case, professional=partner, role="GGZ-behandelaar", actor=cast.coordinator)
    return case


SEES_CASE = ["coordinator", "colleague", "team_lead"]
NO_CASE = [
    "other_team",
    "outsider",
    "decision_officer",
    "policy_analyst",
    "privacy_officer",
    "admin",
]


def test_anonymous_visitor_is_sent_to_the_login_page(cast, case, client):
    response = client.get(url(case))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", SEES_CASE)
def test_the_coordinators_team_sees_the_case_and_each_member_read_is_audited(
    cast, case, login_as, who
):
    cast.coordinator.phone = "0201234567"
    cast.coordinator.email = "regisseur@example.org"
    cast.coordinator.first_name, cast.coordinator.last_name = "Rosa", "Regisseur"
    cast.coordinator.save()
    response = login_as(cast.staff()[who]).get(url(case))
    assert response.status_code == 200
    content = response.content.decode()
    for expected in ("Fatima Bakker", "Daan Bakker", "Rosa Regisseur", "Sociaal Werk A"):
        assert expected in content
    assert "0201234567" in content
    assert "regisseur@example.org" in content
    pseudonyms = set(reads(case).values_list("resident_pseudonym", flat=True))
    assert pseudonyms == {str(cast.mother.public_id), str(cast.son.public_id)}


@pytest.mark.parametrize("who", NO_CASE)
def test_others_get_a_404_and_a_denied_audit_line(cast, case, login_as, who):
    response = login_as(cast.staff()[who]).get(url(case))
    assert response.status_code == 404
    assert "Fatima" not in response.content.decode()
    assert AuditEntry.objects.filter(
        action=Action.READ, outcome=Outcome.DENIED, object_id=str(case.public_id)
    ).exists()
    assert not reads(case).exists()


def test_the_resident_gets_a_404(cast, case, login_as):
    response = login_as(cast.resident_user).get(url(case))
    assert response.status_code == 404


def test_an_involved_professional_of_another_organisation_sees_the_case(
    cast, case_with_partner, partner, login_as
):
    response = login_as(partner).get(url(case_with_partner))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Fatima Bakker" in content
    assert "GGZ A" in content
    # Sees the coordinator, but may not change the case.
    assert "Hand over the coordination" not in content
    assert reads(case_with_partner).filter(username="ggz").exists()


def test_an_involved_professional_of_another_organisation_cannot_change_the_status(
    cast, case_with_partner, partner, login_as
):
    client = login_as(partner)
    response = client.post(f"/cases/{case_with_partner.public_id}/status/activate/")
    assert response.status_code == 403
    case_with_partner.refresh_from_db()
    assert case_with_partner.status == "intake"


def test_a_professional_of_another_team_cannot_post_a_change(cast, case, login_as):
    response = login_as(cast.other_team).post(
        f"/cases/{case.public_id}/notes/", {"text": "x", "confidentiality": "normal"}
    )
    assert response.status_code == 404
    assert not case.notes.exists()


def test_a_made_up_case_id_is_a_404(cast, login_as):
    response = login_as(cast.coordinator).get("/cases/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
