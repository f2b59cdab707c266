import pytest

from wijkkracht.cases.opening import open_case
from wijkkracht.teams.models import Team


@pytest.fixture
def case(cast):
    """The Bakker household's case, opened by its coordinator."""
    return open_case(
        household=cast.household,
        team=Team.objects.get(name="Wijkteam A1"),
        coordinator=cast.coordinator,
        actor=cast.coordinator,
    )
