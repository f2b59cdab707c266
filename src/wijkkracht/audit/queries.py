"""Reads of the audit log and of break-the-glass grants for the privacy officer.

Which lines a privacy officer sees (the municipality rule)
-----------------------------------------------------------
A privacy officer supervises the municipalities they work for ("own municipalities").
A line is shown when

1. it concerns a resident of an own municipality (``resident_pseudonym`` is the
   pseudonymous id of such a resident), whoever wrote it; or
2. it was written by a user who works for an own municipality (or, for a failed log-in
   without a user, names the username of such a user), *and* it does not concern a
   resident of another municipality. Lines about no resident (log-ins, searches) and
   denied attempts with an id that belongs to no resident fall under this rule.

So an officer of municipality A never sees a line about a resident of B, not even when a
colleague who works for both A and B wrote it: that line belongs to B's officer.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, Func, Q, QuerySet, Value, When
from django.utils import timezone

from wijkkracht.accounts.models import User
from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.models import AuditEntry
from wijkkracht.involvements.models import BreakGlass
from wijkkracht.residents.models import Resident


class UUIDText(Func):
    """A UUID column as the canonical text with hyphens, as the audit log stores it.

    PostgreSQL casts ``uuid`` to that text; SQLite stores UUIDs as 32 hex digits, so the
    hyphens are put back."""

    output_field = CharField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql})::text", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        pieces = [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]
        parts = " || '-' || ".join(f"substr({sql}, {start}, {length})" for start, length in pieces)
        return f"lower({parts})", params * len(pieces)


def _pseudonyms(residents: QuerySet) -> QuerySet:
    return residents.annotate(pseudonym=UUIDText("public_id")).values("pseudonym")


def lines_for_officer(user) -> QuerySet:
    """The audit lines this privacy officer may see, newest first (rule: module docstring)."""
    if not has_capability(user, Capability.VIEW_AUDIT):
        return AuditEntry.objects.none()
    municipality_ids = user.municipality_ids()
    own_residents = Resident.objects.filter(municipality_id__in=municipality_ids)
    other_residents = Resident.objects.exclude(municipality_id__in=municipality_ids)
    own_staff = User.objects.filter(municipalities__in=municipality_ids)
    by_own_staff = Q(user_id_value__in=own_staff.values("pk")) | Q(
        user_id_value__isnull=True, username__in=own_staff.values("username")
    )
    not_about_others = Q(resident_pseudonym="") | ~Q(
        resident_pseudonym__in=_pseudonyms(other_residents)
    )
    return AuditEntry.objects.filter(
        Q(resident_pseudonym__in=_pseudonyms(own_residents)) | (by_own_staff & not_about_others)
    ).order_by("-seq")


def filter_lines(
    lines: QuerySet,
    *,
    pseudonyms: list[str] | None = None,
    username: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    action: str = "",
    outcome: str = "",
) -> QuerySet:
    """Narrow audit lines by search criteria. ``pseudonyms=None`` means any resident; an
    empty list means the resident lookup found nobody, so no lines. Dates are whole days
    in the local time zone, both inclusive."""
    if pseudonyms is not None:
        lines = lines.filter(resident_pseudonym__in=pseudonyms) if pseudonyms else lines.none()
    if username:
        lines = lines.filter(username__iexact=username)
    if date_from:
        lines = lines.filter(timestamp__gte=_start_of(date_from))
    if date_to:
        lines = lines.filter(timestamp__lt=_start_of(date_to + dt.timedelta(days=1)))
    if action:
        lines = lines.filter(action=action)
    if outcome:
        lines = lines.filter(outcome=outcome)
    return lines


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def break_glass_for_officer(user) -> QuerySet:
    """Break-the-glass grants concerning residents of the officer's municipalities,
    unreviewed first, newest first within each group."""
    if not has_capability(user, Capability.VIEW_AUDIT):
        return BreakGlass.objects.none()
    unreviewed_first = Case(When(reviewed_at__isnull=True, then=Value(0)), default=Value(1))
    return (
        BreakGlass.objects.filter(resident__municipality_id__in=user.municipality_ids())
        .select_related("user__organisation", "resident", "reviewed_by")
        .order_by(unreviewed_first, "-granted_at", "-pk")
    )


def unreviewed_break_glass_count(user) -> int:
    """How many grants in the officer's municipalities still wait for a review (0 for
    users who do not review). For the privacy officer's home dashboard."""
    if not has_capability(user, Capability.VIEW_AUDIT):
        return 0
    return BreakGlass.objects.filter(
        resident__municipality_id__in=user.municipality_ids(), reviewed_at__isnull=True
    ).count()
