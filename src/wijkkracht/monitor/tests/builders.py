"""Small crafted data for the monitor's tests: households, questions and cases with
plans, evaluations, assessments and escalations, on given dates."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wijkkracht.areas.tests.factories import AddressFactory
from wijkkracht.assessments.models import DomainScore, SelfRelianceAssessment
from wijkkracht.cases.models import Case, CaseStatus, Escalation
from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory
from wijkkracht.intake.models import Channel, Status, SupportRequest
from wijkkracht.plans.models import Evaluation, Goal, GoalResult, PlanAction, SupportPlan
from wijkkracht.teams.models import Team

TODAY = dt.date(2026, 6, 15)  # in 2026-Q2


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def household_in(neighbourhood):
    household = HouseholdFactory(address=AddressFactory(neighbourhood=neighbourhood))
    member = HouseholdMembershipFactory(household=household).resident
    return household, member


def team_of(cast) -> Team:
    return Team.objects.get(name="Wijkteam A1")


def question(
    cast,
    *,
    received: dt.datetime,
    contacted: dt.datetime | None = None,
    neighbourhood=None,
    resident=None,
    team=None,
    assigned_to=None,
) -> SupportRequest:
    neighbourhood = neighbourhood or cast.household.address.neighbourhood
    return SupportRequest.objects.create(
        municipality=cast.mun_a,
        channel=Channel.PHONE,
        status=Status.CONTACTED if contacted else Status.NEW,
        received_at=received,
        description="Vraag",
        address=AddressFactory(neighbourhood=neighbourhood),
        team=team if team is not None else team_of(cast),
        resident=resident,
        assigned_to=assigned_to,
        first_contact_due=received.date() + dt.timedelta(days=7),
        first_contact_at=contacted,
    )


def case(
    cast,
    *,
    opened: dt.date,
    closed: dt.date | None = None,
    household=None,
    neighbourhood=None,
    asked: dt.datetime | None = None,
    agreed: dt.date | None = None,
    results: list[str] = (),
    satisfaction: int | None = None,
    evaluated: bool | None = None,
    escalated: bool = False,
    assessments: list[tuple[dt.date, list[int]]] = (),
    actions: list[str] = (),
    team=None,
    coordinator=None,
) -> Case:
    if household is None:
        household, _member = household_in(neighbourhood or cast.household.address.neighbourhood)
    member = household.memberships.first().resident
    request = question(cast, received=asked, resident=member) if asked else None
    the_case = Case.objects.create(
        municipality=cast.mun_a,
        household=household,
        team=team or team_of(cast),
        coordinator=coordinator or cast.coordinator,
        status=CaseStatus.CLOSED if closed else CaseStatus.ACTIVE,
        opened_at=at(opened),
        closed_at=at(closed, 15) if closed else None,
        support_request=request,
    )
    plan = SupportPlan.objects.create(case=the_case, version=1, agreed_with_resident_on=agreed)
    goals = [
        Goal.objects.create(plan=plan, life_domain="finances", description="Doel", order=i)
        for i in range(max(len(results), 1))
    ]
    for i, kind in enumerate(actions):
        PlanAction.objects.create(goal=goals[0], what="Actie", performer_kind=kind, order=i)
    if closed and (results or satisfaction is not None or evaluated):
        evaluation = Evaluation.objects.create(
            case=the_case,
            satisfaction=satisfaction,
            entered_by=Evaluation.EnteredBy.RESIDENT,
            evaluated_by=the_case.coordinator,
        )
        for goal, result in zip(goals, results, strict=False):
            GoalResult.objects.create(evaluation=evaluation, goal=goal, result=result)
    for day, scores in assessments:
        assessment = SelfRelianceAssessment.objects.create(
            case=the_case, member=member, assessed_on=day, assessor=the_case.coordinator
        )
        domains = ["finances", "housing", "work_education", "mental_health", "physical_health"]
        for domain, score in zip(domains, scores, strict=False):
            DomainScore.objects.create(assessment=assessment, domain=domain, score=score)
    if escalated:
        Escalation.objects.create(
            case=the_case,
            expert_team=Team.objects.filter(municipality=cast.mun_a)
            .exclude(name="Wijkteam A1")
            .first(),
            reason="Complex",
            escalated_by=the_case.coordinator,
        )
    return the_case
