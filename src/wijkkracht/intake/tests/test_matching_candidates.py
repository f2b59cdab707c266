"""Match candidates for a question: exact BSN 100%, surname + date of birth + postcode
90%, surname + date of birth 60%, date of birth + address 50%; only residents of the
question's municipality; never linked automatically."""

from __future__ import annotations

import datetime as dt

import pytest

from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory
from wijkkracht.intake.matching import candidates, surname_matches
from wijkkracht.intake.tests.question_helpers import (  # noqa: F401
    current_address,
    english,
    question_about,
)
from wijkkracht.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def by_resident(found):
    return {c.resident: c for c in found}


def test_exact_bsn_is_a_certain_match(cast):
    question = question_about(cast.son, name="", date_of_birth=None, bsn=cast.son.bsn)

    found = candidates(question)

    assert [(c.resident, c.confidence, c.reasons) for c in found] == [(cast.son, 1.0, ["BSN"])]
    assert found[0].percentage == 100


def test_surname_date_of_birth_and_postcode_is_ninety_percent(cast):
    question = question_about(cast.mother, name="F. Bakker")

    match = by_resident(candidates(question))[cast.mother]

    assert match.confidence == 0.9
    assert match.reasons[:3] == ["surname", "date of birth", "postcode"]


def test_surname_and_date_of_birth_without_address_is_sixty_percent(cast):
    question = question_about(cast.stranger, postcode="", house_number=None)

    match = by_resident(candidates(question))[cast.stranger]

    assert (match.confidence, match.reasons) == (0.6, ["surname", "date of birth"])


def test_date_of_birth_and_address_without_surname_is_fifty_percent(cast):
    question = question_about(cast.stranger, name="Piet")

    match = by_resident(candidates(question))[cast.stranger]

    assert (match.confidence, match.reasons) == (
        0.5,
        ["date of birth", "postcode", "house number"],
    )


def test_a_date_of_birth_alone_is_no_match(cast):
    question = question_about(cast.stranger, name="", postcode="", house_number=None)

    assert candidates(question) == []


def test_without_bsn_or_date_of_birth_there_are_no_candidates(cast):
    question = question_about(cast.mother, date_of_birth=None)

    assert candidates(question) == []


def test_residents_of_another_municipality_are_never_proposed(cast):
    # resident_b in municipality B has the same name and date of birth as the mother.
    assert cast.resident_b.date_of_birth == cast.mother.date_of_birth
    question = question_about(cast.mother, bsn=cast.resident_b.bsn)

    found = by_resident(candidates(question))

    assert cast.resident_b not in found
    assert found[cast.mother].confidence == 0.9


def test_candidates_come_best_first(cast):
    namesake = ResidentFactory(
        municipality=cast.mun_a,
        given_names="Femke",
        surname="Bakker",
        date_of_birth=cast.mother.date_of_birth,
    )
    HouseholdMembershipFactory(
        household=HouseholdFactory(address=current_address(cast.stranger)), resident=namesake
    )
    question = question_about(cast.mother)

    found = candidates(question)

    assert [(c.resident, c.confidence) for c in found] == [(cast.mother, 0.9), (namesake, 0.6)]


def test_a_former_address_does_not_count(cast):
    mover = ResidentFactory(
        municipality=cast.mun_a, surname="Visser", date_of_birth=dt.date(1990, 5, 5)
    )
    old = HouseholdMembershipFactory(
        household=HouseholdFactory(address=current_address(cast.mother)),
        resident=mover,
        ended=True,
    )
    question = question_about(
        cast.mother,
        name="Anna",
        date_of_birth=mover.date_of_birth,
        postcode=old.household.address.postcode,
    )

    assert candidates(question) == []


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Fatima Bakker", True),
        ("bakker", True),
        ("Bakker, Fatima", True),
        ("F. Bákker", True),
        ("Fatima Bakkers", False),
        ("Bakker Fatima", False),
        ("", False),
    ],
)
def test_surname_matches_the_end_of_the_given_name(cast, given, expected):
    assert surname_matches(given, cast.mother) is expected
