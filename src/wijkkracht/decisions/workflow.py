"""The decision workflow: one explicit table of allowed status changes.

requested → granted | refused | withdrawn; granted/changed → changed | ended | expired.
Refused, withdrawn, ended and expired are final: a new need is a new request."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkkracht.decisions.models import DecisionStatus as S

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.REQUESTED, S.GRANTED): "grant",
    (S.REQUESTED, S.REFUSED): "refuse",
    (S.REQUESTED, S.WITHDRAWN): "withdraw",
    (S.GRANTED, S.CHANGED): "change",
    (S.CHANGED, S.CHANGED): "change",
    (S.GRANTED, S.ENDED): "end",
    (S.CHANGED, S.ENDED): "end",
    (S.GRANTED, S.EXPIRED): "expire",
    (S.CHANGED, S.EXPIRED): "expire",
}


def sources(target: str, use_case: str) -> list[str]:
    """The statuses ``use_case`` may move to ``target`` from (for set-based updates)."""
    return [
        str(src) for (src, dst), name in TRANSITIONS.items() if dst == target and name == use_case
    ]


def check_transition(current: str, target: str, use_case: str) -> None:
    if TRANSITIONS.get((current, target)) != use_case:
        raise ValidationError(
            _("This decision is %(current)s; it cannot be %(target)s now.")
            % {"current": S(current).label, "target": S(target).label},
            code="invalid_transition",
        )
