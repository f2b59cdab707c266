import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.audit.models import Action, AuditEntry, Outcome, Purpose
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.households.tests.factories import HouseholdMembershipFactory

SEES_HOUSEHOLD = ["coordinator", "colleague", "team_lead"]
NO_NEED_TO_KNOW = [
    "other_team",
    "outsider",
    "decision_officer",
    "policy_analyst",
    "privacy_officer",
    "admin",
]


def url(household):
    return f"/households/{household.public_id}/"


def read_lines(household):
    return AuditEntry.objects.filter(
        action=Action.READ, object_type="household", object_id=str(household.public_id)
    )


def test_anonymous_visitor_is_sent_to_the_login_page(cast, client):
    response = client.get(url(cast.household))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", SEES_HOUSEHOLD)
def test_professionals_with_need_to_know_see_the_members(cast, login_as, who):
    client = login_as(cast.staff()[who])
    response = client.get(url(cast.household))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Fatima Bakker" in content
    assert "Daan Bakker" in content
    assert f"/residents/{cast.son.public_id}/" in content


@pytest.mark.parametrize("who", SEES_HOUSEHOLD)
def test_every_member_shown_gets_an_audit_line(cast, login_as, who):
    client = login_as(cast.staff()[who])
    client.get(url(cast.household))
    shown = {line.resident_pseudonym for line in read_lines(cast.household)}
    assert shown == {str(cast.mother.public_id), str(cast.son.public_id)}
    assert {line.outcome for line in read_lines(cast.household)} == {Outcome.ALLOWED}


@pytest.mark.parametrize("who", NO_NEED_TO_KNOW)
def test_users_without_need_to_know_get_404_and_it_is_audited(cast, login_as, who):
    client = login_as(cast.staff()[who])
    response = client.get(url(cast.household))
    assert response.status_code == 404
    assert "Daan" not in response.content.decode()
    line = read_lines(cast.household).get()
    assert (line.outcome, line.username) == (Outcome.DENIED, who)


def test_resident_account_sees_own_household(cast, login_as):
    client = login_as(cast.resident_user)
    response = client.get(url(cast.household))
    assert response.status_code == 200
    assert {line.purpose for line in read_lines(cast.household)} == {Purpose.OWN_RECORD}


def test_resident_account_gets_404_for_another_household(cast, login_as):
    client = login_as(cast.resident_user)
    assert client.get(url(cast.household_b)).status_code == 404


def test_page_shows_address_neighbourhood_and_district(cast, login_as):
    client = login_as(cast.coordinator)
    content = client.get(url(cast.household)).content.decode()
    address = cast.household.address
    assert address.street_line in content
    assert address.postcode_display in content
    assert address.neighbourhood.code in content
    assert address.neighbourhood.district.code in content


def test_former_members_are_shown_with_their_dates(cast, login_as):
    HouseholdMembershipFactory(
        household=cast.household,
        relation=HouseholdMembership.Relation.PARTNER,
        resident__given_names="Kees",
        resident__surname="Visser",
        started_on=datetime.date(2010, 5, 1),
        ended_on=datetime.date(2019, 8, 31),
    )
    client = login_as(cast.coordinator)
    response = client.get(url(cast.household))
    assert [m.resident.given_names for m in response.context["former_members"]] == ["Kees"]
    assert {m.resident.given_names for m in response.context["current_members"]} == {
        "Fatima",
        "Daan",
    }
    content = response.content.decode()
    assert "01-05-2010" in content
    assert "31-08-2019" in content


def test_former_member_without_need_to_know_is_not_linked(cast, login_as):
    former = HouseholdMembershipFactory(household=cast.household, ended=True).resident
    client = login_as(cast.coordinator)
    content = client.get(url(cast.household)).content.decode()
    assert former.full_name in content
    assert f"/residents/{former.public_id}/" not in content


def count_page_queries(client, household):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(household))
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_members(cast, login_as):
    client = login_as(cast.coordinator)
    count_page_queries(client, cast.household)  # warm up: session data
    two = count_page_queries(client, cast.household)
    for _ in range(8):
        HouseholdMembershipFactory(household=cast.household, relation="child")
    for _ in range(3):
        HouseholdMembershipFactory(household=cast.household, ended=True)
    thirteen = count_page_queries(client, cast.household)
    assert thirteen == two


def test_page_is_read_only(cast, login_as):
    client = login_as(cast.coordinator)
    assert client.post(url(cast.household)).status_code == 405
