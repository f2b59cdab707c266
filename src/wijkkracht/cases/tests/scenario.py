"""A household case with something on every issue-4 page, made through the use cases: a
professional of another organisation taking part, a sensitive note by the coordinator, a
support plan in two versions, a self-reliance assessment, a contact and a hand-over
history. Used by the navigation, access-matrix, accessibility and query-count tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.assessments.recording import record_assessment
from wijkkracht.cases.contacts import register_contact
from wijkkracht.cases.models import Case, Note
from wijkkracht.cases.notes import add_note
from wijkkracht.cases.opening import open_case
from wijkkracht.cases.participants import add_participant
from wijkkracht.cases.transitions import activate, start_evaluation
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.plans.editing import save_plan
from wijkkracht.teams.models import Team, TeamMembership
from wijkkracht.teams.tests.factories import TeamFactory

SENSITIVE_TEXT = "Vermoeden van huiselijk geweld, besproken met Veilig Thuis"
NORMAL_TEXT = "Moeder belt zelf met de woningcorporatie"
GOAL_TEXT = "Ik wil mijn rekeningen weer zelf betalen"


@dataclass
class Scenario:
    case: Case
    partner: object  # professional of another organisation taking part in the case
    expert_team: Team
    sensitive_note: Note


def partner_professional(cast):
    """A professional of mental health care (another organisation) in municipality A."""
    ggz = OrganisationFactory(name="GGZ A", municipalities=[cast.mun_a])
    return UserFactory(
        username="ggz",
        first_name="Gerrit",
        last_name="Zorg",
        organisation=ggz,
        municipalities=[cast.mun_a],
        with_totp=True,
    )


def expert_team_of(cast) -> Team:
    team = TeamFactory(municipality=cast.mun_a, expert=True, name="Expertiseteam A")
    expert = UserFactory(
        username="expert", organisation=team.organisation, municipalities=[cast.mun_a]
    )
    TeamMembership.objects.create(team=team, user=expert)
    return team


def build(cast, *, evaluation: bool = True) -> Scenario:
    """The Bakker household's case, coordinated by ``cast.coordinator`` (team A1); in the
    evaluation phase unless ``evaluation=False`` (then active)."""
    coordinator = cast.coordinator
    case = open_case(
        household=cast.household,
        team=Team.objects.get(name="Wijkteam A1"),
        coordinator=coordinator,
        actor=coordinator,
    )
    activate(case=case, actor=coordinator)
    partner = partner_professional(cast)
    add_participant(case=case, professional=partner, role="GGZ-behandelaar", actor=coordinator)
    expert_team = expert_team_of(cast)
    sensitive = add_note(
        case=case, text=SENSITIVE_TEXT, confidentiality="sensitive", actor=coordinator
    )
    add_note(
        case=case, text=NORMAL_TEXT, confidentiality="normal", actor=partner, member=cast.mother
    )
    register_contact(
        case=case,
        at=timezone.now() - dt.timedelta(days=2),
        method="phone",
        summary="Gebeld over de afspraak",
        member=cast.mother,
        actor=coordinator,
    )
    goal = {
        "id": None,
        "life_domain": "finances",
        "description": GOAL_TEXT,
        "member": str(cast.mother.public_id),
        "status": "open",
        "actions": [
            {
                "id": None,
                "what": "Afspraak bij de schuldhulp maken",
                "performer_kind": "resident",
                "performer_name": "",
                "due_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
                "status": "open",
                "done_on": None,
            }
        ],
    }
    plan = save_plan(case=case, goals_and_actions=[goal], expected_version=0, actor=coordinator)
    goal = {**goal, "id": plan.goals.get().pk, "description": GOAL_TEXT + " en sparen"}
    goal["actions"] = [{**goal["actions"][0], "id": plan.goals.get().actions.get().pk}]
    save_plan(case=case, goals_and_actions=[goal], expected_version=plan.version, actor=coordinator)
    record_assessment(
        case=case,
        member=cast.mother,
        assessed_on=timezone.localdate() - dt.timedelta(days=30),
        scores={"finances": 2, "housing": 4, "social_network": 3},
        note="",
        actor=coordinator,
    )
    if evaluation:
        start_evaluation(case=case, actor=coordinator)
    case.refresh_from_db()
    return Scenario(case=case, partner=partner, expert_team=expert_team, sensitive_note=sensitive)
