"""Whole scenarios through the intake workflow: assign, first contact, close, re-route —
the happy paths, and every way they are refused without writing anything."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkkracht.audit.models import AuditEntry, Purpose
from wijkkracht.intake import handling
from wijkkracht.intake.models import (
    Channel,
    ContactPreference,
    IntakeOutcome,
    RoutingChange,
    Status,
    SupportRequest,
)
from wijkkracht.intake.registration import register_request
from wijkkracht.involvements.models import Involvement
from wijkkracht.teams.models import Team


def new_question(cast, *, resident=None, at_household=True) -> SupportRequest:
    address = cast.household.address
    question, _created = register_request(
        actor=cast.coordinator,
        municipality=cast.mun_a,
        channel=Channel.PHONE,
        description="Ik heb moeite met het betalen van de huur.",
        name="F. Bakker",
        postcode=address.postcode if at_household else "",
        house_number=address.house_number if at_household else None,
    )
    # Received two hours ago, so a contact "a few minutes ago" is after receipt.
    SupportRequest.objects.filter(pk=question.pk).update(
        resident=resident, received_at=timezone.now() - dt.timedelta(hours=2)
    )
    question.refresh_from_db()
    return question


def intake_lines(question):
    return AuditEntry.objects.filter(
        object_type="support_request", object_id=str(question.public_id), purpose=Purpose.INTAKE
    ).order_by("seq")


def team(name: str) -> Team:
    return Team.objects.get(name=name)


@pytest.fixture
def question(cast):
    return new_question(cast)


def test_a_question_at_the_household_address_lands_in_its_neighbourhood_team(cast, question):
    assert question.team == team("Wijkteam A1")
    assert question.status == Status.NEW


def test_happy_path_assign_contact_and_answer_directly(cast, question):
    handling.assign(support_request=question, to_user=cast.colleague, actor=cast.team_lead)
    assert question.status == Status.ASSIGNED
    assert question.assigned_to == cast.colleague

    contacted = timezone.now() - dt.timedelta(minutes=5)
    handling.register_first_contact(
        support_request=question,
        at=contacted,
        method=ContactPreference.PHONE,
        note="Gebeld, afspraak gemaakt.",
        actor=cast.colleague,
    )
    handling.close_request(
        support_request=question,
        outcome=IntakeOutcome.ANSWERED,
        reason="Doorverwezen naar het inloopspreekuur geldzaken.",
        actor=cast.colleague,
    )
    stored = SupportRequest.objects.get(pk=question.pk)
    assert stored.status == Status.CLOSED
    assert stored.first_contact_at == contacted
    assert stored.first_contact_method == ContactPreference.PHONE
    assert stored.outcome == IntakeOutcome.ANSWERED
    assert stored.closed_at is not None
    steps = [line.detail.get("step") for line in intake_lines(question)]
    assert steps == [None, "assign", "first_contact", "close"]  # None: the registration


def test_reassigning_an_assigned_question_is_allowed(cast, question):
    handling.assign(support_request=question, to_user=cast.colleague, actor=cast.coordinator)
    handling.assign(support_request=question, to_user=cast.coordinator, actor=cast.coordinator)
    assert SupportRequest.objects.get(pk=question.pk).assigned_to == cast.coordinator


def test_first_contact_on_an_unassigned_question_assigns_it_to_whoever_made_it(cast, question):
    handling.register_first_contact(
        support_request=question,
        at=timezone.now(),
        method=ContactPreference.VISIT,
        note="Op huisbezoek geweest.",
        actor=cast.coordinator,
    )
    assert SupportRequest.objects.get(pk=question.pk).assigned_to == cast.coordinator


def test_assigning_to_someone_outside_the_team_is_refused(cast, question):
    with pytest.raises(ValidationError) as error:
        handling.assign(support_request=question, to_user=cast.other_team, actor=cast.coordinator)
    assert "to_user" in error.value.message_dict
    stored = SupportRequest.objects.get(pk=question.pk)
    assert (stored.status, stored.assigned_to) == (Status.NEW, None)
    assert intake_lines(question).count() == 1


def test_a_professional_of_another_team_cannot_handle_the_question(cast, question):
    with pytest.raises(PermissionDenied):
        handling.assign(support_request=question, to_user=cast.colleague, actor=cast.other_team)
    with pytest.raises(PermissionDenied):
        handling.assign(support_request=question, to_user=cast.colleague, actor=cast.outsider)


@pytest.mark.parametrize(
    "when, field",
    [
        (lambda q: timezone.now() + dt.timedelta(hours=1), "at"),
        (lambda q: q.received_at - dt.timedelta(minutes=1), "at"),
        (lambda q: None, "at"),
    ],
    ids=["in the future", "before receipt", "missing"],
)
def test_a_first_contact_at_an_impossible_moment_is_refused(cast, question, when, field):
    with pytest.raises(ValidationError) as error:
        handling.register_first_contact(
            support_request=question,
            at=when(question),
            method=ContactPreference.PHONE,
            note="Gebeld.",
            actor=cast.coordinator,
        )
    assert field in error.value.message_dict
    assert SupportRequest.objects.get(pk=question.pk).status == Status.NEW


def test_a_first_contact_needs_a_method_and_an_outcome(cast, question):
    for method, note, field in [("pigeon", "Gebeld.", "method"), ("phone", "  ", "note")]:
        with pytest.raises(ValidationError) as error:
            handling.register_first_contact(
                support_request=question,
                at=timezone.now(),
                method=method,
                note=note,
                actor=cast.coordinator,
            )
        assert field in error.value.message_dict


def test_closing_before_the_first_contact_is_an_invalid_transition(cast, question):
    with pytest.raises(ValidationError) as error:
        handling.close_request(
            support_request=question,
            outcome=IntakeOutcome.ANSWERED,
            reason="Klaar.",
            actor=cast.coordinator,
        )
    assert error.value.code == "invalid_transition"
    assert SupportRequest.objects.get(pk=question.pk).status == Status.NEW


def contacted(cast, question):
    handling.register_first_contact(
        support_request=question,
        at=timezone.now(),
        method=ContactPreference.PHONE,
        note="Gebeld.",
        actor=cast.coordinator,
    )
    return question


def test_closing_needs_an_outcome_and_a_reason(cast, question):
    contacted(cast, question)
    for outcome, reason, field in [("maybe", "Reden.", "outcome"), ("answered", "", "reason")]:
        with pytest.raises(ValidationError) as error:
            handling.close_request(
                support_request=question, outcome=outcome, reason=reason, actor=cast.coordinator
            )
        assert field in error.value.message_dict
    assert SupportRequest.objects.get(pk=question.pk).status == Status.CONTACTED


def test_a_closed_question_cannot_be_assigned_contacted_or_closed_again(cast, question):
    contacted(cast, question)
    handling.close_request(
        support_request=question,
        outcome=IntakeOutcome.REFERRED,
        reason="Verwezen naar de huisarts.",
        actor=cast.coordinator,
    )
    attempts = [
        lambda: handling.assign(
            support_request=question, to_user=cast.colleague, actor=cast.coordinator
        ),
        lambda: contacted(cast, question),
        lambda: handling.close_request(
            support_request=question, outcome="answered", reason="Nog eens.", actor=cast.coordinator
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.code == "invalid_transition"


def test_opening_a_household_case_involves_the_team_with_resident_and_household(cast):
    question = contacted(cast, new_question(cast, resident=cast.son))
    assert not Involvement.objects.filter(resident=cast.son).exists()
    handling.close_request(
        support_request=question,
        outcome=IntakeOutcome.CASE_OPENED,
        reason="Zorgen over schoolverzuim; gezinsplan nodig.",
        actor=cast.coordinator,
    )
    involvement = Involvement.objects.get(resident=cast.son)
    assert involvement.team == team("Wijkteam A1")
    assert involvement.household == cast.household
    assert involvement.organisation == team("Wijkteam A1").organisation


def test_opening_a_case_where_the_team_is_already_involved_refreshes_that_involvement(cast):
    existing = Involvement.objects.get(resident=cast.mother)
    Involvement.objects.filter(pk=existing.pk).update(
        last_activity_at=timezone.now() - dt.timedelta(days=30)
    )
    question = contacted(cast, new_question(cast, resident=cast.mother))
    handling.close_request(
        support_request=question,
        outcome=IntakeOutcome.CASE_OPENED,
        reason="Gezinsplan.",
        actor=cast.coordinator,
    )
    assert Involvement.objects.filter(resident=cast.mother).count() == 1
    existing.refresh_from_db()
    assert timezone.now() - existing.last_activity_at < dt.timedelta(minutes=1)


def test_answered_questions_create_no_involvement(cast):
    question = contacted(cast, new_question(cast, resident=cast.son))
    handling.close_request(
        support_request=question, outcome="answered", reason="Info gegeven.", actor=cast.coordinator
    )
    assert not Involvement.objects.filter(resident=cast.son).exists()


def test_team_lead_reroutes_with_a_reason_and_the_assignment_is_undone(cast, question):
    handling.assign(support_request=question, to_user=cast.colleague, actor=cast.team_lead)
    handling.reroute(
        support_request=question,
        to_team=team("Wijkteam A2"),
        reason="Woont sinds kort in A2.",
        actor=cast.team_lead,
    )
    stored = SupportRequest.objects.get(pk=question.pk)
    assert (stored.team, stored.status, stored.assigned_to) == (
        team("Wijkteam A2"),
        Status.NEW,
        None,
    )
    change = RoutingChange.objects.get(support_request=question)
    assert (change.from_team, change.to_team, change.changed_by) == (
        team("Wijkteam A1"),
        team("Wijkteam A2"),
        cast.team_lead,
    )
    assert change.reason == "Woont sinds kort in A2."
    assert intake_lines(question).last().detail["step"] == "reroute"
    # The old team no longer sees it; the new team does.
    assert not SupportRequest.objects.visible_to(cast.colleague).filter(pk=question.pk).exists()
    assert SupportRequest.objects.visible_to(cast.other_team).filter(pk=question.pk).exists()


def test_team_lead_can_send_a_question_to_the_intake_queue(cast, question):
    handling.reroute(
        support_request=question, to_team=None, reason="Adres klopt niet.", actor=cast.team_lead
    )
    assert SupportRequest.objects.get(pk=question.pk).team is None


def test_rerouting_is_for_team_leads_of_the_question_only(cast, question):
    for actor in (cast.coordinator, cast.policy_analyst, cast.outsider):
        with pytest.raises(PermissionDenied):
            handling.reroute(
                support_request=question, to_team=None, reason="Waarom niet.", actor=actor
            )
    assert not RoutingChange.objects.exists()


def test_rerouting_to_another_municipality_or_without_reason_is_refused(cast, question):
    other = Team.objects.get(name="Wijkteam B1")
    cases = [
        (other, "Verhuisd.", "to_team"),
        (team("Wijkteam A1"), "Zelfde team.", "to_team"),
        (team("Wijkteam A2"), "   ", "reason"),
    ]
    for to_team, reason, field in cases:
        with pytest.raises(ValidationError) as error:
            handling.reroute(
                support_request=question, to_team=to_team, reason=reason, actor=cast.team_lead
            )
        assert field in error.value.message_dict
    assert not RoutingChange.objects.exists()
    assert SupportRequest.objects.get(pk=question.pk).team == team("Wijkteam A1")


def test_a_contacted_question_cannot_be_rerouted(cast, question):
    contacted(cast, question)
    with pytest.raises(ValidationError) as error:
        handling.reroute(
            support_request=question, to_team=None, reason="Te laat.", actor=cast.team_lead
        )
    assert error.value.code == "invalid_transition"


def test_nothing_is_written_when_the_audit_line_fails(cast, question, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(handling, "record", broken)
    with pytest.raises(RuntimeError):
        handling.reroute(
            support_request=question,
            to_team=team("Wijkteam A2"),
            reason="Verhuisd.",
            actor=cast.team_lead,
        )
    stored = SupportRequest.objects.get(pk=question.pk)
    assert stored.team == team("Wijkteam A1")
    assert not RoutingChange.objects.exists()
