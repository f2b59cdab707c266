"""Figures for the neighbourhood monitor: discretionary budget spent by purpose category
per team or neighbourhood and quarter, in one GROUP BY. Raw counts: whoever shows them
applies disclosure control (see ``budgets.report`` and ``monitor.aggregates``).

Each row: ``team`` (id, for a team budget) or ``neighbourhood`` (id, for a neighbourhood
budget), ``category`` (``PurposeCategory`` value), ``year``, ``quarter`` (1-4),
``spends`` (count) and ``amount`` (Decimal euros). Only paid spends count, by the day
they were paid."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear

from wijkkracht.budgets.models import Spend, SpendStatus


def spent_by_category(municipality_ids: Iterable[int], *, year: int | None = None) -> QuerySet:
    spends = Spend.objects.filter(
        status=SpendStatus.PAID, budget__municipality_id__in=list(municipality_ids)
    )
    if year is not None:
        spends = spends.filter(spent_on__year=year)
    return (
        spends.annotate(
            team=F("budget__team_id"),
            neighbourhood=F("budget__neighbourhood_id"),
            year=ExtractYear("spent_on"),
            quarter=ExtractQuarter("spent_on"),
        )
        .values("team", "neighbourhood", "category", "year", "quarter")
        .annotate(spends=Count("pk"), amount=Sum("amount"))
        .order_by("year", "quarter", "team", "neighbourhood", "category")
    )
