import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkkracht.areas.models import Neighbourhood
from wijkkracht.budgets.models import Budget
from wijkkracht.teams.models import Team


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def team_a1(cast):
    return Team.objects.get(name="Wijkteam A1")


@pytest.fixture
def team_a2(cast):
    return Team.objects.get(name="Wijkteam A2")


@pytest.fixture
def nb_a1(cast):
    return Neighbourhood.objects.get(code="BU90010101")


@pytest.fixture
def budget(cast, team_a1, today):
    """Team A1's budget this year: 5,000 euro, 250 euro per spend without approval."""
    return Budget.objects.create(
        municipality=cast.mun_a,
        team=team_a1,
        year=today.year,
        amount=Decimal("5000.00"),
        spend_limit=Decimal("250.00"),
        created_by=cast.policy_analyst,
    )


@pytest.fixture
def nb_budget(cast, nb_a1, today):
    """A budget for neighbourhood A1, which team A1 covers."""
    return Budget.objects.create(
        municipality=cast.mun_a,
        neighbourhood=nb_a1,
        year=today.year,
        amount=Decimal("1000.00"),
        spend_limit=Decimal("100.00"),
        created_by=cast.policy_analyst,
    )


@pytest.fixture
def case(cast, team_a1):
    from wijkkracht.cases.opening import open_case

    return open_case(
        household=cast.household, team=team_a1, coordinator=cast.coordinator, actor=cast.coordinator
    )


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)
