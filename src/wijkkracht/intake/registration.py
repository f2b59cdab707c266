"""Registering a support question: from the portal, a partner's professional, or a
partner system. One function for every channel, so routing, the service level, the
idempotency key and the audit line are the same everywhere."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from wijkkracht.areas.models import normalise_postcode
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.intake.models import Channel, SupportRequest
from wijkkracht.intake.routing import route
from wijkkracht.intake.sla import first_contact_due


def fingerprint(ip: str) -> str:
    """A keyed hash of the sender's address: enough to throttle, useless to identify."""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def register_request(
    *,
    actor,
    municipality,
    channel: Channel | str,
    description: str,
    life_domains: Iterable[str] = (),
    name: str = "",
    date_of_birth: dt.date | None = None,
    bsn: str = "",
    email: str = "",
    phone: str = "",
    postcode: str = "",
    house_number: int | None = None,
    house_number_addition: str = "",
    contact_preference: str = "",
    contact_moment: str = "",
    consent_to_contact: bool = False,
    referrer_organisation=None,
    referrer_name: str = "",
    api_client=None,
    idempotency_key: str | None = None,
    submitter_fingerprint: str = "",
) -> tuple[SupportRequest, bool]:
    """Create, route and audit one question. Returns (question, created); a retry with
    the same idempotency key returns the first question and creates nothing.
    ``actor`` is None for an anonymous portal submission. Input is validated by the
    caller's form or serializer; the database constraints guard the rest."""
    if idempotency_key:
        existing = SupportRequest.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    postcode = normalise_postcode(postcode)
    where = route(
        municipality=municipality,
        postcode=postcode,
        house_number=house_number,
        house_number_addition=house_number_addition,
    )
    now = timezone.now()
    request = SupportRequest(
        municipality=municipality,
        channel=str(channel),
        received_at=now,
        description=description.strip(),
        life_domains=sorted(set(life_domains)),
        name=name.strip(),
        date_of_birth=date_of_birth,
        bsn=bsn or "",
        email=email.strip(),
        phone=phone.strip(),
        postcode=postcode,
        house_number=house_number,
        house_number_addition=house_number_addition.strip(),
        contact_preference=contact_preference,
        contact_moment=contact_moment.strip(),
        consent_to_contact=consent_to_contact,
        registered_by=actor if actor is not None and actor.is_authenticated else None,
        referrer_organisation=referrer_organisation,
        referrer_name=referrer_name.strip(),
        api_client=api_client,
        idempotency_key=idempotency_key or None,
        submitter_fingerprint=submitter_fingerprint,
        address=where.address,
        team=where.team,
        routing_note=where.note,
        first_contact_due=first_contact_due(municipality, now),
    )
    try:
        with transaction.atomic():
            request.save(force_insert=True)
            record(
                user=actor,
                action=Action.CREATE,
                purpose=Purpose.INTAKE,
                object_type="support_request",
                object_id=str(request.public_id),
                detail={"channel": str(channel), "routed": "team" if where.team else "queue"},
            )
    except IntegrityError:
        if idempotency_key:  # a concurrent retry won the race: return its question
            existing = SupportRequest.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
        raise
    return request, True
