import pytest

from wijkkracht.api.models import ApiClient
from wijkkracht.api.tests.cases import involve, open_bakker_case, partner_client
from wijkkracht.api.tests.partners import make_api_client


@pytest.fixture
def partner_a(cast) -> ApiClient:
    return make_api_client(cast.mun_a, client_id="woon-a")


@pytest.fixture
def partner_b(cast) -> ApiClient:
    return make_api_client(cast.mun_b, client_id="woon-b")


@pytest.fixture
def bakker_case(cast):
    return open_bakker_case(cast)


@pytest.fixture
def involved_partner(cast, bakker_case) -> ApiClient:
    """A partner system (scopes cases.read, plans.read) whose organisation takes part in
    the Bakker household's case."""
    api_client = partner_client(cast.mun_a, "ggz-a")
    involve(bakker_case, api_client, actor=cast.coordinator)
    return api_client
