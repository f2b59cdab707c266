"""Ending involvements that expired: no activity for ``INVOLVEMENT_EXPIRY_DAYS``.

``Involvement.objects.active()`` already ignores them; this makes the end final and
visible (``ended_on``), so that the history shows when need-to-know ended."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from wijkkracht.audit.log import record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.involvements.models import Involvement

CHUNK = 1000


def expire_involvements(*, now=None) -> int:
    """Set ``ended_on`` to the expiry day of every expired involvement; one audit line per
    involvement (system action). Returns the number ended; a second run ends none."""
    now = now or timezone.now()
    ended = 0
    while True:
        with transaction.atomic():
            batch = list(
                Involvement.objects.expired(now)
                .select_for_update()
                .select_related("resident")
                .order_by("pk")[:CHUNK]
            )
            if not batch:
                return ended
            for involvement in batch:
                involvement.ended_on = involvement.expires_on
            Involvement.objects.bulk_update(batch, ["ended_on"])
            record_many(
                user=None,
                action=Action.UPDATE,
                purpose=Purpose.ADMINISTRATION,
                object_type="involvement",
                items=[(str(i.public_id), i.resident) for i in batch],
                detail={"ended": "expired"},
            )
            ended += len(batch)
