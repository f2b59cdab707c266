"""The neighbourhood plan's workflow: one explicit table of allowed status changes.

draft → published → archived; a draft that will not be used is archived directly.
Publishing a plan archives the district's plan that was published until then (one
published plan per district). Draft and published plans can be changed (actions get a
new status during the year); archived plans are read-only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.neighbourhoodplans.models import NeighbourhoodPlan, PlanStatus

TRANSITIONS: dict[tuple[str, str], str] = {
    (PlanStatus.DRAFT, PlanStatus.PUBLISHED): "publish",
    (PlanStatus.PUBLISHED, PlanStatus.ARCHIVED): "archive",
    (PlanStatus.DRAFT, PlanStatus.ARCHIVED): "archive",
}

EDITABLE = frozenset({PlanStatus.DRAFT, PlanStatus.PUBLISHED})


def allowed_targets(status: str) -> list[str]:
    return [target for (current, target) in TRANSITIONS if current == status]


def check_transition(current: str, target: str) -> str:
    use_case = TRANSITIONS.get((current, target))
    if use_case is None:
        labels = dict(PlanStatus.choices)
        raise ValidationError(
            _("This plan is %(current)s; it cannot become %(target)s.")
            % {"current": labels.get(current, current), "target": labels.get(target, target)},
            code="invalid_transition",
        )
    return use_case


def check_editable(plan: NeighbourhoodPlan) -> None:
    if plan.status not in EDITABLE:
        raise ValidationError(
            _("This plan is archived; it can no longer be changed."), code="archived"
        )


def change_status(*, plan: NeighbourhoodPlan, to: str, actor) -> NeighbourhoodPlan:
    """Move ``plan`` to ``to`` through the table; on publishing, the district's published
    plan (if another) is archived first. One transaction, one audit line per plan."""
    with transaction.atomic():
        fresh = NeighbourhoodPlan.objects.select_for_update().get(pk=plan.pk)
        use_case = check_transition(fresh.status, to)
        now = timezone.now()
        if use_case == "publish":
            if not fresh.priorities.exists():
                raise ValidationError(
                    _("Add at least one priority before publishing."), code="no_priorities"
                )
            previous = list(
                NeighbourhoodPlan.objects.select_for_update()
                .filter(district_id=fresh.district_id, status=PlanStatus.PUBLISHED)
                .exclude(pk=fresh.pk)
            )
            for old in previous:
                old.status = PlanStatus.ARCHIVED
                old.updated_at, old.updated_by = now, actor
                old.save(update_fields=["status", "updated_at", "updated_by"])
                _audit(old, actor, "archive", replaced_by=str(fresh.public_id))
            fresh.published_at = now
        fresh.status = to
        fresh.updated_at, fresh.updated_by = now, actor
        fresh.save(update_fields=["status", "published_at", "updated_at", "updated_by"])
        _audit(fresh, actor, use_case)
    plan.status, plan.published_at, plan.updated_at = fresh.status, fresh.published_at, now
    return plan


def _audit(plan: NeighbourhoodPlan, actor, use_case: str, **detail) -> None:
    record(
        user=actor,
        action=Action.UPDATE,
        purpose=Purpose.ADMINISTRATION,
        object_type="neighbourhood_plan",
        object_id=str(plan.public_id),
        detail={"use_case": use_case, "status": plan.status, **detail},
    )
