"""Break the glass: emergency access to a resident outside need-to-know."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.involvements.models import BreakGlass
from wijkkracht.residents.models import Resident

MIN_REASON_LENGTH = 20


def break_the_glass(*, user, resident_public_id, reason: str) -> BreakGlass:
    """Grant the user time-limited access to one resident of their own municipality.
    The grant and every read under it are audited and flagged to the privacy officer."""
    reason = (reason or "").strip()
    resident = (
        Resident.objects.in_municipalities_of(user).filter(public_id=resident_public_id).first()
        if has_capability(user, Capability.BREAK_GLASS)
        else None
    )
    if resident is None:
        record(
            user=user,
            action=Action.BREAK_GLASS,
            purpose=Purpose.EMERGENCY,
            object_type="resident",
            object_id=str(resident_public_id),
            resident=resident_public_id,
            outcome=Outcome.DENIED,
        )
        raise Http404
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("Write down why you need access now (at least %(n)d characters).")
                % {"n": MIN_REASON_LENGTH}
            }
        )
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlass.objects.create(
            user=user,
            resident=resident,
            reason=reason,
            granted_at=now,
            expires_at=now + timedelta(minutes=settings.BREAK_GLASS_MINUTES),
        )
        record(
            user=user,
            action=Action.BREAK_GLASS,
            purpose=Purpose.EMERGENCY,
            object_type="break_glass",
            object_id=str(grant.public_id),
            resident=resident,
            detail={"minutes": settings.BREAK_GLASS_MINUTES},
        )
    return grant


def review_break_glass(*, grant: BreakGlass, reviewer, note: str) -> BreakGlass:
    if not has_capability(reviewer, Capability.VIEW_AUDIT):
        raise Http404
    with transaction.atomic():
        grant.reviewed_at = timezone.now()
        grant.reviewed_by = reviewer
        grant.review_note = note.strip()
        grant.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
        record(
            user=reviewer,
            action=Action.UPDATE,
            purpose=Purpose.SUPERVISION,
            object_type="break_glass",
            object_id=str(grant.public_id),
            resident=grant.resident.public_id,
        )
    return grant
