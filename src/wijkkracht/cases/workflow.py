"""The case workflow: one explicit table of allowed status changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkkracht.cases.models import CaseStatus, ClosingReason

TRANSITIONS: dict[tuple[str, str], str] = {
    (CaseStatus.INTAKE, CaseStatus.ACTIVE): "activate",
    (CaseStatus.ACTIVE, CaseStatus.EVALUATION): "start_evaluation",
    (CaseStatus.EVALUATION, CaseStatus.ACTIVE): "resume",
    (CaseStatus.EVALUATION, CaseStatus.CLOSED): "close",
    # Without an evaluation only when there is nothing left to evaluate.
    (CaseStatus.INTAKE, CaseStatus.CLOSED): "close_early",
    (CaseStatus.ACTIVE, CaseStatus.CLOSED): "close_early",
    (CaseStatus.CLOSED, CaseStatus.ACTIVE): "reopen",
}

EARLY_CLOSING_REASONS = {ClosingReason.MOVED_AWAY, ClosingReason.DECLINED, ClosingReason.OTHER}

# A new question within this many months of closing reopens the case.
REOPEN_WITHIN_MONTHS = 12


def check_transition(current: str, target: str, use_case: str) -> None:
    if TRANSITIONS.get((current, target)) != use_case:
        raise ValidationError(
            _("This case is %(current)s; it cannot go to %(target)s this way.")
            % {"current": CaseStatus(current).label, "target": CaseStatus(target).label},
            code="invalid_transition",
        )
