import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.audit.models import Action, AuditEntry
from wijkkracht.households.tests.factories import HouseholdMembershipFactory
from wijkkracht.involvements.tests.factories import InvolvementFactory

URL = "/residents/search/"


def search_lines():
    return AuditEntry.objects.filter(action=Action.SEARCH)


def test_anonymous_visitor_is_sent_to_the_login_page(cast, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["policy_analyst", "privacy_officer", "admin"])
def test_roles_without_the_search_capability_are_refused(cast, login_as, who):
    client = login_as(cast.staff()[who])
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"name": "Bakker"}).status_code == 404
    assert not search_lines().exists()


def test_resident_account_cannot_search(cast, login_as):
    client = login_as(cast.resident_user)
    assert client.post(URL, {"name": "Bakker"}).status_code == 404


def test_get_shows_the_form_and_searches_nothing(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.get(URL, {"name": "Bakker"})
    assert response.status_code == 200
    assert b'name="bsn"' in response.content
    assert b'method="post" action="/residents/search/"' in response.content
    assert b"Fatima" not in response.content
    assert not search_lines().exists()


def test_coordinator_finds_only_the_residents_with_need_to_know(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.post(URL, {"name": "bakker"})
    assert response.status_code == 200
    # Ordered by surname, then first name: Daan before Fatima.
    assert [r.pk for r in response.context["results"]] == [cast.son.pk, cast.mother.pk]
    content = response.content.decode()
    assert f"/residents/{cast.mother.public_id}/" in content
    assert f"/residents/{cast.son.public_id}/" in content
    assert "Pieter" not in content  # the stranger in the same municipality
    assert str(cast.resident_b.public_id) not in content


def test_results_show_the_current_address(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.post(URL, {"name": "Bakker"})
    assert cast.household.address.street_line in response.content.decode()


def test_professional_of_another_team_finds_nobody(cast, login_as):
    client = login_as(cast.other_team)
    response = client.post(URL, {"name": "Bakker"})
    assert response.status_code == 200
    assert response.context["results"] == []
    line = search_lines().get()
    assert line.detail == {"criteria": ["name"], "results": 0}
    assert line.resident_pseudonym == ""


def test_search_by_bsn_finds_the_person_and_never_shows_the_full_bsn(cast, login_as):
    client = login_as(cast.coordinator)
    bsn = cast.mother.bsn
    response = client.post(URL, {"bsn": bsn})
    assert [r.pk for r in response.context["results"]] == [cast.mother.pk]
    content = response.content.decode()
    assert bsn not in content
    assert "******" + bsn[-3:] in content
    assert cast.son.bsn not in content


def test_bsn_with_spaces_is_accepted(cast, login_as):
    client = login_as(cast.coordinator)
    bsn = cast.son.bsn
    response = client.post(URL, {"bsn": f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}"})
    assert [r.pk for r in response.context["results"]] == [cast.son.pk]


def test_search_by_postcode_and_house_number(cast, login_as):
    client = login_as(cast.coordinator)
    address = cast.household.address
    postcode = f"{address.postcode[:4]} {address.postcode[4:].lower()}"
    response = client.post(URL, {"postcode": postcode, "house_number": address.house_number})
    assert {r.pk for r in response.context["results"]} == {cast.mother.pk, cast.son.pk}


def test_search_by_date_of_birth_in_dutch_notation(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.post(URL, {"date_of_birth": "03-09-2012"})
    assert [r.pk for r in response.context["results"]] == [cast.son.pk]


def test_each_result_is_audited_with_criteria_names_but_no_values(cast, login_as):
    client = login_as(cast.coordinator)
    client.post(URL, {"name": "Bakker", "bsn": cast.mother.bsn})
    lines = list(search_lines())
    assert [line.resident_pseudonym for line in lines] == [str(cast.mother.public_id)]
    assert lines[0].detail == {"criteria": ["name", "bsn"], "results": 1}
    assert lines[0].username == "coordinator"
    assert cast.mother.bsn not in str(lines[0].detail)


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"bsn": "123456789"}, "bsn", "BSN"),
        ({"bsn": "12345"}, "bsn", "BSN"),
        ({"postcode": "12345"}, "postcode", "Postcode"),
        ({"date_of_birth": "31-02-1990"}, "date_of_birth", "Date of birth"),
        ({"house_number": "12"}, "postcode", "Postcode"),
        ({"house_number": "twelve", "postcode": "1234AB"}, "house_number", "House number"),
        ({"name": "B"}, "name", "Name"),
    ],
)
def test_invalid_input_gets_a_message_naming_the_field(cast, login_as, data, field, fragment):
    client = login_as(cast.coordinator)
    response = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(fragment in str(e) for e in errors), errors
    assert not search_lines().exists()


def test_empty_search_asks_for_at_least_one_criterion(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.post(URL, {"name": "  "})
    assert response.context["form"].non_field_errors()
    assert not search_lines().exists()


def test_invalid_bsn_is_not_echoed_back(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.post(URL, {"bsn": "123456789"})
    assert b"123456789" not in response.content


def make_visible_residents(cast, count):
    neighbourhood = cast.household.address.neighbourhood
    for n in range(count):
        resident = HouseholdMembershipFactory(
            household__address__neighbourhood=neighbourhood,
            resident__surname="Zoetemelk",
            resident__given_names=f"Kind{n:02d}",
            resident__date_of_birth=datetime.date(2000, 1, 1),
        ).resident
        InvolvementFactory(resident=resident, professional=cast.coordinator)


def count_search_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"name": "Zoetemelk"})
    return len(queries), len(response.context["results"])


def test_query_count_does_not_grow_with_the_number_of_results(cast, login_as):
    client = login_as(cast.coordinator)
    make_visible_residents(cast, 1)
    count_search_queries(client)  # warm up: the first request also loads session data
    one, found_one = count_search_queries(client)
    make_visible_residents(cast, 29)
    thirty, found_thirty = count_search_queries(client)
    assert (found_one, found_thirty) == (1, 30)
    assert thirty == one


def test_results_are_capped_at_fifty(cast, login_as):
    client = login_as(cast.coordinator)
    make_visible_residents(cast, 51)
    response = client.post(URL, {"name": "Zoetemelk"})
    assert len(response.context["results"]) == 50
    assert response.context["truncated"] is True
    assert search_lines().count() == 50
