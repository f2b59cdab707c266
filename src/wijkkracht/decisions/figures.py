"""Figures on decisions for the monitor: aggregates only, never a person. Each is one or
two GROUP BY queries; small counts are suppressed by the monitor that shows them.

- ``active_per_thousand``: custom provisions in force today (granted, started, not yet
  ended) per 1,000 residents, per neighbourhood. A decision counts in the neighbourhood of
  the household it was requested for; residents are the current household members.
- ``ending_soon``: decisions in force that end in the next three months, per law and
  month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from wijkkracht.decisions.models import IN_FORCE, Decision
from wijkkracht.households.models import HouseholdMembership


@dataclass(frozen=True)
class NeighbourhoodFigure:
    neighbourhood_id: int
    residents: int
    active: int

    @property
    def per_thousand(self) -> Decimal | None:
        if not self.residents:
            return None
        return (Decimal(self.active) * 1000 / self.residents).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


def active_per_thousand(municipality, *, today: dt.date | None = None) -> list[NeighbourhoodFigure]:
    """Per neighbourhood of the municipality with residents: residents, active custom
    provisions and the rate per 1,000. Two GROUP BY queries."""
    today = today or timezone.localdate()
    residents = dict(
        HouseholdMembership.objects.current()
        .filter(
            household__municipality=municipality, household__address__neighbourhood__isnull=False
        )
        .values_list("household__address__neighbourhood_id")
        .annotate(n=Count("resident_id", distinct=True))
        .order_by()
    )
    active = dict(
        Decision.objects.filter(municipality=municipality)
        .delivered_on(today)
        .values_list("household__address__neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        NeighbourhoodFigure(neighbourhood_id=nb, residents=count, active=active.get(nb, 0))
        for nb, count in sorted(residents.items())
    ]


def ending_soon(municipality, *, today: dt.date | None = None, months: int = 3) -> list[dict]:
    """Decisions in force ending from today through the next ``months`` months, per law
    and month: ``[{"law": ..., "month": date, "count": n}, ...]``. One GROUP BY query."""
    today = today or timezone.localdate()
    until = today + relativedelta(months=months)
    return list(
        Decision.objects.filter(
            municipality=municipality,
            status__in=IN_FORCE,
            end_date__gte=today,
            end_date__lte=until,
        )
        .annotate(month=TruncMonth("end_date"))
        .values("law", "month")
        .annotate(count=Count("pk"))
        .order_by("month", "law")
    )


def ending_soon_total(municipality, *, today: dt.date | None = None, months: int = 3) -> int:
    return sum(row["count"] for row in ending_soon(municipality, today=today, months=months))
