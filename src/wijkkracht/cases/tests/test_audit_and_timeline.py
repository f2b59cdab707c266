"""Every use case writes its own audit line (care purpose, object type "case") and a
timeline entry attributed to the actor."""

import pytest

from wijkkracht.audit.models import AuditEntry, Purpose
from wijkkracht.cases.escalation import deescalate, escalate
from wijkkracht.cases.handover import hand_over
from wijkkracht.cases.models import ClosingReason, NetworkMember
from wijkkracht.cases.notes import add_note
from wijkkracht.cases.participants import add_network_member, add_participant
from wijkkracht.cases.transitions import activate, close


def case_lines(case):
    return AuditEntry.objects.filter(object_type="case", object_id=str(case.public_id))


USE_CASES = {
    "activate": lambda cast, case, **_: activate(case=case, actor=cast.colleague),
    "close": lambda cast, case, **_: close(
        case=case, reason=ClosingReason.DECLINED, note="", actor=cast.colleague
    ),
    "hand_over": lambda cast, case, **_: hand_over(
        case=case, to_user=cast.team_lead, reason="Verlof", actor=cast.colleague
    ),
    "escalate": lambda cast, case, expert_team, **_: escalate(
        case=case, expert_team=expert_team, reason="Crisis", actor=cast.colleague
    ),
    "add_participant": lambda cast, case, partner, **_: add_participant(
        case=case, professional=partner, role="GGZ", actor=cast.colleague
    ),
    "add_network_member": lambda cast, case, **_: add_network_member(
        case=case, name="Buurvrouw", relation=NetworkMember.Relation.NEIGHBOUR, actor=cast.colleague
    ),
    "add_note": lambda cast, case, **_: add_note(
        case=case, text="Gesprek", confidentiality="normal", actor=cast.colleague
    ),
}


@pytest.mark.parametrize("step", USE_CASES)
def test_each_use_case_writes_one_audit_line_and_one_timeline_entry(
    cast, case, expert_team, partner, step
):
    lines_before = case_lines(case).count()
    entries_before = case.timeline.count()
    version_before = case.version
    USE_CASES[step](cast, case, expert_team=expert_team, partner=partner)
    line = case_lines(case).exclude(detail__step="open").get()
    assert case_lines(case).count() == lines_before + 1
    assert line.detail["step"] == step
    assert line.purpose == Purpose.CARE
    assert line.username == "colleague"
    assert case.timeline.count() == entries_before + 1
    assert case.timeline.order_by("-pk").first().actor == cast.colleague
    case.refresh_from_db()
    assert case.version == version_before + 1


def test_deescalation_is_audited_and_ends_the_expert_teams_involvement(cast, case, expert_team):
    from wijkkracht.involvements.models import Involvement

    escalate(case=case, expert_team=expert_team, reason="Crisis", actor=cast.coordinator)
    involvement = Involvement.objects.get(team=expert_team, household=cast.household)
    assert involvement.grants_access and involvement.ended_on is None
    deescalate(case=case, reason="Stabiel", actor=cast.coordinator)
    involvement.refresh_from_db()
    assert involvement.ended_on is not None
    assert case_lines(case).filter(detail__step="deescalate").exists()
