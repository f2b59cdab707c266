"""Disclosure control of the precomputed figures: nothing derived from fewer than 10
persons or households, and no hidden figure that can be worked out by subtracting shown
ones, across the area hierarchy and across the team and provider splits."""

import datetime as dt
from collections import defaultdict

import pytest

from wijkkracht.areas.tests.factories import NeighbourhoodFactory
from wijkkracht.monitor.aggregates import THRESHOLD
from wijkkracht.monitor.models import PrecomputedFigure, Split
from wijkkracht.monitor.recompute import Accumulator, disclose, recompute_municipality
from wijkkracht.monitor.tests.builders import TODAY, case
from wijkkracht.teams.tests.factories import TeamFactory

CLOSED, OPENED = dt.date(2026, 2, 1), dt.date(2025, 12, 1)  # closed in 2026-Q1


def cells(**bases):
    return {(level, key): Accumulator(base=n) for (level, key), n in bases.items()}


def test_a_single_small_team_is_covered_by_hiding_the_next_smallest_team():
    top = ("municipality", "GM1")
    accs = {
        top: Accumulator(base=65),
        ("team", "1"): Accumulator(base=5),
        ("team", "2"): Accumulator(base=20),
        ("team", "3"): Accumulator(base=40),
    }
    relations = [(top, [("team", "1"), ("team", "2"), ("team", "3")])]
    assert disclose(accs, relations) == {("team", "1"), ("team", "2")}


def test_a_small_remainder_without_team_is_hidden_and_covered():
    top = ("municipality", "GM1")
    accs = {
        top: Accumulator(base=63),
        ("team", "1"): Accumulator(base=20),
        ("team", "2"): Accumulator(base=40),
        ("team-remainder", "-"): Accumulator(base=3),  # questions in the municipal queue
    }
    relations = [(top, [("team", "1"), ("team", "2"), ("team-remainder", "-")])]
    hidden = disclose(accs, relations)
    assert ("team-remainder", "-") in hidden
    assert ("team", "1") in hidden  # else 63 - 20 - 40 = 3 gives the remainder away
    assert top not in hidden


def test_empty_cells_take_no_part():
    top = ("municipality", "GM1")
    accs = {top: Accumulator(base=30), ("team", "1"): Accumulator(base=30)}
    relations = [(top, [("team", "1"), ("team", "2")])]  # team 2 has nothing at all
    assert disclose(accs, relations) == set()


@pytest.fixture
def closed_cases(cast):
    """Twelve closed cases in the cast's neighbourhood, three in a new neighbourhood of
    the same district, all in team A1 except two in a small team."""
    home = cast.household.address.neighbourhood
    small_nb = NeighbourhoodFactory(district=home.district, municipality=cast.mun_a)
    small_team = TeamFactory(municipality=cast.mun_a, name="Klein team")
    for _ in range(12):
        case(cast, opened=OPENED, closed=CLOSED, neighbourhood=home, satisfaction=8)
    for i in range(3):
        case(
            cast,
            opened=OPENED,
            closed=CLOSED,
            neighbourhood=small_nb,
            team=small_team if i < 2 else None,
        )
    recompute_municipality(cast.mun_a, today=TODAY)
    return home, small_nb, small_team


def stored(figure, period="2026-Q1"):
    return {
        (row.split, row.level, row.key): row
        for row in PrecomputedFigure.objects.filter(figure=figure, period=period)
    }


def test_the_small_neighbourhood_and_team_are_hidden_without_a_number(cast, closed_cases):
    home, small_nb, small_team = closed_cases
    rows = stored("kpi09")
    small = rows[(Split.AREA, "neighbourhood", small_nb.code)]
    assert small.suppressed
    assert (small.value, small.numerator, small.denominator) == (None, None, None)
    assert rows[(Split.TEAM, "team", str(small_team.pk))].suppressed
    # district = home + small: the home neighbourhood is hidden too (secondary), so
    # that the district's own figure can stay.
    assert rows[(Split.AREA, "neighbourhood", home.code)].suppressed
    district = rows[(Split.AREA, "district", home.district.code)]
    assert not district.suppressed and district.denominator == 15


def test_no_relation_has_exactly_one_hidden_figure(cast, closed_cases):
    for figure in ("kpi09", "kpi05", "kpi10_response", "kpi03"):
        rows = list(PrecomputedFigure.objects.filter(figure=figure, period="2026-Q1"))
        groups = defaultdict(list)
        for row in rows:
            if row.split == Split.AREA and row.level == "neighbourhood":
                groups[("district", row.parent)].append(row)
            elif row.level != "municipality":
                groups[(row.split, "municipality")].append(row)
        for parts in groups.values():
            published = [r for r in parts if r.suppressed or r.denominator]
            assert sum(r.suppressed for r in published) != 1, (figure, parts)


def test_shown_figures_are_derived_from_at_least_ten(cast, closed_cases):
    for row in PrecomputedFigure.objects.filter(period="2026-Q1", figure__startswith="kpi"):
        if row.denominator is not None and not row.suppressed:
            assert row.denominator >= THRESHOLD, row


def test_recompute_replaces_all_figures_of_the_municipality(cast, closed_cases):
    before = PrecomputedFigure.objects.filter(municipality=cast.mun_a).count()
    recompute_municipality(cast.mun_a, today=TODAY)
    assert PrecomputedFigure.objects.filter(municipality=cast.mun_a).count() == before
    assert not PrecomputedFigure.objects.filter(municipality=cast.mun_b).exists()
