"""The one way to fetch a case for a user: need-to-know first (404 and a denied audit
line otherwise). The case page shows the household's members, so the read is audited
with a line per current member."""

from __future__ import annotations

import uuid

from django.db.models import F
from django.http import Http404

from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases.models import Case
from wijkkracht.households.models import HouseholdMembership


def get_case_for_user(user, public_id, *, audit_read: bool = True):
    """Returns the case and the household's current memberships. ``audit_read=False`` for
    a change (its use case writes the line)."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    case = (
        Case.objects.visible_to(user)
        .filter(public_id=key)
        .select_related(
            "household__address",
            "team",
            "coordinator__organisation",
            "support_request",
            "previous_case",
        )
        .first()
    )
    if case is None:
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="case",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    memberships = list(
        HouseholdMembership.objects.current()
        .filter(household_id=case.household_id)
        .select_related("resident")
        .order_by(F("resident__date_of_birth").asc(nulls_last=True), "pk")
    )
    if audit_read:
        record_many(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="case",
            items=[(str(key), m.resident) for m in memberships] or [(str(key), None)],
        )
    return case, memberships
