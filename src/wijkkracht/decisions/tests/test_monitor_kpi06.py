"""The monitor's kpi06 per quarter: custom provisions in force on the quarter's last day
(today for the current quarter), whatever happened to them later."""

import datetime as dt

import pytest

from wijkkracht.decisions.models import Decision, DecisionStatus
from wijkkracht.intake.figures import recent_quarters
from wijkkracht.monitor.sources import provision_partials

pytestmark = pytest.mark.django_db


def kpi06(decision, today):
    quarters = recent_quarters(today, 8)
    nb = decision.household.address.neighbourhood_id
    partials = provision_partials(decision.municipality, quarters, today, {nb: 40})
    assert {p.figure for p in partials} == {"kpi06"}
    assert all(p.denominator == 40 and p.neighbourhood == nb for p in partials)
    return {p.period: p.numerator for p in partials}, quarters


def last_day(quarter, today):
    return min(quarter.end - dt.timedelta(days=1), today)


@pytest.mark.parametrize(
    ("status", "started", "ends"),
    [
        (DecisionStatus.GRANTED, 300, -60),  # in force today
        (DecisionStatus.EXPIRED, 400, 100),  # ran out 100 days ago
        (DecisionStatus.ENDED, 250, 40),  # ended early, 40 days ago
    ],
)
def test_counted_in_each_quarter_whose_last_day_it_was_in_force(
    granted, today, status, started, ends
):
    start, end = today - dt.timedelta(days=started), today - dt.timedelta(days=ends)
    Decision.objects.filter(pk=granted.pk).update(status=status, start_date=start, end_date=end)
    values, quarters = kpi06(granted, today)
    expected = {str(q): int(start <= last_day(q, today) <= end) for q in quarters}
    assert values == expected
    assert sum(expected.values()) > 0  # the case is not empty


def test_requested_and_refused_never_count(requested, today):
    values, _quarters = kpi06(requested, today)
    assert set(values.values()) == {0}
