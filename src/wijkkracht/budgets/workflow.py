"""The two workflows of a spend, each one explicit table of allowed changes.

Spend status: a spend within the limit is paid at once; above it, it waits for the team
lead's approval, is then paid (or cancelled), or is rejected with a reason. ``NEW`` stands
for "no spend yet".

Justification: due once the money is paid, within ``JUSTIFY_WITHIN_DAYS``; the spender
submits what, why and effect; the team lead accepts it or asks for more information, and
then the spender submits again."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkkracht.budgets.models import JustificationStatus, SpendStatus

NEW = ""

TRANSITIONS: dict[tuple[str, str], str] = {
    (NEW, SpendStatus.PAID): "spend",
    (NEW, SpendStatus.PENDING): "request_approval",
    (SpendStatus.PENDING, SpendStatus.APPROVED): "approve",
    (SpendStatus.PENDING, SpendStatus.REJECTED): "reject",
    (SpendStatus.APPROVED, SpendStatus.PAID): "pay",
    (SpendStatus.PENDING, SpendStatus.CANCELLED): "cancel",
    (SpendStatus.APPROVED, SpendStatus.CANCELLED): "cancel",
}

JUSTIFICATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (JustificationStatus.NOT_DUE, JustificationStatus.DUE): "pay",
    (JustificationStatus.DUE, JustificationStatus.SUBMITTED): "justify",
    (JustificationStatus.MORE_INFORMATION, JustificationStatus.SUBMITTED): "justify",
    (JustificationStatus.SUBMITTED, JustificationStatus.ACCEPTED): "accept",
    (JustificationStatus.SUBMITTED, JustificationStatus.MORE_INFORMATION): "ask_more_information",
}


def check_transition(current: str, target: str, use_case: str) -> None:
    if TRANSITIONS.get((current, target)) != use_case:
        raise ValidationError(
            _("This spend is %(current)s; it cannot become %(target)s this way.")
            % {
                "current": SpendStatus(current).label if current else _("new"),
                "target": SpendStatus(target).label,
            },
            code="invalid_transition",
        )


def check_justification_transition(current: str, target: str, use_case: str) -> None:
    if JUSTIFICATION_TRANSITIONS.get((current, target)) != use_case:
        raise ValidationError(
            _("The justification is %(current)s; it cannot become %(target)s this way.")
            % {
                "current": JustificationStatus(current).label,
                "target": JustificationStatus(target).label,
            },
            code="invalid_transition",
        )
