import pytest
from django.core.exceptions import ValidationError

from wijkkracht.cases.access import get_case_for_user
from wijkkracht.cases.escalation import deescalate, escalate
from wijkkracht.cases.handover import hand_over
from wijkkracht.cases.models import Case, TimelineEntry
from wijkkracht.cases.tests.factories import CaseFactory
from wijkkracht.households.models import Household


def test_escalation_and_deescalation_keep_the_coordinator(cast, case, expert_team):
    escalation = escalate(
        case=case, expert_team=expert_team, reason="Veiligheid kinderen", actor=cast.coordinator
    )
    assert Case.objects.get(pk=case.pk).coordinator == cast.coordinator
    assert escalation.deescalated_at is None
    deescalate(case=case, reason="Situatie stabiel", actor=cast.coordinator)
    escalation.refresh_from_db()
    assert escalation.deescalated_at is not None
    assert escalation.deescalation_reason == "Situatie stabiel"
    assert Case.objects.get(pk=case.pk).coordinator == cast.coordinator
    assert case.timeline.filter(kind=TimelineEntry.Kind.ESCALATION).count() == 2


def test_the_expert_team_sees_the_household_only_while_escalated(cast, case, expert_team):
    expert = expert_team.expert
    assert not Household.objects.visible_to(expert).filter(pk=cast.household.pk).exists()
    escalate(case=case, expert_team=expert_team, reason="Crisis", actor=cast.coordinator)
    assert get_case_for_user(expert, case.public_id)[0] == case
    deescalate(case=case, reason="Terug naar wijkteam", actor=cast.coordinator)
    assert not Case.objects.visible_to(expert).filter(pk=case.pk).exists()


def test_an_expert_can_take_over_the_coordination_while_escalated(cast, case, expert_team):
    escalate(case=case, expert_team=expert_team, reason="Crisis", actor=cast.coordinator)
    hand_over(
        case=case, to_user=expert_team.expert, reason="Expertise nodig", actor=cast.coordinator
    )
    assert Case.objects.get(pk=case.pk).coordinator == expert_team.expert


def test_an_expert_cannot_take_over_without_escalation(cast, case, expert_team):
    with pytest.raises(ValidationError):
        hand_over(case=case, to_user=expert_team.expert, reason="Expertise", actor=cast.coordinator)


def test_a_case_cannot_be_escalated_twice_nor_to_a_neighbourhood_team(cast, case, expert_team):
    from wijkkracht.teams.models import Team

    with pytest.raises(ValidationError):
        escalate(
            case=case,
            expert_team=Team.objects.get(name="Wijkteam A2"),
            reason="Crisis",
            actor=cast.coordinator,
        )
    escalate(case=case, expert_team=expert_team, reason="Crisis", actor=cast.coordinator)
    with pytest.raises(ValidationError):
        escalate(case=case, expert_team=expert_team, reason="Nog eens", actor=cast.coordinator)


def test_deescalating_a_case_that_is_not_escalated_is_refused(cast, case):
    with pytest.raises(ValidationError):
        deescalate(case=case, reason="Klaar", actor=cast.coordinator)


def test_the_factory_can_build_an_escalated_case(db):
    case = CaseFactory(escalated=True)
    assert case.escalations.filter(deescalated_at__isnull=True).exists()
