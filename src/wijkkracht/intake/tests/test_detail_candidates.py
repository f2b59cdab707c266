"""Match candidates on the question's page: for who handles the question only, with
identifying data only, confidence as a percentage, one audit line per candidate."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.audit.models import Action, AuditEntry, Purpose
from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory
from wijkkracht.intake.tests.question_helpers import (  # noqa: F401
    current_address,
    english,
    question_about,
)
from wijkkracht.residents.tests.factories import ResidentFactory, make_bsn

pytestmark = pytest.mark.django_db


def detail_url(question) -> str:
    return f"/intake/{question.public_id}/"


def test_the_team_sees_candidates_with_confidence_and_reasons(cast, login_as):
    question = question_about(cast.stranger)  # Wijkteam A2

    html = login_as(cast.other_team).get(detail_url(question)).content.decode()

    assert "Possible matches" in html
    assert "Pieter Bakker" in html and "01-01-1960" in html
    assert "90% (surname, date of birth, postcode, house number)" in html
    assert str(current_address(cast.stranger)) in html
    assert f'value="{cast.stranger.public_id}"' in html
    assert 'value="none"' in html


def _without_request_tokens(html: str) -> str:
    """The page without what differs on every request (CSRF token, CSP nonce)."""
    html = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*"', r'\1"', html)
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


def test_candidates_show_no_involvements_or_bsn(cast, login_as):
    """No BSN in any form, not even its last digits: the page is the same whatever the
    candidate's BSN is. (Looking for three digits in the raw HTML was flaky: they turn up
    in hashed static file names.)"""
    question = question_about(cast.mother)
    client = login_as(cast.coordinator)

    html = client.get(detail_url(question)).content.decode()

    assert "Fatima Bakker" in html
    assert cast.mother.bsn not in html
    assert "Sociaal Werk A" not in html  # the involved organisation is not shown
    original = cast.mother.bsn
    other = next(
        make_bsn(n)
        for n in range(10_000, 20_000)
        if all(a != b for a, b in list(zip(make_bsn(n), original, strict=True))[3:])
    )
    cast.mother.bsn = other
    cast.mother.save()
    changed = client.get(detail_url(question)).content.decode()
    assert other not in changed
    assert _without_request_tokens(changed) == _without_request_tokens(html)


def test_each_candidate_shown_gets_an_audit_line(cast, login_as):
    namesake = ResidentFactory(
        municipality=cast.mun_a, surname="Bakker", date_of_birth=cast.stranger.date_of_birth
    )
    question = question_about(cast.stranger)

    login_as(cast.other_team).get(detail_url(question))

    lines = AuditEntry.objects.filter(action=Action.SEARCH, user_id_value=cast.other_team.pk)
    assert {line.resident_pseudonym for line in lines} == {
        str(cast.stranger.public_id),
        str(namesake.public_id),
    }
    assert {line.purpose for line in lines} == {Purpose.INTAKE}
    assert all(line.detail["support_request"] == str(question.public_id) for line in lines)


def test_no_candidates_is_also_on_record(cast, login_as):
    question = question_about(cast.stranger, date_of_birth=None)

    html = login_as(cast.other_team).get(detail_url(question)).content.decode()

    assert "No possible matches found." in html
    line = AuditEntry.objects.get(action=Action.SEARCH)
    assert line.resident_pseudonym == "" and line.detail["results"] == 0


def test_a_registrant_who_does_not_handle_the_question_sees_no_candidates(cast, login_as):
    question = question_about(cast.mother, actor=cast.decision_officer, channel="desk")

    html = login_as(cast.decision_officer).get(detail_url(question)).content.decode()

    assert "Possible matches" not in html
    assert not AuditEntry.objects.filter(action=Action.SEARCH).exists()


def test_a_professional_who_registered_for_another_team_sees_no_candidates(cast, login_as):
    question = question_about(cast.mother, actor=cast.other_team, channel="phone")  # to A1

    response = login_as(cast.other_team).get(detail_url(question))

    assert response.status_code == 200
    assert "Possible matches" not in response.content.decode()


def test_the_page_needs_a_constant_number_of_queries(cast, login_as):
    client = login_as(cast.other_team)
    question = question_about(cast.stranger)
    client.get(detail_url(question))  # warm up session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(detail_url(question))
    for _ in range(5):
        resident = ResidentFactory(
            municipality=cast.mun_a, surname="Bakker", date_of_birth=cast.stranger.date_of_birth
        )
        HouseholdMembershipFactory(
            household=HouseholdFactory(address=current_address(cast.stranger)), resident=resident
        )
    with CaptureQueriesContext(connection) as many:
        client.get(detail_url(question))

    assert len(many) == len(few)
