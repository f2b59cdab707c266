"""Whole scenarios walked through the transition table."""

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.audit.models import AuditEntry
from wijkkracht.cases.models import CaseStatus, ClosingReason, TimelineEntry
from wijkkracht.cases.transitions import activate, close, resume, start_evaluation


def steps(case):
    return list(
        AuditEntry.objects.filter(object_type="case", object_id=str(case.public_id))
        .order_by("seq")
        .values_list("detail__step", flat=True)
    )


def test_a_case_goes_from_intake_through_evaluation_to_closed(cast, case):
    actor = cast.coordinator
    activate(case=case, actor=actor)
    start_evaluation(case=case, actor=actor)
    resume(case=case, actor=actor)
    start_evaluation(case=case, actor=actor)
    close(case=case, reason=ClosingReason.GOALS_ACHIEVED, note="Doelen behaald", actor=actor)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closing_reason == ClosingReason.GOALS_ACHIEVED
    assert case.closed_at is not None
    assert steps(case) == [
        "open",
        "activate",
        "start_evaluation",
        "resume",
        "start_evaluation",
        "close",
    ]
    assert case.timeline.filter(kind=TimelineEntry.Kind.STATUS).count() == 6


@pytest.mark.parametrize("reason", [ClosingReason.MOVED_AWAY, ClosingReason.DECLINED])
def test_a_case_can_close_early_from_intake_when_nothing_is_left_to_evaluate(cast, case, reason):
    close(case=case, reason=reason, note="", actor=cast.coordinator)
    assert case.status == CaseStatus.CLOSED


@pytest.mark.parametrize("reason", [ClosingReason.GOALS_ACHIEVED, ClosingReason.PARTLY_ACHIEVED])
def test_goals_cannot_be_achieved_without_an_evaluation(cast, case, reason):
    activate(case=case, actor=cast.coordinator)
    with pytest.raises(ValidationError) as exc:
        close(case=case, reason=reason, note="", actor=cast.coordinator)
    assert "evaluation" in str(exc.value)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_an_intake_cannot_go_to_evaluation_directly(cast, case):
    with pytest.raises(ValidationError):
        start_evaluation(case=case, actor=cast.coordinator)
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE
    assert steps(case) == ["open"]


def test_a_closed_case_cannot_be_activated_resumed_or_closed_again(cast, case):
    close(case=case, reason=ClosingReason.DECLINED, note="", actor=cast.coordinator)
    for use_case in (activate, resume, start_evaluation):
        with pytest.raises(ValidationError):
            use_case(case=case, actor=cast.coordinator)
    with pytest.raises(ValidationError):
        close(case=case, reason=ClosingReason.OTHER, note="", actor=cast.coordinator)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_an_active_case_cannot_be_activated_twice(cast, case):
    activate(case=case, actor=cast.coordinator)
    with pytest.raises(ValidationError):
        activate(case=case, actor=cast.coordinator)


def test_an_unknown_closing_reason_is_refused(cast, case):
    with pytest.raises(ValidationError):
        close(case=case, reason="bored", note="", actor=cast.coordinator)


def test_a_professional_without_need_to_know_cannot_change_the_status(cast, case):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        activate(case=case, actor=cast.other_team)
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE
