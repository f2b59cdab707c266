"""The one way to fetch a household for a user (need-to-know first, 404 otherwise).
A household page shows its members, so a line is written for every member shown."""

from __future__ import annotations

import uuid

from django.db.models import F
from django.http import Http404

from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.households.models import Household, HouseholdMembership


def get_household_for_user(user, public_id, *, purpose: Purpose = Purpose.CARE):
    """Returns the household and its memberships (current first), audited per member."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    household = (
        Household.objects.visible_to(user)
        .filter(public_id=key)
        .select_related("address__neighbourhood__district", "municipality")
        .first()
    )
    if household is None:
        record(
            user=user,
            action=Action.READ,
            purpose=purpose,
            object_type="household",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    memberships = list(
        HouseholdMembership.objects.filter(household=household)
        .select_related("resident")
        .order_by(F("ended_on").desc(nulls_first=True), "resident__date_of_birth")
    )
    record_many(
        user=user,
        action=Action.READ,
        purpose=purpose,
        object_type="household",
        items=[(str(key), m.resident) for m in memberships] or [(str(key), None)],
    )
    return household, memberships
