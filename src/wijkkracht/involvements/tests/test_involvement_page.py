import pytest

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.models import Action, AuditEntry, Outcome
from wijkkracht.involvements.models import Involvement, ReferralMatch
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.residents.tests.factories import ResidentFactory

URL = "/access/involvement/new/"


@pytest.fixture
def housing(cast):
    return UserFactory(
        username="woonconsulent",
        organisation=OrganisationFactory(name="Woonstichting A", municipalities=[cast.mun_a]),
        municipalities=[cast.mun_a],
        with_totp=True,
    )


def test_get_shows_the_form_without_side_effects(cast, login_as, housing):
    before = AuditEntry.objects.count()
    response = login_as(housing).get(URL)
    assert response.status_code == 200
    assert b'name="reason"' in response.content
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("who", ["policy_analyst", "privacy_officer", "admin"])
def test_roles_without_the_capability_get_404(cast, login_as, who):
    client = login_as(cast.staff()[who])
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"bsn": cast.mother.bsn, "reason": "x"}).status_code == 404


def test_reporting_by_bsn_records_the_involvement_and_signals_the_match(cast, login_as, housing):
    response = login_as(housing).post(URL, {"bsn": cast.mother.bsn, "reason": "Huurachterstand"})
    assert response.status_code == 302
    assert response["Location"] == "/access/matches/"
    involvement = Involvement.objects.get(professional=housing)
    assert involvement.resident == cast.mother and involvement.household is None
    assert ReferralMatch.objects.count() == 1


def test_reporting_by_surname_birth_date_and_postcode_for_the_household(cast, login_as, housing):
    response = login_as(housing).post(
        URL,
        {
            "name": "Bakker",
            "date_of_birth": cast.son.date_of_birth.strftime("%d-%m-%Y"),
            "postcode": cast.household.address.postcode,
            "whole_household": "on",
            "reason": "Overlast",
        },
    )
    assert response.status_code == 302
    involvement = Involvement.objects.get(professional=housing)
    assert (involvement.resident, involvement.household) == (cast.son, cast.household)


def test_without_a_match_the_professional_goes_to_the_resident_page(cast, login_as, housing):
    response = login_as(housing).post(URL, {"bsn": cast.stranger.bsn, "reason": "Huur"})
    assert response["Location"] == f"/residents/{cast.stranger.public_id}/"


def test_nobody_found_shows_a_message_and_lists_nobody(cast, login_as, housing):
    response = login_as(housing).post(
        URL,
        {"name": "Bakker", "date_of_birth": "01-01-1900", "postcode": "1234AB", "reason": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert b"No resident of your municipality matches" in response.content
    assert b"Fatima" not in response.content and b"Pieter" not in response.content
    assert not Involvement.objects.filter(professional=housing).exists()
    line = AuditEntry.objects.latest("seq")
    assert (line.action, line.outcome) == (Action.SEARCH, Outcome.DENIED)


def test_several_matches_ask_for_the_bsn(cast, login_as, housing):
    twin = ResidentFactory(
        municipality=cast.mun_a, surname="Bakker", date_of_birth=cast.mother.date_of_birth
    )
    from wijkkracht.households.tests.factories import HouseholdMembershipFactory

    HouseholdMembershipFactory(household=cast.household, resident=twin)
    response = login_as(housing).post(
        URL,
        {
            "name": "Bakker",
            "date_of_birth": cast.mother.date_of_birth.strftime("%d-%m-%Y"),
            "postcode": cast.household.address.postcode,
            "reason": "x",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert b"More than one resident matches" in response.content
    assert not Involvement.objects.filter(professional=housing).exists()


def test_a_resident_of_another_municipality_is_not_found(cast, login_as, housing):
    response = login_as(housing).post(URL, {"bsn": cast.resident_b.bsn, "reason": "x"})
    assert response.status_code == 200
    assert not Involvement.objects.filter(professional=housing).exists()


def test_surname_alone_is_not_enough(cast, login_as, housing):
    response = login_as(housing).post(
        URL, {"name": "Bakker", "reason": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert b"fill in the surname, date of birth and postcode together" in response.content
    assert not Involvement.objects.filter(professional=housing).exists()


def test_the_bsn_is_never_echoed(cast, login_as, housing):
    response = login_as(housing).post(URL, {"bsn": cast.mother.bsn, "reason": ""})
    assert response.status_code == 200
    assert cast.mother.bsn.encode() not in response.content
