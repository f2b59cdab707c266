"""The case list runs a constant number of queries, however many cases it shows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.api.tests.cases import involve
from wijkkracht.api.tests.partners import bearer
from wijkkracht.areas.models import Neighbourhood
from wijkkracht.areas.tests.factories import AddressFactory
from wijkkracht.cases.escalation import escalate
from wijkkracht.cases.opening import open_case
from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory
from wijkkracht.teams.models import Team
from wijkkracht.teams.tests.factories import TeamFactory


def _more_cases(cast, api_client, n: int) -> None:
    team = Team.objects.get(name="Wijkteam A1")
    neighbourhood = Neighbourhood.objects.get(code="BU90010101")
    expert_team = TeamFactory(municipality=cast.mun_a, expert=True)
    for _ in range(n):
        household = HouseholdFactory(address=AddressFactory(neighbourhood=neighbourhood))
        HouseholdMembershipFactory(household=household)
        HouseholdMembershipFactory(household=household)
        case = open_case(
            household=household, team=team, coordinator=cast.coordinator, actor=cast.coordinator
        )
        involve(case, api_client, actor=cast.coordinator)
        escalate(case=case, expert_team=expert_team, reason="Complex", actor=cast.coordinator)


def _count(client, api_client) -> tuple[int, int]:
    headers = bearer(api_client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/cases/", **headers)
    assert response.status_code == 200
    return len(queries), response.json()["count"]


def test_the_list_query_count_does_not_grow_with_the_cases(
    cast, client, bakker_case, involved_partner, django_assert_num_queries
):
    one, shown = _count(client, involved_partner)
    assert shown == 1
    _more_cases(cast, involved_partner, 4)
    headers = bearer(involved_partner)
    with django_assert_num_queries(one):
        response = client.get("/api/v1/cases/", **headers)
    assert response.json()["count"] == 5


def test_the_staff_list_query_count_does_not_grow_either(
    cast, client, login_as, bakker_case, involved_partner, django_assert_num_queries
):
    login_as(cast.coordinator)
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/cases/")
    _more_cases(cast, involved_partner, 3)
    with django_assert_num_queries(len(queries)):
        response = client.get("/api/v1/cases/")
    assert response.json()["count"] == 4
