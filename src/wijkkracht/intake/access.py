"""The one way to fetch a support question for a user: filtered by
``SupportRequest.objects.visible_to(user)`` first, so what the user may not see is a 404,
and every attempt is audited with the purpose "intake"."""

from __future__ import annotations

import uuid

from django.http import Http404

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.intake.models import SupportRequest


def get_request_for_user(user, public_id) -> SupportRequest:
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    support_request = (
        SupportRequest.objects.visible_to(user)
        .filter(public_id=key)
        .select_related(
            "municipality",
            "team",
            "registered_by",
            "referrer_organisation",
            "resident",
            "assigned_to",
            "address",
        )
        .first()
    )
    if support_request is None:
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.INTAKE,
            object_type="support_request",
            object_id=str(key),
            outcome=Outcome.DENIED,
        )
        raise Http404
    record(
        user=user,
        action=Action.READ,
        purpose=Purpose.INTAKE,
        object_type="support_request",
        object_id=str(key),
        resident=support_request.resident,
    )
    return support_request
