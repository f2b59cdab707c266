"""The counting rules of the monitor (before disclosure control), and the query count."""

import datetime as dt

from wijkkracht.areas.tests.factories import AddressFactory, NeighbourhoodFactory
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory
from wijkkracht.involvements.tests.factories import InvolvementFactory
from wijkkracht.monitor.aggregates import MEASURE_KEYS, neighbourhood_counts
from wijkkracht.residents.tests.factories import ResidentFactory

TODAY = dt.date(2026, 6, 15)


def neighbourhood_of(household):
    return household.address.neighbourhood


def test_the_cast_is_counted_by_the_rules(cast):
    counts = neighbourhood_counts(cast.policy_analyst.municipality_ids(), today=TODAY)
    home = neighbourhood_of(cast.household).pk
    assert counts[home] == {
        "residents": 2,  # mother and son
        "age_0_17": 1,  # the son, born 2012
        "age_18_64": 1,
        "age_65_plus": 0,
        "households": 1,
        "single_households": 0,
        "households_with_children": 1,
        "active_involvements": 1,  # the coordinator's involvement with the mother
    }
    stranger_home = cast.stranger.memberships.get().household
    assert counts[neighbourhood_of(stranger_home).pk] == {
        "residents": 1,
        "age_0_17": 0,
        "age_18_64": 0,
        "age_65_plus": 1,  # born 1960
        "households": 1,
        "single_households": 1,
        "households_with_children": 0,
    }


def test_another_municipality_is_never_counted(cast):
    counts = neighbourhood_counts(cast.policy_analyst.municipality_ids(), today=TODAY)
    assert neighbourhood_of(cast.household_b).pk not in counts


def test_ended_memberships_ended_households_and_inactive_involvements_are_not_counted(cast):
    home = cast.household
    nb = neighbourhood_of(home)
    before = neighbourhood_counts([cast.mun_a.pk], today=TODAY)[nb.pk]
    HouseholdMembershipFactory(household=home, ended=True)  # moved out
    HouseholdFactory(address=AddressFactory(neighbourhood=nb), ended=True)
    gone = HouseholdFactory(address=AddressFactory(neighbourhood=nb), ended=True)
    HouseholdMembershipFactory(household=gone)
    InvolvementFactory(
        resident=cast.son,
        organisation=cast.mother.involvements.get().organisation,
        professional=cast.coordinator,
        ended=True,
    )
    InvolvementFactory(
        resident=cast.son,
        organisation=cast.mother.involvements.get().organisation,
        professional=cast.coordinator,
        expired=True,
    )
    assert neighbourhood_counts([cast.mun_a.pk], today=TODAY)[nb.pk] == before


def test_age_bands_turn_on_the_birthday(cast):
    nb = neighbourhood_of(cast.household)
    household = HouseholdFactory(address=AddressFactory(neighbourhood=nb))
    for born in (dt.date(2008, 6, 15), dt.date(2008, 6, 16), dt.date(1961, 6, 15)):
        HouseholdMembershipFactory(household=household, resident__date_of_birth=born)
    before = neighbourhood_counts([cast.mun_a.pk], today=TODAY - dt.timedelta(days=1))[nb.pk]
    after = neighbourhood_counts([cast.mun_a.pk], today=TODAY)[nb.pk]
    # On 15 June 2026 the first turns 18 and the third 65; the second is 17 until tomorrow.
    assert after["age_0_17"] == before["age_0_17"] - 1
    assert after["age_18_64"] == before["age_18_64"] + 1 - 1
    assert after["age_65_plus"] == before["age_65_plus"] + 1
    assert after["residents"] == after["age_0_17"] + after["age_18_64"] + after["age_65_plus"]


def test_households_are_single_or_with_children_by_their_current_members(cast):
    nb = NeighbourhoodFactory(district=neighbourhood_of(cast.household).district)
    single = HouseholdFactory(address=AddressFactory(neighbourhood=nb))
    HouseholdMembershipFactory(household=single)
    HouseholdMembershipFactory(household=single, ended=True)  # the partner left
    family = HouseholdFactory(address=AddressFactory(neighbourhood=nb))
    HouseholdMembershipFactory(household=family)
    HouseholdMembershipFactory(
        household=family,
        relation=HouseholdMembership.Relation.CHILD,
        resident__date_of_birth=dt.date(2020, 1, 1),
    )
    grown_up = HouseholdFactory(address=AddressFactory(neighbourhood=nb))
    HouseholdMembershipFactory(household=grown_up)
    HouseholdMembershipFactory(
        household=grown_up,
        relation=HouseholdMembership.Relation.CHILD,
        resident__date_of_birth=dt.date(2000, 1, 1),
    )
    HouseholdFactory(address=AddressFactory(neighbourhood=nb))  # nobody lives there (yet)
    counts = neighbourhood_counts([cast.mun_a.pk], today=TODAY)[nb.pk]
    assert counts["households"] == 3
    assert counts["single_households"] == 1
    assert counts["households_with_children"] == 1
    assert counts["residents"] == 5


def test_an_involvement_counts_where_its_resident_lives(cast):
    elsewhere = cast.stranger.memberships.get().household
    InvolvementFactory(
        resident=cast.stranger,
        organisation=cast.mother.involvements.get().organisation,
        professional=cast.colleague,
    )
    counts = neighbourhood_counts([cast.mun_a.pk], today=TODAY)
    assert counts[neighbourhood_of(elsewhere).pk]["active_involvements"] == 1
    assert counts[neighbourhood_of(cast.household).pk]["active_involvements"] == 1


def test_every_measure_is_counted(cast):
    counts = neighbourhood_counts([cast.mun_a.pk], today=TODAY)
    assert set(counts[neighbourhood_of(cast.household).pk]) == set(MEASURE_KEYS)


def test_residents_outside_any_household_are_not_counted(cast):
    before = neighbourhood_counts([cast.mun_a.pk], today=TODAY)
    ResidentFactory(municipality=cast.mun_a)
    assert neighbourhood_counts([cast.mun_a.pk], today=TODAY) == before
