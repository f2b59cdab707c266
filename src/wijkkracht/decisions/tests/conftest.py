import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkkracht.cases.opening import open_case
from wijkkracht.decisions.deciding import grant
from wijkkracht.decisions.requesting import request_decision
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.models import PlanAction
from wijkkracht.provisions.models import Contract, DecisionFrame, Provision
from wijkkracht.teams.models import Team

TODAY = timezone.localdate()


@pytest.fixture
def case(cast):
    return open_case(
        household=cast.household,
        team=Team.objects.get(name="Wijkteam A1"),
        coordinator=cast.coordinator,
        actor=cast.coordinator,
    )


@pytest.fixture
def provider(cast):
    return OrganisationFactory(
        name="Thuiszorg A", kind=Organisation.Kind.CARE_PROVIDER, municipalities=[cast.mun_a]
    )


@pytest.fixture
def other_provider(cast):
    """In the municipality, but without a contract for the provision."""
    return OrganisationFactory(
        name="Zorg Zonder Contract",
        kind=Organisation.Kind.CARE_PROVIDER,
        municipalities=[cast.mun_a],
    )


@pytest.fixture
def provision(cast, provider):
    provision = Provision.objects.create(
        municipality=cast.mun_a,
        kind="custom",
        name="Begeleiding individueel",
        law="wmo_2015",
        product_category="02",
        product_code="02A01",
        unit="04",
    )
    Contract.objects.create(provision=provision, provider=provider, starts_on=dt.date(2020, 1, 1))
    return provision


def answer_five_questions(action, user, **overrides):
    answers = {
        "involvement": "Mevrouw heeft zelf gekozen voor begeleiding.",
        "expected_effect": "Overzicht over de post binnen drie maanden.",
        "cost": "Drie uur per week.",
        "legal_basis": "Wmo 2015, maatwerkvoorziening.",
        "lasting_solution": "Daarna lukt het zelf, met de buurvrouw.",
    }
    answers.update(overrides)
    return DecisionFrame.objects.create(action=action, plan_version=1, answered_by=user, **answers)


@pytest.fixture
def plan_action(cast, case, provision):
    save_plan(
        case=case,
        goals_and_actions=[
            {
                "id": None,
                "life_domain": "finances",
                "description": "Overzicht over mijn geld",
                "member": None,
                "status": "open",
                "actions": [
                    {
                        "id": None,
                        "what": "Begeleiding bij de administratie",
                        "performer_kind": "provider",
                        "performer_name": "",
                        "due_on": None,
                        "status": "open",
                        "done_on": None,
                    }
                ],
            }
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    action = PlanAction.objects.get(goal__plan__case=case)
    action.provision = provision
    action.save(update_fields=["provision"])
    answer_five_questions(action, cast.coordinator)
    return action


@pytest.fixture
def requested(cast, case, plan_action, provider):
    return request_decision(
        case=case,
        resident=cast.mother,
        plan_action=plan_action,
        requested_volume=Decimal("3"),
        requested_frequency="2",
        requested_start=TODAY,
        requested_end=TODAY + dt.timedelta(days=180),
        preferred_provider=provider,
        motivation="Zij verliest het overzicht.",
        actor=cast.coordinator,
    )


def grant_terms(provider, **overrides):
    terms = {
        "start_date": TODAY,
        "end_date": TODAY + dt.timedelta(days=180),
        "volume": Decimal("3"),
        "unit": "04",
        "frequency": "2",
        "provider": provider,
    }
    terms.update(overrides)
    return terms


@pytest.fixture
def granted(cast, requested, provider):
    return grant(decision=requested, actor=cast.decision_officer, **grant_terms(provider))


@pytest.fixture
def today():
    return timezone.localdate()
