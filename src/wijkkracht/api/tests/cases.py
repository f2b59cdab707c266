"""Household cases for the case API tests: a case of the Bakker household with a plan,
and partner systems whose organisation is (or is not) involved."""

from __future__ import annotations

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.api.models import ApiClient, Scope
from wijkkracht.api.tests.partners import make_api_client
from wijkkracht.cases.opening import open_case
from wijkkracht.cases.participants import add_participant
from wijkkracht.plans.editing import save_plan
from wijkkracht.teams.models import Team

READ_SCOPES = [Scope.CASES_READ, Scope.PLANS_READ]


def open_bakker_case(cast):
    return open_case(
        household=cast.household,
        team=Team.objects.get(name="Wijkteam A1"),
        coordinator=cast.coordinator,
        actor=cast.coordinator,
    )


def involve(case, api_client: ApiClient, *, actor, role: str = "Ambulant begeleider"):
    """A professional of the client's organisation takes part in the case (an involvement
    of that organisation that opens the record)."""
    organisation = api_client.user.organisation
    professional = UserFactory(
        first_name="Gerrit",
        last_name="Zorg",
        organisation=organisation,
        municipalities=[case.municipality],
    )
    add_participant(case=case, professional=professional, role=role, actor=actor)
    return professional


def partner_client(municipality, client_id: str, *, scopes=READ_SCOPES) -> ApiClient:
    return make_api_client(municipality, client_id=client_id, scopes=scopes)


def write_plan(case, cast, *, mother):
    plan = save_plan(
        case=case,
        goals_and_actions=[
            {
                "life_domain": "finances",
                "description": "Ik wil mijn rekeningen op tijd betalen.",
                "member": str(mother.public_id),
                "status": "open",
                "actions": [
                    {
                        "what": "Samen de post doornemen",
                        "performer_kind": "volunteer",
                        "performer_name": "Henk (Humanitas)",
                        "due_on": "2030-01-15",
                        "status": "open",
                    }
                ],
            },
            {
                "life_domain": "social_network",
                "description": "Daan gaat naar de voetbalclub.",
                "member": None,
                "status": "open",
                "actions": [],
            },
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    return plan
