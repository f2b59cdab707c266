"""Use cases that change a neighbourhood plan. Each runs in one transaction, checks that
the plan may still be changed (``workflow.EDITABLE``) and writes its own audit line.
Status changes are in ``workflow``."""

from __future__ import annotations

import datetime
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.areas.models import District
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.neighbourhoodplans import indicators as indicator_list
from wijkkracht.neighbourhoodplans.models import (
    ActionStatus,
    Engagement,
    NeighbourhoodPlan,
    Priority,
    PriorityAction,
)
from wijkkracht.neighbourhoodplans.workflow import check_editable


class ActionData(TypedDict, total=False):
    what: str
    owner_organisation: str
    owner_team: str
    contact_person: str
    starts_on: datetime.date | None
    due_on: datetime.date | None
    status: str


def _audit(plan: NeighbourhoodPlan, actor, action: Action, use_case: str, **detail) -> None:
    record(
        user=actor,
        action=action,
        purpose=Purpose.ADMINISTRATION,
        object_type="neighbourhood_plan",
        object_id=str(plan.public_id),
        detail={"use_case": use_case, **detail},
    )


def _check_period(first_year: int, last_year: int) -> None:
    if last_year < first_year:
        raise ValidationError(
            {"last_year": _("The last year cannot be before the first year.")},
            code="period",
        )


def _touch(plan: NeighbourhoodPlan, actor) -> None:
    plan.updated_at = timezone.now()
    plan.updated_by = actor
    plan.save(update_fields=["updated_at", "updated_by"])


def _locked(plan: NeighbourhoodPlan) -> NeighbourhoodPlan:
    fresh = NeighbourhoodPlan.objects.select_for_update().get(pk=plan.pk)
    check_editable(fresh)
    return fresh


def create_plan(
    *,
    district: District,
    title: str,
    first_year: int,
    last_year: int,
    summary: str,
    actor,
) -> NeighbourhoodPlan:
    """A new draft plan for ``district``, in one of the actor's municipalities."""
    if district.municipality_id not in actor.municipality_ids():
        raise ValidationError({"district": _("Choose a district of your municipality.")})
    _check_period(first_year, last_year)
    with transaction.atomic():
        plan = NeighbourhoodPlan.objects.create(
            municipality_id=district.municipality_id,
            district=district,
            title=title.strip(),
            first_year=first_year,
            last_year=last_year,
            summary=summary.strip(),
            updated_by=actor,
        )
        _audit(plan, actor, Action.CREATE, "create_plan", district=district.code)
    return plan


def update_plan(
    *, plan: NeighbourhoodPlan, title: str, first_year: int, last_year: int, summary: str, actor
) -> NeighbourhoodPlan:
    _check_period(first_year, last_year)
    with transaction.atomic():
        fresh = _locked(plan)
        changed = [
            name
            for name, value in (
                ("title", title.strip()),
                ("first_year", first_year),
                ("last_year", last_year),
                ("summary", summary.strip()),
            )
            if getattr(fresh, name) != value
        ]
        fresh.title, fresh.summary = title.strip(), summary.strip()
        fresh.first_year, fresh.last_year = first_year, last_year
        fresh.save(update_fields=["title", "summary", "first_year", "last_year"])
        _touch(fresh, actor)
        _audit(fresh, actor, Action.UPDATE, "update_plan", fields=changed)
    return fresh


def add_engagement(
    *,
    plan: NeighbourhoodPlan,
    kind: str,
    held_on: datetime.date,
    description: str,
    partners: str,
    actor,
) -> Engagement:
    if kind not in Engagement.Kind.values:
        raise ValidationError({"kind": _("Choose how residents or partners took part.")})
    with transaction.atomic():
        fresh = _locked(plan)
        engagement = Engagement.objects.create(
            plan=fresh,
            kind=kind,
            held_on=held_on,
            description=description.strip(),
            partners=", ".join(p.strip() for p in partners.split(",") if p.strip()),
        )
        _touch(fresh, actor)
        _audit(fresh, actor, Action.UPDATE, "add_engagement", kind=kind)
    return engagement


def remove_engagement(*, plan: NeighbourhoodPlan, engagement_id: int, actor) -> None:
    with transaction.atomic():
        fresh = _locked(plan)
        deleted, _rows = Engagement.objects.filter(plan=fresh, pk=engagement_id).delete()
        if not deleted:
            raise ValidationError(_("This participation is not part of the plan."))
        _touch(fresh, actor)
        _audit(fresh, actor, Action.UPDATE, "remove_engagement")


def save_priority(
    *,
    plan: NeighbourhoodPlan,
    priority: Priority | None,
    title: str,
    description: str,
    indicators: list[str],
    actions: list[ActionData],
    actor,
) -> Priority:
    """Create a priority (``priority=None``) or change one; its actions are replaced by
    ``actions`` in the order given."""
    unknown = [code for code in indicators if not indicator_list.is_known(code)]
    if unknown:
        raise ValidationError(
            {"indicators": _("Unknown indicator: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    if not indicators:
        raise ValidationError({"indicators": _("Choose at least one indicator.")})
    for data in actions:
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            raise ValidationError(_("An action cannot be ready before it starts."))
        if data.get("status", ActionStatus.PLANNED) not in ActionStatus.values:
            raise ValidationError(_("Choose the status of each action."))
    with transaction.atomic():
        fresh = _locked(plan)
        if priority is None:
            priority = Priority(plan=fresh, order=fresh.priorities.count())
            created = True
        else:
            if priority.plan_id != fresh.pk:
                raise ValidationError(_("This priority is not part of the plan."))
            created = False
        priority.title = title.strip()
        priority.description = description.strip()
        priority.indicators = indicator_list.ordered(indicators)
        priority.save()
        priority.actions.all().delete()
        PriorityAction.objects.bulk_create(
            [
                PriorityAction(
                    priority=priority,
                    what=data["what"].strip(),
                    owner_organisation=data["owner_organisation"].strip(),
                    owner_team=(data.get("owner_team") or "").strip(),
                    contact_person=(data.get("contact_person") or "").strip(),
                    starts_on=data.get("starts_on"),
                    due_on=data.get("due_on"),
                    status=data.get("status") or ActionStatus.PLANNED,
                    order=order,
                )
                for order, data in enumerate(actions)
            ]
        )
        _touch(fresh, actor)
        _audit(
            fresh,
            actor,
            Action.UPDATE,
            "add_priority" if created else "change_priority",
            priority=str(priority.public_id),
            indicators=priority.indicators,
            actions=len(actions),
        )
    return priority


def remove_priority(*, plan: NeighbourhoodPlan, priority: Priority, actor) -> None:
    with transaction.atomic():
        fresh = _locked(plan)
        if priority.plan_id != fresh.pk:
            raise ValidationError(_("This priority is not part of the plan."))
        key = str(priority.public_id)
        priority.delete()
        _touch(fresh, actor)
        _audit(fresh, actor, Action.UPDATE, "remove_priority", priority=key)
