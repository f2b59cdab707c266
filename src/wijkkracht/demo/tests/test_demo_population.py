import csv
import os
from collections import Counter

import pytest
from django.db.models import Count
from stdnum.nl import bsn as stdnum_bsn

from wijkkracht.areas.models import Address, validate_postcode
from wijkkracht.contrib.cbs.management.commands.import_areas import DEFAULT_FILE
from wijkkracht.demo.generator import HOUSEHOLD_SHARES, INVOLVEMENT_SHARE, generate_demo
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.involvements.models import Involvement
from wijkkracht.residents.models import Resident, normalise_name

Relation = HouseholdMembership.Relation


def test_the_requested_number_of_residents_is_generated(demo):
    assert Resident.objects.count() == 300
    assert demo.counts["residents"] == 300
    assert Household.objects.count() == demo.counts["households"]
    assert demo.municipality.is_synthetic


def test_every_resident_lives_in_exactly_one_current_household(demo):
    per_resident = Counter(
        HouseholdMembership.objects.current().values_list("resident_id", flat=True)
    )
    assert set(per_resident) == set(Resident.objects.values_list("pk", flat=True))
    assert set(per_resident.values()) == {1}


def test_every_household_has_one_head_and_its_own_address(demo):
    heads = Counter(
        HouseholdMembership.objects.filter(relation=Relation.HEAD).values_list(
            "household_id", flat=True
        )
    )
    assert set(heads.values()) == {1}
    assert len(heads) == Household.objects.count()
    assert Address.objects.count() == Household.objects.count()


def test_every_bsn_is_a_valid_fictional_test_number(demo):
    bsns = list(Resident.objects.values_list("bsn", flat=True))
    assert len(set(bsns)) == len(bsns)
    assert all(stdnum_bsn.is_valid(b) for b in bsns)
    assert all(b.startswith("99") for b in bsns)


def test_search_fields_are_filled_despite_bulk_inserts(demo):
    for resident in Resident.objects.all()[:50]:
        assert resident.search_surname == normalise_name(resident.surname)
        assert resident.search_given == normalise_name(resident.given_names.split(" ")[0])


def test_children_are_younger_than_their_parents_and_adults_are_of_age(demo):
    today = demo.municipality.residents.order_by("-date_of_birth").first().created_at.date()
    for household in Household.objects.prefetch_related("memberships__resident"):
        adults = [m.resident for m in household.memberships.all() if m.relation != Relation.CHILD]
        children = [m.resident for m in household.memberships.all() if m.relation == Relation.CHILD]
        for adult in adults:
            assert (today - adult.date_of_birth).days >= 18 * 365
        for child in children:
            assert child.date_of_birth <= today
            assert all(child.date_of_birth > adult.date_of_birth for adult in adults)


def test_area_codes_and_postcodes_are_consistent(demo):
    digits = demo.municipality.code[2:]
    for district in demo.municipality.districts.all():
        assert district.code.startswith(f"WK{digits}")
    for neighbourhood in demo.municipality.neighbourhoods.select_related("district"):
        assert neighbourhood.code[:8] == "BU" + neighbourhood.district.code[2:]
        assert len(neighbourhood.code) == 10
    for address in Address.objects.all():
        validate_postcode(address.postcode)
        assert address.neighbourhood.municipality_id == demo.municipality.pk


def test_the_default_code_is_not_used_by_a_real_municipality(demo):
    if not DEFAULT_FILE.exists():
        if os.environ.get("CI"):  # CI has shared/ beside the clone: never skip there
            pytest.fail(f"shared CBS file {DEFAULT_FILE} not available")
        pytest.skip("shared CBS file not available")
    with DEFAULT_FILE.open(encoding="utf-8", newline="") as handle:
        real = {row["Municipality"] for row in csv.DictReader(handle)}
    assert demo.municipality.code not in real


def test_household_composition_and_involvements_follow_the_cbs_shares(db):
    summary = generate_demo(residents=4000, seed=3)
    households = Household.objects.annotate(
        partners=Count("memberships", filter=models_q(Relation.PARTNER)),
        children=Count("memberships", filter=models_q(Relation.CHILD)),
    )
    kinds = Counter()
    for household in households:
        if household.partners and household.children:
            kinds["couple_with_children"] += 1
        elif household.partners:
            kinds["couple"] += 1
        elif household.children:
            kinds["single_parent"] += 1
        else:
            kinds["single"] += 1
    total = sum(kinds.values())
    for kind, share in HOUSEHOLD_SHARES.items():
        assert abs(kinds[kind] / total - share) < 0.04, (kind, kinds[kind] / total)
    average_size = summary.counts["residents"] / summary.counts["households"]
    assert 1.9 < average_size < 2.5
    involved = Involvement.objects.exclude(household=None).values("household").distinct().count()
    involved_residents = Involvement.objects.values("resident").distinct().count()
    assert 0.5 * INVOLVEMENT_SHARE < involved_residents / total < 3 * INVOLVEMENT_SHARE
    assert involved <= involved_residents


def models_q(relation):
    from django.db.models import Q

    return Q(memberships__relation=relation, memberships__ended_on=None)


def test_the_same_seed_gives_the_same_people(db):
    generate_demo(residents=200, seed=11)
    first = list(
        Resident.objects.order_by("bsn").values_list(
            "given_names", "surname", "date_of_birth", "bsn"
        )
    )
    generate_demo(residents=200, seed=11, replace=True)
    second = list(
        Resident.objects.order_by("bsn").values_list(
            "given_names", "surname", "date_of_birth", "bsn"
        )
    )
    assert first == second
