"""The one way to fetch a decision for a user: ``Decision.objects.visible_to`` first (404
and a denied audit line otherwise), every read audited with the resident's pseudonym."""

from __future__ import annotations

import uuid

from django.http import Http404

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.decisions.models import Decision


def get_decision_for_user(
    user, public_id, *, audit_read: bool = True, action: Action = Action.READ
) -> Decision:
    """``audit_read=False`` for a change (its use case writes the line)."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    decision = (
        Decision.objects.visible_to(user)
        .filter(public_id=key)
        .select_related(
            "municipality",
            "resident",
            "household__address",
            "case__coordinator",
            "plan_action",
            "provision",
            "requested_by",
            "decided_by",
            "provider",
            "preferred_provider",
        )
        .first()
    )
    if decision is None:
        record(
            user=user,
            action=action,
            purpose=Purpose.CARE,
            object_type="decision",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    if audit_read:
        record(
            user=user,
            action=action,
            purpose=Purpose.CARE,
            object_type="decision",
            object_id=str(key),
            resident=decision.resident,
        )
    return decision


def may_decide(user, decision: Decision) -> bool:
    return (
        has_capability(user, Capability.DECIDE)
        and decision.municipality_id in user.municipality_ids()
    )


def may_request_for(user, decision: Decision) -> bool:
    """Who may withdraw a request: whoever may request for the decision's case."""
    from wijkkracht.cases.service import may_work_on

    if not has_capability(user, Capability.REQUEST_DECISION):
        return False
    if decision.case_id is None:
        return decision.requested_by_id == user.pk
    return may_work_on(user, decision.case)
