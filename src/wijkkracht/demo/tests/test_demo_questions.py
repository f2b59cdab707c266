"""Demo support questions: the number, routing as intake.routing would route them, the
service level, and an intake team so that someone works the municipality-wide queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wijkkracht.accounts.models import User
from wijkkracht.demo.generator import generate_demo
from wijkkracht.demo.intake import generate_questions
from wijkkracht.intake.models import Status, SupportRequest
from wijkkracht.intake.routing import route
from wijkkracht.intake.sla import first_contact_due
from wijkkracht.teams.models import Team, TeamMembership


@pytest.fixture
def questions(demo):
    generate_questions(municipality=demo.municipality, count=600, seed=3)
    return list(SupportRequest.objects.filter(municipality=demo.municipality))


def test_one_question_per_twenty_residents_by_default(demo):
    assert demo.counts["questions"] == 15
    assert SupportRequest.objects.filter(municipality=demo.municipality).count() == 15


def test_the_number_of_questions_can_be_chosen(db):
    summary = generate_demo(residents=200, seed=2, questions=40)
    assert SupportRequest.objects.filter(municipality=summary.municipality).count() == 40


def test_questions_are_routed_as_the_intake_routing_would(demo, questions):
    with_address = [q for q in questions if q.postcode][:120]
    assert with_address and any(not q.postcode for q in questions)
    for question in with_address:
        expected = route(
            municipality=demo.municipality,
            postcode=question.postcode,
            house_number=question.house_number,
            house_number_addition=question.house_number_addition,
        )
        assert (question.address_id, question.team_id) == (
            expected.address.pk,
            expected.team.pk if expected.team else None,
        )
    assert all(q.team_id is None for q in questions if not q.postcode)


def test_due_dates_follow_the_service_level_and_most_contacts_are_in_time(demo, questions):
    for question in questions:
        assert question.first_contact_due == first_contact_due(
            demo.municipality, question.received_at
        )
    contacted = [q for q in questions if q.first_contact_at is not None]
    in_time = [q for q in contacted if not q.is_overdue]
    assert len(in_time) / len(contacted) > 0.8
    assert len(in_time) < len(contacted)  # some late ones
    assert all(q.first_contact_at >= q.received_at for q in contacted)


def test_questions_span_the_last_year_with_varied_channels_and_outcomes(demo, questions):
    now = timezone.now()
    assert all(now - dt.timedelta(days=366) <= q.received_at <= now for q in questions)
    assert len({q.channel for q in questions}) >= 6
    closed = [q for q in questions if q.status == Status.CLOSED]
    assert {q.outcome for q in closed} == {"answered", "case_opened", "referred"}
    assert all(q.outcome_reason and q.closed_at >= q.first_contact_at for q in closed)
    open_uncontacted = [q for q in questions if q.status in (Status.NEW, Status.ASSIGNED)]
    assert any(q.is_overdue for q in open_uncontacted) or any(
        q.is_overdue for q in questions if q.status == Status.CONTACTED
    )


def test_assignees_are_members_of_the_questions_team(demo, questions):
    for question in questions:
        if question.assigned_to_id is None:
            continue
        if question.team_id is None:
            assert TeamMembership.objects.filter(
                user_id=question.assigned_to_id, team__kind=Team.Kind.INTAKE
            ).exists()
        else:
            assert TeamMembership.objects.filter(
                user_id=question.assigned_to_id, team_id=question.team_id
            ).exists()


def test_the_coordinator_works_the_intake_queue_and_the_team_lead_leads_it(demo, questions):
    intake = Team.objects.get(municipality=demo.municipality, kind=Team.Kind.INTAKE)
    coordinator = User.objects.get(username="regisseur")
    lead = User.objects.get(username="teamleider")
    assert TeamMembership.objects.filter(team=intake, user=coordinator, is_lead=False).exists()
    assert TeamMembership.objects.filter(team=intake, user=lead, is_lead=True).exists()
    queue = SupportRequest.objects.visible_to(coordinator).filter(team__isnull=True)
    assert queue.exists()


def test_replacing_the_demo_deletes_its_questions(demo):
    summary = generate_demo(residents=300, seed=7, replace=True, questions=5)
    assert SupportRequest.objects.count() == 5
    assert SupportRequest.objects.filter(municipality=summary.municipality).count() == 5
