import pytest

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.areas.models import District
from wijkkracht.neighbourhoodplans.tests.factories import (
    EngagementFactory,
    NeighbourhoodPlanFactory,
    PriorityActionFactory,
)


@pytest.fixture
def district_a(cast):
    return District.objects.get(code="WK900101")


@pytest.fixture
def district_b(cast):
    return District.objects.get(code="WK900201")


@pytest.fixture
def published_plan(cast, district_a):
    """District A's published plan: one priority with one action (with an internal
    contact person) and one wijkgesprek."""
    plan = NeighbourhoodPlanFactory(district=district_a, published=True, title="Wijkplan Noord")
    PriorityActionFactory(priority__plan=plan, priority__title="Minder eenzaamheid")
    EngagementFactory(plan=plan)
    return plan


@pytest.fixture
def draft_plan(cast, district_a):
    plan = NeighbourhoodPlanFactory(district=district_a, title="Wijkplan Noord (concept)")
    PriorityActionFactory(priority__plan=plan, priority__title="Schulden eerder in beeld")
    return plan


@pytest.fixture
def planner_b(cast):
    """A policy analyst of municipality B: may manage plans, but only B's."""
    return UserFactory(
        username="planner_b",
        policy_analyst=True,
        municipalities=[cast.mun_b],
        with_totp=True,
    )
