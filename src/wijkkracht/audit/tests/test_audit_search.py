"""Searching the audit log as privacy officer: criteria, municipality isolation, paging,
bad input, and the audit line every search writes."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, AuditEntry, Outcome, Purpose
from wijkkracht.audit.views import PAGE_SIZE, SESSION_KEY

SEARCH = reverse("audit:search")


@pytest.fixture
def lines(cast):
    record(
        user=cast.coordinator,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="resident",
        resident=cast.mother,
    )
    record(user=cast.coordinator, action=Action.LOGIN, purpose=Purpose.AUTHENTICATION)
    record(
        user=cast.other_team,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="resident",
        resident=cast.stranger,
        outcome=Outcome.DENIED,
    )
    record(
        user=cast.outsider,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="resident",
        resident=cast.resident_b,
    )
    record(user=cast.outsider, action=Action.LOGIN, purpose=Purpose.AUTHENTICATION)


@pytest.fixture
def officer(cast, login_as):
    return login_as(cast.privacy_officer)


def search(client, **criteria):
    response = client.post(SEARCH, criteria)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def shown(response) -> list[AuditEntry]:
    return list(response.context["page"].object_list)


def officer_lines(lines):
    """Lines other than the officer's own search lines."""
    return [line for line in lines if line.object_type != "audit_log"]


def test_an_empty_search_shows_all_lines_of_the_own_municipality_newest_first(cast, lines, officer):
    got = officer_lines(shown(search(officer)))
    assert [(line.username, line.action) for line in got] == [
        ("other_team", Action.READ),
        ("coordinator", Action.LOGIN),
        ("coordinator", Action.READ),
    ]


def test_the_officer_of_a_sees_no_lines_about_residents_of_b_nor_of_b_staff(cast, lines, officer):
    got = shown(search(officer))
    assert str(cast.resident_b.public_id) not in {line.resident_pseudonym for line in got}
    assert "outsider" not in {line.username for line in got}
    page = search(officer, resident_pseudonym=str(cast.resident_b.public_id))
    assert officer_lines(shown(page)) == []


def test_the_officer_of_b_sees_the_lines_of_b_and_none_of_a(cast, lines, login_as):
    officer_b = UserFactory(
        username="privacy_b",
        privacy_officer=True,
        discipline="",
        municipalities=[cast.mun_b],
        with_totp=True,
    )
    got = officer_lines(shown(search(login_as(officer_b))))
    assert {line.username for line in got} == {"outsider"}
    assert len(got) == 2


def test_a_colleague_of_both_municipalities_reading_a_b_resident_is_not_shown_to_a(cast, officer):
    regional = UserFactory(
        username="regional", municipalities=[cast.mun_a, cast.mun_b], with_totp=True
    )
    record(user=regional, action=Action.READ, purpose=Purpose.CARE, resident=cast.resident_b)
    record(user=regional, action=Action.READ, purpose=Purpose.CARE, resident=cast.mother)
    got = officer_lines(shown(search(officer, username="regional")))
    assert [line.resident_pseudonym for line in got] == [str(cast.mother.public_id)]


def test_a_failed_log_in_with_a_username_of_own_staff_is_shown(cast, officer):
    record(
        user=None,
        action=Action.LOGIN_FAILED,
        purpose=Purpose.AUTHENTICATION,
        outcome=Outcome.DENIED,
        detail={"username": "coordinator"},
    )
    record(
        user=None,
        action=Action.LOGIN_FAILED,
        purpose=Purpose.AUTHENTICATION,
        outcome=Outcome.DENIED,
        detail={"username": "outsider"},
    )
    got = shown(search(officer, action=Action.LOGIN_FAILED))
    assert [line.username for line in got] == ["coordinator"]


def test_a_search_by_pseudonym_shows_only_lines_about_that_resident(cast, lines, officer):
    got = officer_lines(shown(search(officer, resident_pseudonym=str(cast.mother.public_id))))
    assert len(got) == 1
    assert got[0].resident_pseudonym == str(cast.mother.public_id)


def test_a_search_by_bsn_finds_the_residents_lines(cast, lines, officer):
    got = officer_lines(shown(search(officer, bsn=cast.stranger.bsn)))
    assert [line.resident_pseudonym for line in got] == [str(cast.stranger.public_id)]


def test_a_bsn_never_reaches_the_url_the_audit_log_or_the_session(cast, lines, officer):
    response = officer.post(SEARCH, {"bsn": cast.mother.bsn})
    assert cast.mother.bsn not in response["Location"]
    page = officer.get(response["Location"])
    assert cast.mother.bsn not in page.content.decode()
    assert cast.mother.bsn not in repr(list(AuditEntry.objects.values()))
    assert cast.mother.bsn not in repr(dict(officer.session.items()))


def test_a_bsn_of_a_resident_of_another_municipality_finds_nothing(cast, lines, officer):
    page = search(officer, bsn=cast.resident_b.bsn)
    assert page.context["page"].paginator.count == 0
    assert page.context["criteria"]["pseudonyms"] == []


def test_a_search_by_name_and_date_of_birth_finds_only_that_resident(cast, lines, officer):
    page = search(officer, name="Bakker", date_of_birth="1960-01-01")
    assert page.context["criteria"]["pseudonyms"] == [str(cast.stranger.public_id)]
    assert "Bakker" not in page.request["QUERY_STRING"]
    got = officer_lines(shown(page))
    assert {line.resident_pseudonym for line in got} == {str(cast.stranger.public_id)}


def test_a_search_by_username_period_action_and_outcome(cast, lines, officer):
    today = timezone.localdate()
    got = officer_lines(shown(search(officer, username="coordinator", action="login")))
    assert [(line.username, line.action) for line in got] == [("coordinator", "login")]
    got = officer_lines(shown(search(officer, outcome="denied")))
    assert [line.username for line in got] == ["other_team"]
    got = officer_lines(shown(search(officer, date_from=today, date_to=today)))
    assert len(got) == 3
    tomorrow = today + dt.timedelta(days=1)
    assert shown(search(officer, date_from=tomorrow)) == []
    yesterday = today - dt.timedelta(days=1)
    assert shown(search(officer, date_to=yesterday)) == []


def test_every_search_writes_a_supervision_line_with_criteria_names_and_no_values(
    cast, lines, officer
):
    before = AuditEntry.objects.count()
    search(officer, bsn=cast.mother.bsn, username="coordinator", action="read")
    search(officer, resident_pseudonym=str(cast.son.public_id))
    search(officer)
    written = list(AuditEntry.objects.filter(object_type="audit_log").order_by("seq"))
    assert AuditEntry.objects.count() == before + 3
    assert [line.username for line in written] == ["privacy_officer"] * 3
    assert {line.action for line in written} == {Action.SEARCH}
    assert {line.purpose for line in written} == {Purpose.SUPERVISION}
    assert written[0].detail == {"criteria": ["bsn", "username", "action"]}
    assert written[0].resident_pseudonym == str(cast.mother.public_id)
    assert cast.mother.bsn not in repr(written[0].detail)
    assert written[1].resident_pseudonym == str(cast.son.public_id)
    assert written[2].detail == {"criteria": []}


def test_paging_through_results_keeps_the_criteria_without_personal_data_in_the_url(cast, officer):
    for _ in range(PAGE_SIZE + 5):
        record(
            user=cast.coordinator, action=Action.READ, purpose=Purpose.CARE, resident=cast.mother
        )
    record(user=cast.colleague, action=Action.READ, purpose=Purpose.CARE, resident=cast.mother)
    response = officer.post(SEARCH, {"bsn": cast.mother.bsn, "username": "coordinator"})
    first = officer.get(response["Location"])
    assert first.context["page"].paginator.count == PAGE_SIZE + 5
    query = parse_qs(urlsplit(response["Location"]).query)
    assert set(query) == {"q"}
    second = officer.get(SEARCH, {"q": query["q"][0], "page": 2})
    got = shown(second)
    assert len(got) == 5
    assert {line.username for line in got} == {"coordinator"}
    assert min(line.seq for line in shown(first)) > max(line.seq for line in got)
    assert f"q={query['q'][0]}&amp;page=1" in second.content.decode()


def test_paging_writes_no_new_audit_lines(cast, lines, officer):
    response = officer.post(SEARCH, {})
    count = AuditEntry.objects.count()
    officer.get(response["Location"] + "&page=1")
    assert AuditEntry.objects.count() == count


def test_a_search_key_from_another_session_is_unknown(cast, lines, officer, client):
    response = officer.post(SEARCH, {})
    officer.logout()
    from wijkkracht.conftest import login

    login(client, cast.privacy_officer)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["expired"] is True
    assert "page" not in page.context


def test_the_results_page_has_a_constant_number_of_queries(cast, officer):
    def count_queries(n_lines: int) -> int:
        for _ in range(n_lines):
            record(
                user=cast.coordinator,
                action=Action.READ,
                purpose=Purpose.CARE,
                resident=cast.mother,
            )
        location = officer.post(SEARCH, {"username": "coordinator"})["Location"]
        with CaptureQueriesContext(connection) as queries:
            response = officer.get(location)
        assert len(shown(response)) == min(
            PAGE_SIZE, AuditEntry.objects.filter(username="coordinator").count()
        )
        return len(queries)

    assert count_queries(2) == count_queries(PAGE_SIZE + 10)


@pytest.mark.parametrize(
    ("criteria", "field", "label"),
    [
        ({"date_from": "31-02-2025"}, "date_from", "From"),
        ({"date_to": "morgen"}, "date_to", "To"),
        ({"date_from": "2025-03-01", "date_to": "2025-02-01"}, "date_to", "To"),
        ({"bsn": "123456789"}, "bsn", "BSN"),
        ({"bsn": "12345"}, "bsn", "BSN"),
        ({"resident_pseudonym": "not-a-uuid"}, "resident_pseudonym", "Pseudonymous id"),
        ({"date_of_birth": "1960-13-01", "name": "Bakker"}, "date_of_birth", "Date of birth"),
        ({"name": "Bakker"}, "date_of_birth", "Date of birth"),
        ({"action": "hack"}, "action", "Action"),
    ],
)
def test_bad_input_gives_a_message_naming_the_field_and_no_search(
    cast, officer, criteria, field, label, settings
):
    settings.LANGUAGE_CODE = "en"
    before = AuditEntry.objects.count()
    response = officer.post(SEARCH, criteria, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(error.startswith(label) for error in errors), errors
    assert errors[0] in response.content.decode().replace("&#x27;", "'")
    assert AuditEntry.objects.count() == before


def test_two_ways_of_naming_the_resident_are_refused(cast, officer):
    response = officer.post(
        SEARCH, {"bsn": cast.mother.bsn, "resident_pseudonym": str(cast.mother.public_id)}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()


def test_the_session_keeps_a_limited_number_of_searches(cast, officer):
    for _ in range(25):
        officer.post(SEARCH, {})
    assert len(officer.session[SESSION_KEY]) == 20
