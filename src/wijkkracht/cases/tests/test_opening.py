import datetime

import pytest
from django.utils import timezone

from wijkkracht.audit.models import AuditEntry, Purpose
from wijkkracht.cases.models import Case, CaseStatus, ClosingReason, CoordinatorChange
from wijkkracht.cases.opening import open_case
from wijkkracht.cases.transitions import close
from wijkkracht.involvements.models import Involvement


def test_opening_a_case_makes_the_coordinator_involved_with_access(cast, case, team_a1):
    assert case.status == CaseStatus.INTAKE
    assert case.coordinator == cast.coordinator
    assert case.previous_case is None
    involvement = Involvement.objects.active().get(
        professional=cast.coordinator, household=cast.household
    )
    assert involvement.grants_access
    line = AuditEntry.objects.get(object_type="case", object_id=str(case.public_id))
    assert line.purpose == Purpose.CARE
    assert line.detail["step"] == "open"
    assert case.coordinator_changes.get().to_user == cast.coordinator


def test_a_household_with_an_open_case_gets_no_second_one(cast, case, team_a1):
    again = open_case(
        household=cast.household, team=team_a1, coordinator=cast.colleague, actor=cast.colleague
    )
    assert again.pk == case.pk
    assert again.coordinator == cast.coordinator
    assert Case.objects.filter(household=cast.household).count() == 1


def _close_at(case, when, actor):
    close(case=case, reason=ClosingReason.DECLINED, note="", actor=actor)
    Case.objects.filter(pk=case.pk).update(closed_at=when)


def test_a_new_question_within_twelve_months_reopens_the_case(cast, case, team_a1):
    _close_at(case, timezone.now() - datetime.timedelta(days=300), cast.coordinator)
    again = open_case(
        household=cast.household, team=team_a1, coordinator=cast.colleague, actor=cast.colleague
    )
    assert again.pk == case.pk
    assert again.status == CaseStatus.ACTIVE
    assert again.closed_at is None
    assert again.closing_reason == ""
    assert again.coordinator == cast.colleague
    change = CoordinatorChange.objects.filter(case=case).latest("pk")
    assert (change.from_user, change.to_user) == (cast.coordinator, cast.colleague)
    assert again.timeline.filter(summary__contains="reopened").exists()


def test_a_new_question_after_twelve_months_opens_a_new_case_linked_to_the_old(cast, case, team_a1):
    _close_at(case, timezone.now() - datetime.timedelta(days=370), cast.coordinator)
    new = open_case(
        household=cast.household, team=team_a1, coordinator=cast.coordinator, actor=cast.coordinator
    )
    assert new.pk != case.pk
    assert new.previous_case == case
    assert new.status == CaseStatus.INTAKE
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_a_team_of_another_municipality_cannot_open_a_case(cast, team_a1):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        open_case(
            household=cast.household, team=team_a1, coordinator=cast.outsider, actor=cast.outsider
        )
    assert not Case.objects.exists()
