import pytest

from wijkkracht.cases.opening import open_case
from wijkkracht.plans.tests.conftest import action, goal  # noqa: F401  (shared helpers)
from wijkkracht.provisions.tests.factories import ProvisionFactory
from wijkkracht.teams.models import Team

ANSWERS = {
    "involvement": "Mevrouw koos zelf voor hulp thuis en bepaalt de dagen.",
    "expected_effect": "Over drie maanden doet zij de post weer zelf.",
    "cost": "Vier uur per week, ongeveer 250 euro per week.",
    "legal_basis": "Wmo 2015, artikel 2.3.5: maatwerkvoorziening.",
    "lasting_solution": "Ja: daarna volstaat de vrijwillige thuisadministratie.",
}


@pytest.fixture
def case(cast):
    return open_case(
        household=cast.household,
        team=Team.objects.get(name="Wijkteam A1"),
        coordinator=cast.coordinator,
        actor=cast.coordinator,
    )


@pytest.fixture
def catalogue(cast):
    """Three provisions of municipality A and one of B."""
    return {
        "general": ProvisionFactory(municipality=cast.mun_a, name="Wijkteam-spreekuur"),
        "collective": ProvisionFactory(
            municipality=cast.mun_a, name="Maaltijdclub", collective=True
        ),
        "custom": ProvisionFactory(
            municipality=cast.mun_a, name="Begeleiding individueel", custom=True
        ),
        "elsewhere": ProvisionFactory(
            municipality=cast.mun_b, name="Begeleiding in B", custom=True
        ),
    }
