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
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone

from wijkkracht.assessments.models import DomainScore
from wijkkracht.cases.models import Case, CaseStatus, Escalation
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.intake.figures import Quarter, WorkingDayIndex
from wijkkracht.intake.models import SupportRequest
from wijkkracht.plans.models import ActionStatus, GoalOutcome, GoalResult, PerformerKind, PlanAction

SELF_OR_NETWORK = [PerformerKind.RESIDENT, PerformerKind.NETWORK, PerformerKind.VOLUNTEER]
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


def closed_case_partials(municipality_id: int, quarters: list[Quarter]) -> list[Partial]:
    """One GROUP BY over the cases closed in the quarter (by ``closed_at``):

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
    """
    start, end = window(quarters)
    results = GoalResult.objects.filter(evaluation__case=OuterRef("pk")).order_by()
    count = Count("pk")
    evaluated = Subquery(
        results.values("evaluation__case").annotate(n=count).values("n"),
        output_field=IntegerField(),
    )
    achieved = Subquery(
        results.filter(result=GoalOutcome.ACHIEVED)
        .values("evaluation__case")
        .annotate(n=count)
        .values("n"),
        output_field=IntegerField(),
    )
    later = ExpressionWrapper(OuterRef("closed_at") + Value(FOLLOW_UP), DateTimeField())
    new_case = Case.objects.filter(
        household_id=OuterRef("household_id"),
        opened_at__gt=OuterRef("closed_at"),
        opened_at__lte=later,
    )
    new_question = SupportRequest.objects.filter(
        resident_id__in=HouseholdMembership.objects.filter(
            household_id=OuterRef(OuterRef("household_id"))
        ).values("resident_id"),
        received_at__gt=OuterRef("closed_at"),
        received_at__lte=later,
    )
    rows = (
        Case.objects.filter(
            municipality_id=municipality_id,
            status=CaseStatus.CLOSED,
            closed_at__gte=start,
            closed_at__lt=end,
        )
        .alias(
            evaluated=Coalesce(evaluated, 0),
            achieved=Coalesce(achieved, 0),
            came_back=Exists(new_case) | Exists(new_question),
            escalated=Exists(Escalation.objects.filter(case=OuterRef("pk"))),
        )
        .alias(achieved_x5=F("achieved") * 5, evaluated_x4=F("evaluated") * 4)
        .values(quarter=TruncQuarter("closed_at"), **_case_dims())
        .annotate(
            closed=Count("pk"),
            with_results=Count("pk", filter=Q(evaluated__gt=0)),
            mostly_achieved=Count(
                "pk", filter=Q(evaluated__gt=0, achieved_x5__gte=F("evaluated_x4"))
            ),
            came_back_n=Count("pk", filter=Q(came_back=True)),
            escalated_n=Count("pk", filter=Q(escalated=True)),
            responses=Count("evaluation__satisfaction"),
            satisfaction_sum=Sum("evaluation__satisfaction"),
        )
        .order_by()
    )
    rows = list(rows)
    partials = []
    partials += _partials(
        "kpi03", rows, numerator="mostly_achieved", denominator="with_results", base="with_results"
    )
    partials += _partials(
        "kpi05", rows, numerator="came_back_n", denominator="closed", base="closed"
    )
    partials += _partials(
        "kpi09", rows, numerator="escalated_n", denominator="closed", base="closed"
    )
    partials += _partials(
        "kpi10", rows, numerator="satisfaction_sum", denominator="responses", base="responses"
    )
    partials += _partials(
        "kpi10_response", rows, numerator="responses", denominator="closed", base="closed"
    )
    return partials


# --- kpi04: self-reliance rose at least one point ---------------------------------------


def self_reliance_partials(municipality_id: int, quarters: list[Quarter]) -> list[Partial]:
    """kpi04. Of the cases closed in the quarter with assessments on at least two days,
    those where the mean of all domain scores (all assessed members) on the last day of
    assessment is at least 1 point above the mean on the first day. One GROUP BY (case,
    day) gives the means; the first and last day are picked per case."""
    start, end = window(quarters)
    rows = (
        DomainScore.objects.filter(
            assessment__case__municipality_id=municipality_id,
            assessment__case__status=CaseStatus.CLOSED,
            assessment__case__closed_at__gte=start,
            assessment__case__closed_at__lt=end,
        )
        .values(
            "assessment__case_id",
            "assessment__assessed_on",
            quarter=TruncQuarter("assessment__case__closed_at"),
            **_case_dims("assessment__case__"),
        )
        .annotate(total=Sum("score"), n=Count("pk"))
        .order_by()
    )
    per_case: dict[int, dict] = {}
    for row in rows.iterator(chunk_size=5000):
        case = per_case.setdefault(row["assessment__case_id"], {"row": row, "days": {}})
        case["days"][row["assessment__assessed_on"]] = row["total"] / row["n"]
    groups: dict[tuple, list[int]] = {}
    for case in per_case.values():
        days = case["days"]
        if len(days) < 2:
            continue
        rose = days[max(days)] - days[min(days)] >= 1
        row = case["row"]
        key = (row["nb"], row["tm"], row["pv"], period_of(row["quarter"]))
        counts = groups.setdefault(key, [0, 0])
        counts[0] += int(rose)
        counts[1] += 1
    return [
        Partial("kpi04", nb, tm, pv, period, rose, n, n)
        for (nb, tm, pv, period), (rose, n) in groups.items()
    ]


# --- kpi07: actions by the resident, the network or volunteers ----------------------------


def action_partials(municipality_id: int, quarters: list[Quarter]) -> list[Partial]:
    """kpi07. Of the actions (not cancelled) in plans agreed with the resident in the
    quarter, those carried out by the resident, someone of the network or a volunteer.
    Derived from the households of those plans (``base``)."""
    oldest, newest = min(quarters), max(quarters)
    rows = (
        PlanAction.objects.filter(
            goal__plan__case__municipality_id=municipality_id,
            goal__plan__agreed_with_resident_on__gte=oldest.start,
            goal__plan__agreed_with_resident_on__lt=newest.end,
        )
        .exclude(status=ActionStatus.CANCELLED)
        .values(
            quarter=TruncQuarter("goal__plan__agreed_with_resident_on"),
            **_case_dims("goal__plan__case__"),
        )
        .annotate(
            actions=Count("pk"),
            own=Count("pk", filter=Q(performer_kind__in=SELF_OR_NETWORK)),
            households=Count("goal__plan__case_id", distinct=True),
        )
        .order_by()
    )
    return _partials("kpi07", rows, numerator="own", denominator="actions", base="households")


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
    """Residents, age bands and households per neighbourhood, as counted by
    ``monitor.aggregates`` (its counting rules), now."""
    from wijkkracht.monitor.aggregates import neighbourhood_counts

    partials = []
    for nb, counts in neighbourhood_counts([municipality_id], today=today).items():
        for measure, n in counts.items():
            partials.append(Partial(measure, nb, None, None, str(period), n, n, n))
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
