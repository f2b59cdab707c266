"""Later changes of a granted decision: change the terms, end it early, and the daily
expiry of decisions past their end date. Every step is kept as a ``DecisionEvent``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.decisions import allocation, history
from wijkkracht.decisions.access import may_decide
from wijkkracht.decisions.deciding import validate_terms
from wijkkracht.decisions.models import (
    ChangeReason,
    Decision,
    DecisionEvent,
    DecisionStatus,
    DecisionTask,
)
from wijkkracht.decisions.workflow import check_transition, sources

# Reasons an officer can choose when ending a decision early (13 is set by the system).
END_REASONS = (
    ChangeReason.SHORTENED,
    ChangeReason.DECEASED,
    ChangeReason.OTHER_DOMAIN,
    ChangeReason.MOVED,
    ChangeReason.DELIVERY_FORM,
    ChangeReason.OTHER_PROVIDER,
    ChangeReason.PROVIDER_REQUEST,
    ChangeReason.CORRECTION,
)


def _close_open_tasks(decision: Decision) -> None:
    """Tasks about an end date that no longer holds are done."""
    DecisionTask.objects.open().filter(decision=decision).update(done_at=timezone.now())


def change(
    *,
    decision: Decision,
    end_date: dt.date,
    volume,
    unit: str,
    frequency: str,
    provider,
    budget=None,
    effective_from: dt.date | None = None,
    change_reason: str = "",
    reason: str,
    actor,
    expected_version: int | None = None,
) -> Decision:
    """New terms from ``effective_from`` (default today, never before the start). Only a
    new end date keeps the assignment (extended or shortened); anything else ends it and
    starts a new one."""
    if not may_decide(actor, decision):
        raise PermissionDenied
    reason = history.text(reason, "reason", _("the reason for the change"))
    with transaction.atomic():
        fresh = history.locked(decision, expected_version=expected_version)
        check_transition(fresh.status, DecisionStatus.CHANGED, "change")
        effective_from = max(effective_from or timezone.localdate(), fresh.start_date)
        volume, budget = validate_terms(
            fresh,
            start_date=fresh.start_date,
            end_date=end_date,
            volume=volume,
            unit=unit,
            frequency=frequency,
            provider=provider,
            budget=budget,
            contract_on=min(effective_from, end_date),
        )
        if effective_from > end_date:
            raise ValidationError(
                {"effective_from": _("The change cannot start after the new end date.")}
            )
        before = history.terms(fresh)
        from_status = fresh.status
        old_end = fresh.end_date
        fresh.end_date = end_date
        fresh.volume, fresh.unit, fresh.frequency = volume, unit, frequency
        fresh.budget = budget
        fresh.provider = provider
        after = history.terms(fresh)
        if before == after:
            raise ValidationError(_("Nothing was changed: change at least one of the terms."))
        only_end = {k for k in after if after[k] != before[k]} == {"end_date"}
        if change_reason and change_reason not in ChangeReason.values:
            raise ValidationError({"change_reason": _("Choose a reason of change.")})
        if not change_reason:
            if only_end:
                change_reason = (
                    ChangeReason.EXTENDED if end_date > old_end else ChangeReason.SHORTENED
                )
            elif before["provider_id"] != after["provider_id"]:
                change_reason = ChangeReason.OTHER_PROVIDER
            else:
                change_reason = ChangeReason.SHORTENED
        fresh.status = DecisionStatus.CHANGED
        history.save(
            fresh,
            ["status", "end_date", "volume", "unit", "frequency", "budget", "provider"],
        )
        if allocation.needs_allocation(fresh):
            current = allocation.current_allocation(fresh)
            if only_end and current is not None:
                allocation.move_end(current, end_date=end_date, reason=change_reason)
            else:
                allocation.stop_and_replace(
                    fresh, effective_from=effective_from, reason=change_reason
                )
        if end_date != old_end:
            _close_open_tasks(fresh)
        history.event(
            fresh,
            "change",
            from_status,
            DecisionStatus.CHANGED,
            actor=actor,
            before=before,
            after={**after, "effective_from": str(effective_from)},
            reason=reason,
            change_reason=change_reason,
        )
        history.timeline(
            fresh,
            _("Decision changed: %(provision)s") % {"provision": fresh.provision.name},
            actor=actor,
        )
        history.audit(fresh, "change", actor=actor, change_reason=str(change_reason))
    history.copy_back(decision, fresh)
    return decision


def end(
    *,
    decision: Decision,
    ended_on: dt.date,
    end_reason: str,
    reason: str,
    actor,
    expected_version: int | None = None,
) -> Decision:
    """End a granted decision early, on ``ended_on`` (not before it starts, not after its
    end date)."""
    if not may_decide(actor, decision):
        raise PermissionDenied
    if end_reason not in END_REASONS:
        raise ValidationError({"end_reason": _("Choose why the decision ends.")})
    reason = history.text(reason, "reason", _("the reason for ending"))
    if ended_on is None:
        raise ValidationError({"ended_on": _("Fill in the date it ends.")})
    with transaction.atomic():
        fresh = history.locked(decision, expected_version=expected_version)
        check_transition(fresh.status, DecisionStatus.ENDED, "end")
        if ended_on < fresh.start_date:
            raise ValidationError(
                {
                    "ended_on": _(
                        "%(date)s is before the start date %(start)s: a decision cannot end "
                        "before it starts."
                    )
                    % {
                        "date": ended_on.strftime("%d-%m-%Y"),
                        "start": fresh.start_date.strftime("%d-%m-%Y"),
                    }
                },
                code="ends_before_start",
            )
        if ended_on > fresh.end_date:
            raise ValidationError(
                {
                    "ended_on": _(
                        "The decision already ends on %(end)s; change it to make it longer."
                    )
                    % {"end": fresh.end_date.strftime("%d-%m-%Y")}
                }
            )
        before = history.terms(fresh)
        from_status = fresh.status
        fresh.status = DecisionStatus.ENDED
        fresh.end_date = ended_on
        fresh.end_reason = end_reason
        history.save(fresh, ["status", "end_date", "end_reason"])
        if allocation.needs_allocation(fresh):
            current = allocation.current_allocation(fresh)
            if current is not None:
                allocation.move_end(current, end_date=ended_on, reason=end_reason)
        _close_open_tasks(fresh)
        history.event(
            fresh,
            "end",
            from_status,
            DecisionStatus.ENDED,
            actor=actor,
            before=before,
            after=history.terms(fresh),
            reason=reason,
            change_reason=end_reason,
        )
        history.timeline(
            fresh,
            _("Decision ended: %(provision)s") % {"provision": fresh.provision.name},
            actor=actor,
        )
        history.audit(fresh, "end", actor=actor)
    history.copy_back(decision, fresh)
    return decision


def expire_decisions(*, today: dt.date | None = None, chunk: int = 5000) -> int:
    """Decisions in force whose end date has passed are expired: a history entry each and
    one UPDATE per chunk. Set-based; a second run finds nothing."""
    today = today or timezone.localdate()
    now = timezone.now()
    allowed = sources(DecisionStatus.EXPIRED, "expire")
    total = 0
    while True:
        with transaction.atomic():
            rows = list(
                Decision.objects.select_for_update()
                .filter(status__in=allowed, end_date__lt=today)
                .order_by("pk")
                .values_list("pk", "status")[:chunk]
            )
            if not rows:
                break
            DecisionEvent.objects.bulk_create(
                [
                    DecisionEvent(
                        decision_id=pk,
                        step="expire",
                        from_status=status,
                        to_status=DecisionStatus.EXPIRED,
                        at=now,
                    )
                    for pk, status in rows
                ]
            )
            total += Decision.objects.filter(
                pk__in=[pk for pk, _status in rows], status__in=allowed
            ).update(status=DecisionStatus.EXPIRED, version=F("version") + 1)
    if total:
        record(
            user=None,
            action=Action.UPDATE,
            purpose=Purpose.ADMINISTRATION,
            object_type="decision",
            detail={"step": "expire", "count": total, "on": str(today)},
        )
    return total
