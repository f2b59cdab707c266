import pytest
from django.core.exceptions import ValidationError

from wijkkracht.cases.handover import hand_over
from wijkkracht.cases.models import Case, TimelineEntry
from wijkkracht.involvements.models import Involvement


def test_the_coordination_is_handed_over_to_a_team_colleague_with_date_and_reason(cast, case):
    hand_over(case=case, to_user=cast.colleague, reason="Zwangerschapsverlof", actor=cast.team_lead)
    case.refresh_from_db()
    assert case.coordinator == cast.colleague
    change = case.coordinator_changes.latest("pk")
    assert change.from_user == cast.coordinator
    assert change.to_user == cast.colleague
    assert change.reason == "Zwangerschapsverlof"
    assert change.changed_by == cast.team_lead
    assert change.changed_at is not None
    assert case.timeline.filter(kind=TimelineEntry.Kind.HANDOVER).count() == 1
    assert (
        Involvement.objects.active()
        .filter(professional=cast.colleague, household=cast.household, grants_access=True)
        .exists()
    )


def test_a_hand_over_to_another_team_is_refused(cast, case):
    with pytest.raises(ValidationError):
        hand_over(case=case, to_user=cast.other_team, reason="Verhuisd", actor=cast.coordinator)
    assert Case.objects.get(pk=case.pk).coordinator == cast.coordinator


def test_a_hand_over_needs_a_reason(cast, case):
    with pytest.raises(ValidationError):
        hand_over(case=case, to_user=cast.colleague, reason="  ", actor=cast.coordinator)
    assert case.coordinator_changes.count() == 1


def test_a_hand_over_to_the_current_coordinator_is_refused(cast, case):
    with pytest.raises(ValidationError):
        hand_over(case=case, to_user=cast.coordinator, reason="Nogmaals", actor=cast.coordinator)
