"""Service level: first contact within N working days (default 5, per municipality)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wijkkracht.core.working_days import add_working_days


def first_contact_due(municipality, received_at: dt.datetime) -> dt.date:
    return add_working_days(timezone.localdate(received_at), municipality.first_contact_days)
