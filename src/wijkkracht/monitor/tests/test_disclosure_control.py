"""Statistical disclosure control: counts below 10 are hidden, and a total is hidden when
a hidden cell could otherwise be worked out by subtraction."""

import datetime as dt

import pytest

from wijkkracht.areas.tests.factories import AddressFactory, NeighbourhoodFactory
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory
from wijkkracht.monitor.aggregates import MARKER, MEASURE_KEYS, THRESHOLD, monitor_table, suppress

# --- The rule itself -------------------------------------------------------------------


def test_counts_below_the_threshold_are_hidden_and_others_shown():
    values = {"a": THRESHOLD - 1, "b": THRESHOLD, "c": 0}
    assert suppress(values, []) == {"a", "c"}


def test_a_total_is_hidden_when_exactly_one_part_is_hidden():
    values = {"total": 45, "x": 3, "y": 20, "z": 22}
    assert suppress(values, [("total", ["x", "y", "z"])]) == {"x", "total"}


def test_a_total_stays_when_two_parts_are_hidden():
    values = {"total": 30, "x": 3, "y": 5, "z": 22}
    assert suppress(values, [("total", ["x", "y", "z"])]) == {"x", "y"}


def test_when_the_total_is_hidden_alone_the_smallest_part_is_hidden_too():
    # The total is hidden by another relation: a shown set of parts would give it away.
    values = {"nb1": 4, "nb2": 30, "district": 34, "young": 12, "old": 22}
    relations = [("district", ["nb1", "nb2"]), ("district", ["young", "old"])]
    assert suppress(values, relations) == {"nb1", "district", "young"}


def test_hiding_carries_on_up_the_chain_of_totals():
    values = {"nb1": 2, "nb2": 40, "wk1": 42, "wk2": 50, "gm": 92}
    relations = [("wk1", ["nb1", "nb2"]), ("gm", ["wk1", "wk2"])]
    hidden = suppress(values, relations)
    assert hidden == {"nb1", "wk1", "gm"}


def test_no_relation_is_ever_left_with_exactly_one_hidden_cell():
    values = {"t": 50, "a": 9, "b": 20, "c": 21, "u": 50, "d": 25, "e": 25}
    relations = [("t", ["a", "b", "c"]), ("t", ["d", "e"]), ("u", ["t"])]
    hidden = suppress(values, relations)
    for total, parts in relations:
        assert sum(cell in hidden for cell in (total, *parts)) != 1


# --- On the monitor --------------------------------------------------------------------


def add_households(neighbourhood, n: int, *, with_child: bool, born=dt.date(1980, 1, 1)) -> None:
    for _ in range(n):
        household = HouseholdFactory(address=AddressFactory(neighbourhood=neighbourhood))
        HouseholdMembershipFactory(household=household, resident__date_of_birth=born)
        if with_child:
            HouseholdMembershipFactory(
                household=household,
                relation=HouseholdMembership.Relation.CHILD,
                resident__date_of_birth=dt.date(2018, 1, 1),
            )


@pytest.fixture
def big_and_small(cast):
    """A district with two big neighbourhoods (the cast's, filled up) and one small one."""
    district = cast.household.address.neighbourhood.district
    neighbourhoods = list(district.neighbourhoods.order_by("code"))
    for nb in neighbourhoods:
        add_households(nb, 12, with_child=True)
        add_households(nb, 11, with_child=False)
        add_households(nb, 10, with_child=False, born=dt.date(1950, 1, 1))
    small = NeighbourhoodFactory(district=district)
    add_households(small, 2, with_child=False)
    return neighbourhoods, small


def rows_by_code(user):
    return {row.code: row for row in monitor_table(user)}


def cell(row, measure):
    return row.cells[MEASURE_KEYS.index(measure)]


def test_a_small_neighbourhood_is_hidden_and_so_is_its_district_total(cast, big_and_small):
    big, small = big_and_small
    rows = rows_by_code(cast.policy_analyst)
    assert cell(rows[big[0].code], "residents").value >= THRESHOLD
    assert cell(rows[small.code], "residents").suppressed
    district = rows[small.district.code]
    assert cell(district, "residents").suppressed  # else: district - big ones = small
    assert cell(rows[cast.mun_a.code], "residents").suppressed  # the district is its only part


def test_a_hidden_cell_holds_no_number(cast, big_and_small):
    _big, small = big_and_small
    row = rows_by_code(cast.policy_analyst)[small.code]
    assert all(c.value is None for c in row.cells if c.suppressed)
    assert {str(c) for c in row.cells if c.suppressed} == {MARKER}


def test_no_hidden_cell_can_be_worked_out_from_the_shown_ones(cast, big_and_small):
    rows = monitor_table(cast.policy_analyst)
    by_level = {}
    for row in rows:
        by_level.setdefault(row.level, []).append(row)
    for row in rows:  # residents = sum of the age bands
        group = [cell(row, m) for m in ("residents", "age_0_17", "age_18_64", "age_65_plus")]
        assert sum(c.suppressed for c in group) != 1
    for measure in MEASURE_KEYS:  # the one district of A = the sum of its neighbourhoods
        group = [cell(r, measure) for r in by_level["district"] + by_level["neighbourhood"]]
        assert sum(c.suppressed for c in group) != 1
