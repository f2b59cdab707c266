"""Figures for the monitor: GROUP BY queries, aggregates only."""

import datetime as dt
from decimal import Decimal

import pytest

from wijkkracht.decisions import figures
from wijkkracht.decisions.models import Decision
from wijkkracht.decisions.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_active_custom_provisions_per_thousand_residents(
    cast, granted, requested, django_assert_num_queries
):
    with django_assert_num_queries(2):
        rows = figures.active_per_thousand(cast.mun_a, today=TODAY)
    by_nb = {row.neighbourhood_id: row for row in rows}
    nb = cast.household.address.neighbourhood_id
    assert by_nb[nb].residents == 2 and by_nb[nb].active == 1
    assert by_nb[nb].per_thousand == Decimal("500.0")
    other = cast.stranger.households.get().address.neighbourhood_id
    assert by_nb[other].active == 0 and by_nb[other].per_thousand == Decimal("0.0")


def test_not_yet_started_or_past_decisions_are_not_active(cast, granted):
    assert figures.active_per_thousand(cast.mun_a, today=TODAY - dt.timedelta(days=1))
    rows = figures.active_per_thousand(cast.mun_a, today=granted.end_date + dt.timedelta(days=1))
    assert sum(row.active for row in rows) == 0


def test_decisions_ending_in_the_next_three_months(cast, granted, django_assert_num_queries):
    assert figures.ending_soon_total(cast.mun_a, today=TODAY) == 0
    Decision.objects.filter(pk=granted.pk).update(end_date=TODAY + dt.timedelta(days=40))
    with django_assert_num_queries(1):
        rows = figures.ending_soon(cast.mun_a, today=TODAY)
    assert [(r["law"], r["count"]) for r in rows] == [("wmo_2015", 1)]
    assert figures.ending_soon_total(cast.mun_b, today=TODAY) == 0
