import pytest

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.cases.opening import open_case
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.teams.models import Team, TeamMembership
from wijkkracht.teams.tests.factories import TeamFactory


@pytest.fixture
def team_a1(cast):
    return Team.objects.get(name="Wijkteam A1")


@pytest.fixture
def case(cast, team_a1):
    """The Bakker household's case, opened by its coordinator."""
    return open_case(
        household=cast.household, team=team_a1, coordinator=cast.coordinator, actor=cast.coordinator
    )


@pytest.fixture
def expert_team(cast):
    team = TeamFactory(municipality=cast.mun_a, expert=True, name="Expertiseteam A")
    expert = UserFactory(
        username="expert",
        organisation=team.organisation,
        municipalities=[cast.mun_a],
        with_totp=True,
    )
    TeamMembership.objects.create(team=team, user=expert)
    team.expert = expert
    return team


@pytest.fixture
def partner(cast):
    """A professional of another organisation (mental health care) in municipality A."""
    ggz = OrganisationFactory(name="GGZ A", municipalities=[cast.mun_a])
    return UserFactory(
        username="ggz",
        first_name="Gerrit",
        last_name="Zorg",
        organisation=ggz,
        municipalities=[cast.mun_a],
        with_totp=True,
    )
