"""The team's queue page: who sees which queue, what a row shows (and never shows), the
overdue marking, paging, the audit lines and a query count that does not grow with the
number of questions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkkracht.audit.models import Action, AuditEntry, Purpose
from wijkkracht.audit.tests.queries import is_audit_write
from wijkkracht.intake.models import Channel, Status, SupportRequest
from wijkkracht.intake.registration import register_request
from wijkkracht.organisations.models import Organisation
from wijkkracht.teams.models import Team, TeamMembership
from wijkkracht.teams.tests.factories import TeamFactory

URL = "/intake/queue/"


def ask(
    cast,
    *,
    at_household=True,
    days_ago=0,
    description="Ik kan mijn rekeningen niet meer betalen.",
    **fields,
):
    address = cast.household.address
    question, _created = register_request(
        actor=None,
        municipality=cast.mun_a,
        channel=fields.pop("channel", Channel.PORTAL),
        description=description,
        name=fields.pop("name", "Fatima Bakker"),
        bsn=fields.pop("bsn", ""),
        postcode=address.postcode if at_household else "",
        house_number=address.house_number if at_household else None,
    )
    if days_ago or fields:
        received = timezone.now() - dt.timedelta(days=days_ago)
        due = question.first_contact_due - dt.timedelta(days=days_ago)
        SupportRequest.objects.filter(pk=question.pk).update(
            received_at=received, first_contact_due=due, **fields
        )
        question.refresh_from_db()
    return question


@pytest.fixture
def intake_team(cast):
    team = TeamFactory(
        municipality=cast.mun_a,
        organisation=Organisation.objects.get(name="Gemeente A (organisatie)"),
        name="Eén toegang A",
        kind=Team.Kind.INTAKE,
    )
    TeamMembership.objects.create(team=team, user=cast.colleague)
    return team


def test_anonymous_visitor_is_sent_to_the_login_page(cast, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["policy_analyst", "privacy_officer", "admin", "decision_officer"])
def test_roles_that_do_not_handle_questions_get_404(cast, login_as, who):
    assert login_as(cast.staff()[who]).get(URL).status_code == 404


def test_coordinator_sees_the_open_questions_of_the_team_oldest_first(cast, login_as):
    newer = ask(cast, days_ago=1)
    older = ask(cast, days_ago=3)
    closed = ask(cast, days_ago=2, status=Status.CLOSED)
    elsewhere = ask(cast, at_household=False)  # the intake queue
    response = login_as(cast.coordinator).get(URL)
    assert response.status_code == 200
    shown = [row.request.pk for row in response.context["rows"]]
    assert shown == [older.pk, newer.pk]
    content = response.content.decode()
    assert closed.reference not in content
    assert elsewhere.reference not in content


def test_another_team_does_not_see_the_question(cast, login_as):
    question = ask(cast)
    content = login_as(cast.other_team).get(URL).content.decode()
    assert question.reference not in content


def test_a_row_shows_name_and_a_short_excerpt_but_never_the_bsn(cast, login_as):
    long_text = "Wij hebben een probleem met de huur. " * 20
    question = ask(cast, description=long_text, bsn="123456782")
    content = login_as(cast.coordinator).get(URL).content.decode()
    assert question.reference in content
    assert "Fatima Bakker" in content
    assert "Wij hebben een probleem met de huur." in content
    assert long_text.strip() not in content
    assert "123456782" not in content
    assert "456782" not in content


def test_waiting_time_counts_working_days_and_overdue_is_marked_in_words(cast, login_as):
    late = ask(cast, days_ago=21)
    fresh = ask(cast)
    response = login_as(cast.coordinator).get(URL)
    rows = {row.request.pk: row for row in response.context["rows"]}
    assert rows[late.pk].overdue and not rows[fresh.pk].overdue
    assert rows[fresh.pk].waiting_days == 0
    assert 13 <= rows[late.pk].waiting_days <= 15  # three weeks, maybe a holiday
    content = response.content.decode()
    assert content.count("⚠ Overdue") + content.count("⚠ Te laat") == 1


def test_intake_team_members_choose_the_municipality_wide_queue(cast, login_as, intake_team):
    in_queue = ask(cast, at_household=False)
    client = login_as(cast.colleague)
    response = client.get(URL, {"queue": f"intake-{cast.mun_a.pk}"})
    assert [row.request.pk for row in response.context["rows"]] == [in_queue.pk]
    keys = [choice.key for choice in response.context["choices"]]
    assert keys == [f"intake-{cast.mun_a.pk}", f"team-{Team.objects.get(name='Wijkteam A1').pk}"]


def test_without_an_intake_team_the_municipal_queue_is_not_offered(cast, login_as):
    ask(cast, at_household=False)
    response = login_as(cast.coordinator).get(URL, {"queue": f"intake-{cast.mun_a.pk}"})
    assert [c.key for c in response.context["choices"]] == [
        f"team-{Team.objects.get(name='Wijkteam A1').pk}"
    ]
    assert response.context["rows"] == []


def test_each_row_links_to_its_handling_page_keeping_the_queue_and_page(cast, login_as):
    question = ask(cast)
    team = Team.objects.get(name="Wijkteam A1")
    content = login_as(cast.coordinator).get(URL).content.decode()
    assert f"/intake/queue/{question.public_id}/?queue=team-{team.pk}&amp;page=1" in content


def test_the_handling_page_offers_the_forms_of_the_status(cast, login_as):
    question = ask(cast)
    page = login_as(cast.coordinator).get(f"{URL}{question.public_id}/?queue=x&page=3")
    content = page.content.decode()
    assert page.status_code == 200
    assert 'name="to_user"' in content and 'name="method"' in content
    assert 'name="outcome"' not in content  # closing comes after the first contact
    assert 'name="queue" value="team-' in content  # an unknown queue key is not echoed
    assert 'name="page" value="3"' in content
    assert f'<option value="{cast.colleague.pk}"' in content
    assert f'<option value="{cast.other_team.pk}"' not in content


def test_only_team_leads_get_the_reroute_form(cast, login_as):
    question = ask(cast)
    handle = f"{URL}{question.public_id}/"
    assert b'name="to_team"' not in login_as(cast.coordinator).get(handle).content
    content = login_as(cast.team_lead).get(handle).content.decode()
    assert 'name="to_team"' in content
    assert "Wijkteam A2" in content and "Wijkteam B1" not in content


def test_the_handling_page_of_another_teams_question_is_a_404(cast, login_as):
    question = ask(cast)
    assert login_as(cast.other_team).get(f"{URL}{question.public_id}/").status_code == 404
    assert login_as(cast.outsider).get(f"{URL}{question.public_id}/").status_code == 404


def test_the_handling_page_of_a_matched_question_is_audited(cast, login_as):
    question = ask(cast, resident=cast.mother)
    before = AuditEntry.objects.count()
    login_as(cast.coordinator).get(f"{URL}{question.public_id}/")
    line = AuditEntry.objects.get(seq__gt=before, action=Action.READ)
    assert line.resident_pseudonym == str(cast.mother.public_id)
    assert "123456782" not in str(line.detail)


def test_the_queue_is_paged_by_fifty(cast, login_as):
    for i in range(51):
        ask(cast, days_ago=60 - i)
    client = login_as(cast.coordinator)
    first = client.get(URL)
    assert len(first.context["rows"]) == 50
    second = client.get(URL, {"page": 2})
    assert len(second.context["rows"]) == 1


def test_viewing_writes_one_read_line_per_matched_question_in_one_insert(cast, login_as):
    matched = ask(cast, resident=cast.mother)
    ask(cast)  # not matched: no line
    client = login_as(cast.coordinator)
    before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    lines = list(AuditEntry.objects.filter(seq__gt=before, action=Action.READ))
    assert len(lines) == 1
    assert lines[0].purpose == Purpose.INTAKE
    assert lines[0].object_id == str(matched.public_id)
    assert lines[0].resident_pseudonym == str(cast.mother.public_id)
    writes = [q for q in queries.captured_queries if is_audit_write(q["sql"])]
    assert len(writes) == 1


def test_query_count_does_not_grow_with_the_number_of_questions(cast, login_as):
    client = login_as(cast.team_lead)
    ask(cast, resident=cast.mother)
    client.get(URL)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).status_code == 200
    for i in range(39):
        ask(cast, days_ago=i % 20, resident=cast.son if i % 2 else None)
    with CaptureQueriesContext(connection) as forty:
        response = client.get(URL)
    assert len(response.context["rows"]) == 40
    assert len(forty) == len(one)
