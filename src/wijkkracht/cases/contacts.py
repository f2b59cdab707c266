"""Contacts with the household (a call, a home visit, …): a timeline line each, so the
file and the caseload's "last contact" show them. Everyone who works on the case may
record one."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.cases import changes
from wijkkracht.cases.models import Case, TimelineEntry
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.intake.models import ContactPreference


def register_contact(
    *,
    case: Case,
    at: dt.datetime,
    method: str,
    summary: str,
    actor,
    member=None,
    expected_version: int | None = None,
) -> TimelineEntry:
    with transaction.atomic():
        fresh = changes.locked(case, actor=actor, expected_version=expected_version, manage=False)
        if at is None:
            raise ValidationError({"at": _("Fill in when the contact took place.")})
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        if at > timezone.now():
            raise ValidationError({"at": _("A contact cannot be in the future.")})
        if method not in ContactPreference.values:
            raise ValidationError({"method": _("Choose how the contact took place.")})
        summary = changes.text(summary, "summary", _("what the contact was about"))
        if (
            member is not None
            and not HouseholdMembership.objects.filter(
                household_id=fresh.household_id, resident=member
            ).exists()
        ):
            raise ValidationError({"member": _("Choose a member of the household.")})
        entry = TimelineEntry.objects.create(
            case=fresh,
            kind=TimelineEntry.Kind.CONTACT,
            at=at,
            actor=actor,
            member=member,
            summary=f"{ContactPreference(method).label.capitalize()}: {summary}"[:300],
        )
        changes.save(fresh, [])
        changes.audit(fresh, "register_contact", actor=actor, method=method)
    changes.copy_back(case, fresh)
    return entry
