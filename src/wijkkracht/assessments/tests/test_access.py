"""The access matrix for the self-reliance pages."""

import datetime as dt

import pytest

from wijkkracht.assessments.recording import record_assessment
from wijkkracht.audit.models import Action, AuditEntry, Outcome


def urls(case, member):
    base = f"/cases/{case.public_id}/self-reliance/"
    return [base, f"{base}new/", f"{base}progress/{member.public_id}/"]


@pytest.fixture
def assessed(cast, case):
    record_assessment(
        case=case,
        member=cast.mother,
        assessed_on=dt.date.today(),
        scores={"finances": 2},
        note="",
        actor=cast.coordinator,
    )
    return case


@pytest.mark.parametrize("who", ["coordinator", "colleague", "team_lead"])
def test_the_coordinators_team_reaches_the_pages_and_the_read_is_audited(
    cast, assessed, login_as, who
):
    client = login_as(cast.staff()[who])
    for url in urls(assessed, cast.mother):
        before = AuditEntry.objects.filter(
            action=Action.READ, object_id=str(assessed.public_id), outcome=Outcome.ALLOWED
        ).count()
        assert client.get(url).status_code == 200, url
        after = AuditEntry.objects.filter(
            action=Action.READ, object_id=str(assessed.public_id), outcome=Outcome.ALLOWED
        ).count()
        assert after > before


@pytest.mark.parametrize("who", ["other_team", "outsider", "policy_analyst", "resident_user"])
def test_others_get_a_404_and_a_denied_audit_line(cast, assessed, login_as, who):
    user = cast.resident_user if who == "resident_user" else cast.staff()[who]
    client = login_as(user)
    for url in urls(assessed, cast.mother):
        assert client.get(url).status_code == 404, url
    assert client.post(urls(assessed, cast.mother)[1], {}).status_code == 404
    assert assessed.assessments.count() == 1
    if who != "resident_user":
        assert AuditEntry.objects.filter(username=user.username, outcome=Outcome.DENIED).exists()


def test_a_resident_outside_the_household_has_no_progress_page(cast, assessed, login_as):
    response = login_as(cast.coordinator).get(
        f"/cases/{assessed.public_id}/self-reliance/progress/{cast.resident_b.public_id}/"
    )
    assert response.status_code == 404
