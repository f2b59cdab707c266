"""The one way to fetch a neighbourhood plan: staff only within their own municipalities
(404 and a denied audit line otherwise); the public only published plans."""

from __future__ import annotations

import uuid

from django.http import Http404

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.neighbourhoodplans.models import NeighbourhoodPlan


def get_plan_for_user(user, public_id, *, for_update: bool = False) -> NeighbourhoodPlan:
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    plans = NeighbourhoodPlan.objects.of_municipalities(user.municipality_ids()).select_related(
        "municipality", "district", "updated_by"
    )
    if for_update:
        plans = plans.select_for_update(of=("self",))
    plan = plans.filter(public_id=key).first()
    if plan is None:
        record(
            user=user,
            action=Action.UPDATE if for_update else Action.READ,
            purpose=Purpose.ADMINISTRATION,
            object_type="neighbourhood_plan",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    return plan


def get_published_plan(municipality_code: str, district_code: str) -> NeighbourhoodPlan:
    """The district's published plan, for the public page (no login, nothing audited:
    it holds no personal data)."""
    plan = (
        NeighbourhoodPlan.objects.published()
        .filter(
            municipality__code=str(municipality_code).upper(),
            district__code=str(district_code).upper(),
        )
        .select_related("municipality", "district")
        .first()
    )
    if plan is None:
        raise Http404
    return plan
