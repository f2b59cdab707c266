"""What every decision use case shares: a locked fresh copy (optimistic locking on
``version``), the history entry, the audit line and the case timeline line."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.cases.changes import copy_back, save, text  # noqa: F401 (shared helpers)
from wijkkracht.decisions.models import Decision, DecisionEvent

TERMS = ("start_date", "end_date", "volume", "unit", "frequency", "budget", "provider_id")


def locked(decision: Decision, *, expected_version: int | None = None) -> Decision:
    fresh = Decision.objects.select_for_update().get(pk=decision.pk)
    if expected_version is not None and int(expected_version) != fresh.version:
        raise ValidationError(
            _(
                "Someone else changed this decision while you were working on it. Nothing of "
                "yours was saved: reload the page to see their change, then try again."
            ),
            code="stale_version",
        )
    return fresh


def terms(decision: Decision) -> dict:
    """The granted terms as JSON-ready values, for the history's before and after."""
    result = {}
    for name in TERMS:
        value = getattr(decision, name)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        result[name] = None if value is None else str(value)
    return result


def event(
    decision: Decision,
    step: str,
    from_status: str,
    to_status: str,
    *,
    actor,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    change_reason: str = "",
    at=None,
) -> DecisionEvent:
    return DecisionEvent.objects.create(
        decision=decision,
        step=step,
        from_status=from_status,
        to_status=to_status,
        at=at or timezone.now(),
        actor=actor,
        before=before or {},
        after=after or {},
        reason=reason,
        change_reason=change_reason,
    )


def audit(decision: Decision, step: str, *, actor, action: Action = Action.UPDATE, **detail):
    record(
        user=actor,
        action=action,
        purpose=Purpose.CARE,
        object_type="decision",
        object_id=str(decision.public_id),
        resident=decision.resident_id and decision.resident,
        detail={"step": step, **detail},
    )


def timeline(decision: Decision, summary: str, *, actor) -> None:
    """A line in the household case's timeline, when the decision belongs to a case."""
    if decision.case_id is None:
        return
    from wijkkracht.cases.models import TimelineEntry
    from wijkkracht.cases.service import add_timeline_entry

    add_timeline_entry(
        case=decision.case,
        kind=TimelineEntry.Kind.PLAN,
        summary=summary,
        actor=actor,
        member=decision.resident,
    )
