"""The one way to fetch a resident for a user: filtered by need-to-know first, so that
what the user may not see is a 404, and every attempt is audited."""

from __future__ import annotations

import uuid

from django.http import Http404

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.residents.models import Resident


def get_resident_for_user(user, public_id, *, purpose: Purpose = Purpose.CARE) -> Resident:
    try:
        key = uuid.UUID(str(public_id))
    except ValueError as exc:
        raise Http404 from exc
    resident = (
        Resident.objects.visible_to(user).filter(public_id=key).select_related("municipality")
    ).first()
    if resident is None:
        record(
            user=user,
            action=Action.READ,
            purpose=purpose,
            object_type="resident",
            object_id=str(key),
            resident=key,
            outcome=Outcome.DENIED,
        )
        raise Http404
    record(
        user=user,
        action=Action.READ,
        purpose=purpose,
        object_type="resident",
        object_id=str(key),
        resident=resident,
    )
    return resident
