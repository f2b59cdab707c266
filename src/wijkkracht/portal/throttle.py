"""Throttling anonymous portal questions: at most PORTAL_SUBMISSIONS_PER_HOUR new
questions per sender per hour. The sender is a keyed hash of the IP address
(``intake.registration.fingerprint``), stored on the question; not the address."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from wijkkracht.intake.models import Channel, SupportRequest

WINDOW = timedelta(hours=1)


def is_throttled(fingerprint: str) -> bool:
    since = timezone.now() - WINDOW
    sent = SupportRequest.objects.filter(
        submitter_fingerprint=fingerprint, channel=Channel.PORTAL, received_at__gte=since
    ).count()
    return sent >= settings.PORTAL_SUBMISSIONS_PER_HOUR
