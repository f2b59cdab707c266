"""Intake figures per team (or the municipality-wide queue, or a whole municipality) and
quarter: questions in, waiting time to first contact in working days (median, p90),
currently overdue, outcome mix and channels. Counts only, never a person.

Counting rules
--------------
* *Questions in*, *channels*: questions received in the period.
* *Waiting time*: of the questions received in the period with a first contact, the
  working days from the day of receipt to the day of first contact
  (``core.working_days.working_days_between``: same day = 0).
* *Currently overdue*: open questions without first contact whose due date has passed,
  today, whatever the period.
* *Outcomes*: questions closed in the period, by outcome.

Every figure comes from four GROUP BY queries for all teams at once, whatever the number
of questions; percentiles come from one ``values_list`` of dates per period. Used by the
team lead overview and, later, the neighbourhood monitor: ``team_figures``,
``municipality_figures`` and ``figures_by_team`` return ``IntakeFigures``.

Disclosure control (``disclosed``): as in the neighbourhood monitor, counts below
``monitor.aggregates.THRESHOLD`` are hidden, plus one more count where a hidden one
could be worked out by subtraction (channels add up to the questions in, outcomes to the
closed questions); waiting times based on fewer questions than the threshold are hidden.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.core.working_days import is_working_day
from wijkkracht.intake.models import Channel, IntakeOutcome, Status, SupportRequest
from wijkkracht.monitor.aggregates import MARKER, THRESHOLD, suppress

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str | None) -> Quarter | None:
        found = QUARTER.match((text or "").strip())
        if not found:
            return None
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the quarter."""
        return self.next().start

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Start and end as aware datetimes at local midnight."""
        return _midnight(self.start), _midnight(self.end)

    @property
    def label(self) -> str:
        return _("Q%(number)d %(year)d") % {"number": self.number, "year": self.year}

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def recent_quarters(today: dt.date, count: int = 8) -> list[Quarter]:
    quarters = [Quarter.containing(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


@dataclass(frozen=True)
class IntakeFigures:
    questions_in: int = 0
    contacted: int = 0  # of the questions in: with a first contact (basis of the waits)
    wait_median: float | None = None  # working days
    wait_p90: float | None = None
    overdue_now: int = 0
    closed: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    channels: dict[str, int] = field(default_factory=dict)


class WorkingDayIndex:
    """Working days between dates by cumulative counts: one pass over the calendar,
    then a subtraction per question."""

    def __init__(self) -> None:
        self._first: dt.date | None = None
        self._cumulative: list[int] = []

    def _extend(self, low: dt.date, high: dt.date) -> None:
        if self._first is not None:
            last = self._first + dt.timedelta(days=len(self._cumulative) - 1)
            if self._first <= low and high <= last:
                return
            low, high = min(low, self._first), max(high, last)
        cumulative, count, day = [], 0, low
        while day <= high:
            if day != low and is_working_day(day):
                count += 1
            cumulative.append(count)
            day += dt.timedelta(days=1)
        self._first, self._cumulative = low, cumulative

    def between(self, start: dt.date, end: dt.date) -> int:
        """As ``working_days_between``: working days after ``start`` up to ``end``."""
        if end <= start:
            return 0
        self._extend(start, end)
        first = self._first
        return self._cumulative[(end - first).days] - self._cumulative[(start - first).days]


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks (as ``statistics.quantiles`` with
    the inclusive method); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def _grouped(
    queryset: QuerySet, group: tuple[str, ...], period: Quarter, today: dt.date
) -> dict[tuple, IntakeFigures]:
    """Figures per value of the ``group`` fields (keys are tuples of those values)."""
    start, end = period.bounds()
    received = queryset.filter(received_at__gte=start, received_at__lt=end)
    channels: dict[Hashable, dict[str, int]] = {}
    for row in received.values(*group, "channel").annotate(n=Count("pk")).order_by():
        channels.setdefault(tuple(row[f] for f in group), {})[row["channel"]] = row["n"]
    outcomes: dict[Hashable, dict[str, int]] = {}
    closed = queryset.filter(status=Status.CLOSED, closed_at__gte=start, closed_at__lt=end).exclude(
        outcome=""
    )
    for row in closed.values(*group, "outcome").annotate(n=Count("pk")).order_by():
        outcomes.setdefault(tuple(row[f] for f in group), {})[row["outcome"]] = row["n"]
    overdue: dict[Hashable, int] = {
        tuple(row[f] for f in group): row["n"]
        for row in queryset.filter(
            ~Q(status=Status.CLOSED),
            first_contact_at__isnull=True,
            first_contact_due__lt=today,
        )
        .values(*group)
        .annotate(n=Count("pk"))
        .order_by()
    }
    index = WorkingDayIndex()
    waits: dict[Hashable, list[int]] = {}
    contacts = received.filter(first_contact_at__isnull=False)
    for *key, received_at, contact_at in contacts.values_list(
        *group, "received_at", "first_contact_at"
    ):
        waits.setdefault(tuple(key), []).append(
            index.between(timezone.localdate(received_at), timezone.localdate(contact_at))
        )
    result = {}
    for key in set(channels) | set(outcomes) | set(overdue) | set(waits):
        by_channel = channels.get(key, {})
        by_outcome = outcomes.get(key, {})
        key_waits = waits.get(key, [])
        result[key] = IntakeFigures(
            questions_in=sum(by_channel.values()),
            contacted=len(key_waits),
            wait_median=statistics.median(key_waits) if key_waits else None,
            wait_p90=percentile(key_waits, 0.9),
            overdue_now=overdue.get(key, 0),
            closed=sum(by_outcome.values()),
            outcomes={code: by_outcome.get(code, 0) for code in IntakeOutcome.values},
            channels={code: by_channel.get(code, 0) for code in Channel.values},
        )
    return result


def empty_figures() -> IntakeFigures:
    return IntakeFigures(
        outcomes=dict.fromkeys(IntakeOutcome.values, 0),
        channels=dict.fromkeys(Channel.values, 0),
    )


def figures_by_team(
    period: Quarter, *, municipality_ids: Iterable[int], today: dt.date | None = None
) -> dict[tuple[int, int | None], IntakeFigures]:
    """Figures of every team of the municipalities, keyed (municipality id, team id);
    team id None is the municipality-wide intake queue. Teams without any question in
    the period are missing (use ``empty_figures``)."""
    today = today or timezone.localdate()
    ids = list(municipality_ids)
    queryset = SupportRequest.objects.filter(municipality_id__in=ids)
    result: dict[tuple[int, int | None], IntakeFigures] = {}
    queue = _grouped(queryset.filter(team__isnull=True), ("municipality_id",), period, today)
    for (municipality_id,), figures in queue.items():
        result[(municipality_id, None)] = figures
    per_team = _grouped(
        queryset.filter(team__isnull=False), ("municipality_id", "team_id"), period, today
    )
    result.update(per_team)
    return result


def team_figures(
    team, period: Quarter, *, municipality=None, today: dt.date | None = None
) -> IntakeFigures:
    """Figures of one team; ``team`` None with a ``municipality``: its intake queue."""
    today = today or timezone.localdate()
    if team is None:
        if municipality is None:
            raise ValueError("the intake queue needs its municipality")
        queryset = SupportRequest.objects.filter(municipality=municipality, team__isnull=True)
        key = municipality.pk
    else:
        queryset = SupportRequest.objects.filter(team=team)
        key = team.municipality_id
    return _grouped(queryset, ("municipality_id",), period, today).get((key,), empty_figures())


def municipality_figures(
    municipality, period: Quarter, *, today: dt.date | None = None
) -> IntakeFigures:
    today = today or timezone.localdate()
    rows = _grouped(
        SupportRequest.objects.filter(municipality=municipality),
        ("municipality_id",),
        period,
        today,
    )
    return rows.get((municipality.pk,), empty_figures())


# --- Disclosure control ----------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One figure as it may be shown: ``value`` None when hidden."""

    value: float | int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return MARKER
        if isinstance(self.value, float) and not self.value.is_integer():
            return f"{self.value:.1f}"
        return str(int(self.value))


@dataclass(frozen=True)
class DisclosedFigures:
    questions_in: Shown
    wait_median: Shown
    wait_p90: Shown
    overdue_now: Shown
    closed: Shown
    outcomes: list[tuple[str, Shown]]
    channels: list[tuple[str, Shown]]


def disclosed(figures: IntakeFigures, *, threshold: int = THRESHOLD) -> DisclosedFigures:
    values: dict[Hashable, int] = {
        "in": figures.questions_in,
        "overdue": figures.overdue_now,
        "closed": figures.closed,
    }
    values.update({("channel", c): n for c, n in figures.channels.items()})
    values.update({("outcome", o): n for o, n in figures.outcomes.items()})
    relations = [
        ("in", [("channel", c) for c in figures.channels]),
        ("closed", [("outcome", o) for o in figures.outcomes]),
    ]
    hidden = suppress(values, relations, threshold=threshold)

    def shown(key) -> Shown:
        return Shown(None if key in hidden else values[key])

    waits_hidden = figures.contacted < threshold
    return DisclosedFigures(
        questions_in=shown("in"),
        wait_median=Shown(None if waits_hidden else figures.wait_median),
        wait_p90=Shown(None if waits_hidden else figures.wait_p90),
        overdue_now=shown("overdue"),
        closed=shown("closed"),
        outcomes=[(o, shown(("outcome", o))) for o in figures.outcomes],
        channels=[(c, shown(("channel", c))) for c in figures.channels],
    )
