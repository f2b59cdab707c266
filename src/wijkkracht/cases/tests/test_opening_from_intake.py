"""Closing an intake with "household case opened" opens the household's case."""

import datetime as dt

from django.utils import timezone

from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.intake import handling
from wijkkracht.intake.models import ContactPreference, IntakeOutcome, SupportRequest
from wijkkracht.intake.tests.test_handling_scenarios import new_question


def handled_question(cast, resident, assignee):
    question = new_question(cast, resident=resident)
    handling.assign(support_request=question, to_user=assignee, actor=cast.coordinator)
    handling.register_first_contact(
        support_request=question,
        at=timezone.now() - dt.timedelta(minutes=5),
        method=ContactPreference.PHONE,
        note="Gebeld, afspraak gemaakt.",
        actor=assignee,
    )
    return question


def close_with_case(question, actor):
    handling.close_request(
        support_request=question,
        outcome=IntakeOutcome.CASE_OPENED,
        reason="Gezinsplan nodig.",
        actor=actor,
    )


def test_closing_an_intake_with_a_case_opens_it_with_the_assigned_coordinator(cast):
    question = handled_question(cast, cast.son, cast.colleague)
    close_with_case(question, cast.coordinator)
    case = Case.objects.get(household=cast.household)
    assert case.coordinator == cast.colleague
    assert case.support_request == question
    assert case.status == CaseStatus.INTAKE
    entry = case.timeline.get(kind=TimelineEntry.Kind.QUESTION)
    assert entry.member == cast.son
    assert question.reference in entry.summary


def test_a_second_question_is_linked_to_the_open_case(cast):
    close_with_case(handled_question(cast, cast.son, cast.colleague), cast.coordinator)
    second = handled_question(cast, cast.mother, cast.coordinator)
    close_with_case(second, cast.coordinator)
    case = Case.objects.get(household=cast.household)
    assert case.coordinator == cast.colleague
    assert case.timeline.filter(kind=TimelineEntry.Kind.QUESTION).count() == 2
    assert case.timeline.filter(summary__contains="linked").exists()


def test_an_unmatched_question_opens_no_case(cast):
    question = handled_question(cast, None, cast.coordinator)
    close_with_case(question, cast.coordinator)
    assert not Case.objects.exists()
    assert SupportRequest.objects.get(pk=question.pk).outcome == IntakeOutcome.CASE_OPENED
