"""How each figure of the monitor is counted: the ten performance indicators (codes in
``monitor.definitions``) and the own figures of the neighbourhood profile (wijkfoto).
docs/indicators.md explains the same formulas for readers; keep both in step.

Every function here reads the database set-based, for a whole municipality at once: a
GROUP BY over (neighbourhood, team, provider, quarter) returns *partial sums*
(``Partial``), which ``monitor.recompute`` adds up to neighbourhoods, districts, the
municipality, teams and providers. Medians cannot be added up, so the two waiting-time
indicators return one duration per question or case instead (``Sample``), from one
``values_list`` query. Nothing here leaves the monitor before disclosure control.

Dimensions of an item
---------------------
* *neighbourhood*: of the address of the question, or of the household's address for a
  case (a case, plan, assessment or evaluation belongs to its household);
* *team*: the team of the question, or the team that keeps the case;
* *provider*: the organisation of the professional who does the work: the professional
  the question is assigned to (else the team's organisation) for questions; the case's
  coordinator for cases and everything in them.

Periods are calendar quarters in the local time zone (``2026-Q2``); every indicator says
which date puts an item in a quarter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Q,
    Sum,
)
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone

from wijkkracht.assessments.models import DomainScore
from wijkkracht.cases.models import Case, CaseStatus, Escalation
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.intake.figures import Quarter, WorkingDayIndex
from wijkkracht.intake.models import SupportRequest
from wijkkracht.plans.models import (
    ActionStatus,
    Evaluation,
    GoalOutcome,
    GoalResult,
    PerformerKind,
    PlanAction,
)
from wijkkracht.provisions.models import ProvisionKind

SELF_OR_NETWORK = [PerformerKind.RESIDENT, PerformerKind.NETWORK, PerformerKind.VOLUNTEER]
GENERAL_OR_COLLECTIVE = [ProvisionKind.GENERAL, ProvisionKind.COLLECTIVE]
FOLLOW_UP = dt.timedelta(days=365)


@dataclass(frozen=True)
class Partial:
    """Additive counts of one (neighbourhood, team, provider, quarter) group. ``base`` is
    the number of persons or households the figure is derived from: disclosure control
    looks at it."""

    figure: str
    neighbourhood: int | None
    team: int | None
    provider: int | None
    period: str
    numerator: float
    denominator: float
    base: int


@dataclass(frozen=True)
class Sample:
    """One observation of a median indicator (one question or one case)."""

    figure: str
    neighbourhood: int | None
    team: int | None
    provider: int | None
    period: str
    days: float


def period_of(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return str(Quarter.containing(value))


def window(quarters: list[Quarter]) -> tuple[dt.datetime, dt.datetime]:
    """From the start of the oldest to the end of the newest quarter."""
    oldest, newest = min(quarters), max(quarters)
    return oldest.bounds()[0], newest.bounds()[1]


def _case_dims(prefix: str = "") -> dict:
    return {
        "nb": F(f"{prefix}household__address__neighbourhood_id"),
        "tm": F(f"{prefix}team_id"),
        "pv": F(f"{prefix}coordinator__organisation_id"),
    }


def _partials(figure: str, rows, *, numerator: str, denominator: str, base: str) -> list:
    return [
        Partial(
            figure,
            row["nb"],
            row["tm"],
            row["pv"],
            period_of(row["quarter"]),
            float(row[numerator] or 0),
            float(row[denominator] or 0),
            int(row[base] or 0),
        )
        for row in rows
    ]


# --- kpi01: median working days from question to first contact -------------------------


def first_contact_samples(municipality_id: int, quarters: list[Quarter]) -> list[Sample]:
    """kpi01. Questions received in the quarter that had a first contact; working days
    from the day of receipt to the day of first contact (same day = 0)."""
    start, end = window(quarters)
    rows = (
        SupportRequest.objects.filter(
            municipality_id=municipality_id,
            received_at__gte=start,
            received_at__lt=end,
            first_contact_at__isnull=False,
        )
        .values_list(
            "address__neighbourhood_id",
            "team_id",
            Coalesce("assigned_to__organisation_id", "team__organisation_id"),
            "received_at",
            "first_contact_at",
        )
        .order_by()
    )
    index = WorkingDayIndex()
    index.between(min(quarters).start, max(quarters).end)  # build the calendar once
    samples = []
    for nb, team, provider, received, contacted in rows.iterator(chunk_size=5000):
        day_in = timezone.localtime(received).date()
        samples.append(
            Sample(
                "kpi01",
                nb,
                team,
                provider,
                str(Quarter.containing(day_in)),
                index.between(day_in, timezone.localtime(contacted).date()),
            )
        )
    return samples


# --- kpi02: median days from question to agreed plan ------------------------------------


def agreed_plan_samples(municipality_id: int, quarters: list[Quarter]) -> list[Sample]:
    """kpi02. Cases whose plan was agreed with the resident in the quarter; calendar days
    from the question the case was opened from (else the opening of the case) to the day
    of agreement."""
    oldest, newest = min(quarters), max(quarters)
    rows = (
        Case.objects.filter(
            municipality_id=municipality_id,
            plan__agreed_with_resident_on__gte=oldest.start,
            plan__agreed_with_resident_on__lt=newest.end,
        )
        .values_list(
            "household__address__neighbourhood_id",
            "team_id",
            "coordinator__organisation_id",
            Coalesce("support_request__received_at", "opened_at"),
            "plan__agreed_with_resident_on",
        )
        .order_by()
    )
    samples = []
    for nb, team, provider, asked, agreed in rows.iterator(chunk_size=5000):
        days = max(0, (agreed - timezone.localtime(asked).date()).days)
        samples.append(Sample("kpi02", nb, team, provider, str(Quarter.containing(agreed)), days))
    return samples


# --- kpi03, kpi05, kpi09, kpi10: cases closed in the quarter ----------------------------


def closed_cases(municipality_id: int, quarters: list[Quarter]):
    """The cases closed in the window, as a queryset (for ``__in`` subqueries)."""
    start, end = window(quarters)
    return Case.objects.filter(
        municipality_id=municipality_id,
        status=CaseStatus.CLOSED,
        closed_at__gte=start,
        closed_at__lt=end,
    )


def closed_case_partials(municipality_id: int, quarters: list[Quarter]) -> list[Partial]:
    """Over the cases closed in the quarter (by ``closed_at``):

    * kpi03: of the closed cases with at least one evaluated goal, those where achieved
      goals are at least 80% of the evaluated goals (achieved x 5 >= evaluated x 4);
    * kpi05: of the closed cases, those whose household came back within 12 months of
      closing: a new case of the household, or a question matched to one of its members,
      after the closing and at most 365 days later (provisional until those 12 months
      are over);
    * kpi09: of the closed cases, those ever escalated to the expert team;
    * kpi10: the mean satisfaction (1-10) of the closed cases' evaluations with a score,
      and the response rate: evaluations with a score of the closed cases
      (``kpi10_response``).

    Set-based: one query for the closed cases and their dimensions, then one GROUP BY
    (or plain scan) per fact, each restricted to those cases by a subquery; the facts
    are joined per case here. No correlated subquery per case.
    """
    closed = closed_cases(municipality_id, quarters)
    cases = {
        pk: (household, closed_at, (nb, tm, pv, period_of(closed_at)))
        for pk, household, closed_at, nb, tm, pv in closed.values_list(
            "pk",
            "household_id",
            "closed_at",
            "household__address__neighbourhood_id",
            "team_id",
            "coordinator__organisation_id",
        ).iterator(chunk_size=5000)
    }
    if not cases:
        return []
    in_closed = closed.values("pk")
    results = {
        case_id: (evaluated, achieved)
        for case_id, evaluated, achieved in GoalResult.objects.filter(
            evaluation__case_id__in=in_closed
        )
        .values_list("evaluation__case_id")
        .annotate(
            evaluated=Count("pk"), achieved=Count("pk", filter=Q(result=GoalOutcome.ACHIEVED))
        )
        .order_by()
    }
    scores = dict(
        Evaluation.objects.filter(case_id__in=in_closed, satisfaction__isnull=False)
        .values_list("case_id", "satisfaction")
        .order_by()
    )
    escalated = set(
        Escalation.objects.filter(case_id__in=in_closed)
        .values_list("case_id", flat=True)
        .order_by()
    )
    # Came back: later cases of the same households, and later questions matched to a
    # (current or former) member of them.
    households = closed.values("household_id")
    later: dict[int, list[dt.datetime]] = {}
    for household, opened in (
        Case.objects.filter(household_id__in=households)
        .values_list("household_id", "opened_at")
        .order_by()
        .iterator(chunk_size=5000)
    ):
        later.setdefault(household, []).append(opened)
    for household, received in (
        SupportRequest.objects.filter(
            resident_id__in=HouseholdMembership.objects.filter(household_id__in=households).values(
                "resident_id"
            )
        )
        .values_list("resident__memberships__household_id", "received_at")
        .order_by()
        .iterator(chunk_size=5000)
    ):
        later.setdefault(household, []).append(received)

    groups: dict[tuple, list[float]] = {}
    for case_id, (household, closed_at, key) in cases.items():
        # closed, with results, mostly achieved, came back, escalated, responses, sum
        acc = groups.setdefault(key, [0, 0, 0, 0, 0, 0, 0])
        acc[0] += 1
        evaluated, achieved = results.get(case_id, (0, 0))
        if evaluated:
            acc[1] += 1
            acc[2] += int(achieved * 5 >= evaluated * 4)
        until = closed_at + FOLLOW_UP
        acc[3] += int(any(closed_at < moment <= until for moment in later.get(household, ())))
        acc[4] += int(case_id in escalated)
        if case_id in scores:
            acc[5] += 1
            acc[6] += scores[case_id]
    partials = []
    for (nb, tm, pv, period), (
        n,
        with_results,
        mostly,
        back,
        esc,
        responses,
        total,
    ) in groups.items():
        partials += [
            Partial("kpi03", nb, tm, pv, period, mostly, with_results, with_results),
            Partial("kpi05", nb, tm, pv, period, back, n, n),
            Partial("kpi09", nb, tm, pv, period, esc, n, n),
            Partial("kpi10", nb, tm, pv, period, total, responses, responses),
            Partial("kpi10_response", nb, tm, pv, period, responses, n, n),
        ]
    return partials


# --- kpi04: self-reliance rose at least one point ---------------------------------------


def self_reliance_partials(municipality_id: int, quarters: list[Quarter]) -> list[Partial]:
    """kpi04. Of the cases closed in the quarter with assessments on at least two days,
    those where the mean of all domain scores (all assessed members) on the last day of
    assessment is at least 1 point above the mean on the first day. One GROUP BY (case,
    day) gives the means; the first and last day are picked per case."""
    closed = closed_cases(municipality_id, quarters)
    dims = {
        pk: (nb, tm, pv, period_of(closed_at))
        for pk, closed_at, nb, tm, pv in closed.values_list(
            "pk",
            "closed_at",
            "household__address__neighbourhood_id",
            "team_id",
            "coordinator__organisation_id",
        ).iterator(chunk_size=5000)
    }
    rows = (
        DomainScore.objects.filter(assessment__case_id__in=closed.values("pk"))
        .values_list("assessment__case_id", "assessment__assessed_on")
        .annotate(total=Sum("score"), n=Count("pk"))
        .order_by()
    )
    per_case: dict[int, dict] = {}
    for case_id, day, total, n in rows.iterator(chunk_size=5000):
        per_case.setdefault(case_id, {})[day] = total / n
    groups: dict[tuple, list[int]] = {}
    for case_id, days in per_case.items():
        if len(days) < 2 or case_id not in dims:
            continue
        rose = days[max(days)] - days[min(days)] >= 1
        key = dims[case_id]
        counts = groups.setdefault(key, [0, 0])
        counts[0] += int(rose)
        counts[1] += 1
    return [
        Partial("kpi04", nb, tm, pv, period, rose, n, n)
        for (nb, tm, pv, period), (rose, n) in groups.items()
    ]


# --- kpi07: actions by the resident, the network or volunteers ----------------------------


def action_partials(municipality_id: int, quarters: list[Quarter]) -> list[Partial]:
    """kpi07 and kpi08, from the actions (not cancelled) in plans agreed with the resident
    in the quarter.

    * kpi07: of those actions, the ones carried out by the resident, someone of the
      network or a volunteer;
    * kpi08: of those actions that use a provision, the ones using a general provision or
      a collective arrangement.

    Both are derived from the households of those plans (``base``); one GROUP BY."""
    oldest, newest = min(quarters), max(quarters)
    agreed = Case.objects.filter(
        municipality_id=municipality_id,
        plan__agreed_with_resident_on__gte=oldest.start,
        plan__agreed_with_resident_on__lt=newest.end,
    )
    dims = {
        pk: (nb, tm, pv, str(Quarter.containing(day)))
        for pk, day, nb, tm, pv in agreed.values_list(
            "pk",
            "plan__agreed_with_resident_on",
            "household__address__neighbourhood_id",
            "team_id",
            "coordinator__organisation_id",
        ).iterator(chunk_size=5000)
    }
    rows = (
        PlanAction.objects.filter(goal__plan__case_id__in=agreed.values("pk"))
        .exclude(status=ActionStatus.CANCELLED)
        .values_list("goal__plan__case_id")
        .annotate(
            actions=Count("pk"),
            own=Count("pk", filter=Q(performer_kind__in=SELF_OR_NETWORK)),
            provided=Count("pk", filter=Q(provision__isnull=False)),
            general=Count("pk", filter=Q(provision__kind__in=GENERAL_OR_COLLECTIVE)),
        )
        .order_by()
    )
    groups: dict[tuple, list[int]] = {}
    for case_id, actions, own, provided, general in rows.iterator(chunk_size=5000):
        acc = groups.setdefault(dims[case_id], [0, 0, 0, 0, 0, 0])
        acc[0] += own
        acc[1] += actions
        acc[2] += 1
        if provided:
            acc[3] += general
            acc[4] += provided
            acc[5] += 1
    partials = []
    for (nb, tm, pv, period), (
        own,
        actions,
        households,
        general,
        provided,
        users,
    ) in groups.items():
        partials.append(Partial("kpi07", nb, tm, pv, period, own, actions, households))
        if provided:
            partials.append(Partial("kpi08", nb, tm, pv, period, general, provided, users))
    return partials


# --- Own figures of the neighbourhood profile -------------------------------------------


def questions_in_partials(municipality_id: int, quarters: list[Quarter]) -> list[Partial]:
    """``questions_in``: questions received in the quarter (one GROUP BY)."""
    start, end = window(quarters)
    rows = (
        SupportRequest.objects.filter(
            municipality_id=municipality_id, received_at__gte=start, received_at__lt=end
        )
        .values(
            quarter=TruncQuarter("received_at"),
            nb=F("address__neighbourhood_id"),
            tm=F("team_id"),
            pv=Coalesce("assigned_to__organisation_id", "team__organisation_id"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    return _partials("questions_in", rows, numerator="n", denominator="n", base="n")


def active_case_partials(municipality_id: int, period: Quarter) -> list[Partial]:
    """``active_cases``: cases not closed, now (put in the current quarter)."""
    rows = (
        Case.objects.filter(municipality_id=municipality_id)
        .open()
        .values(**_case_dims())
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Partial("active_cases", r["nb"], r["tm"], r["pv"], str(period), r["n"], r["n"], r["n"])
        for r in rows
    ]


def population_partials(municipality_id: int, period: Quarter, today: dt.date) -> list[Partial]:
    """Residents, age bands and households per neighbourhood, now, with the counting
    rules of ``monitor.aggregates`` (a resident counts in the neighbourhood of their
    current household; a household counts when it has not ended and has a current
    member). One two-level GROUP BY (members per household, then per neighbourhood),
    which is much cheaper than counting distinct residents; the involvements come from
    ``aggregates.involvements_per_neighbourhood``."""
    from django.db import connection

    from wijkkracht.areas.models import Address
    from wijkkracht.households.models import Household
    from wijkkracht.monitor.aggregates import _years_before, involvements_per_neighbourhood
    from wijkkracht.residents.models import Resident

    membership = HouseholdMembership._meta.db_table
    household = Household._meta.db_table
    resident = Resident._meta.db_table
    address = Address._meta.db_table
    sql = f"""
        SELECT a.neighbourhood_id, COUNT(*),
               SUM(CASE WHEN m.n = 1 THEN 1 ELSE 0 END),
               SUM(CASE WHEN m.kids > 0 THEN 1 ELSE 0 END),
               SUM(m.n), SUM(m.kids), SUM(m.seniors)
        FROM (
            SELECT hm.household_id AS household_id, COUNT(*) AS n,
                   SUM(CASE WHEN r.date_of_birth > %s THEN 1 ELSE 0 END) AS kids,
                   SUM(CASE WHEN r.date_of_birth <= %s THEN 1 ELSE 0 END) AS seniors
            FROM {membership} hm
            JOIN {household} hh ON hh.id = hm.household_id
            JOIN {resident} r ON r.id = hm.resident_id
            WHERE hm.ended_on IS NULL AND hh.municipality_id = %s
            GROUP BY hm.household_id
        ) m
        JOIN {household} h ON h.id = m.household_id
        JOIN {address} a ON a.id = h.address_id
        WHERE h.ended_on IS NULL AND a.neighbourhood_id IS NOT NULL
        GROUP BY a.neighbourhood_id
    """  # noqa: S608 (table names from the models, values as parameters)
    adult, senior = _years_before(today, 18), _years_before(today, 65)
    with connection.cursor() as cursor:
        cursor.execute(sql, [adult, senior, municipality_id])
        rows = cursor.fetchall()
    partials = []
    label = str(period)
    for nb, *numbers in rows:  # PostgreSQL sums are Decimals
        households, single, families, residents, kids, seniors = (int(n or 0) for n in numbers)
        counts = {
            "residents": residents,
            "age_0_17": kids,
            "age_18_64": residents - kids - seniors,
            "age_65_plus": seniors,
            "households": households,
            "single_households": single,
            "households_with_children": families,
        }
        for measure, n in counts.items():
            partials.append(Partial(measure, nb, None, None, label, n, n, int(n)))
    for row in involvements_per_neighbourhood([municipality_id]):
        n = row["active_involvements"]
        partials.append(
            Partial("active_involvements", row["neighbourhood"], None, None, label, n, n, n)
        )
    return partials


def all_partials(
    municipality_id: int, quarters: list[Quarter], today: dt.date
) -> tuple[list[Partial], list[Sample]]:
    current = max(quarters)
    partials: list[Partial] = []
    for compute in (closed_case_partials, self_reliance_partials, action_partials):
        partials += compute(municipality_id, quarters)
    partials += questions_in_partials(municipality_id, quarters)
    partials += active_case_partials(municipality_id, current)
    partials += population_partials(municipality_id, current, today)
    samples = first_contact_samples(municipality_id, quarters)
    samples += agreed_plan_samples(municipality_id, quarters)
    return partials, samples


def ids(values: Iterable) -> list[int]:
    return sorted({v for v in values if v is not None})
