import pytest

from wijkkracht.api.models import ApiClient
from wijkkracht.api.tests.partners import make_api_client


@pytest.fixture
def partner_a(cast) -> ApiClient:
    return make_api_client(cast.mun_a, client_id="woon-a")


@pytest.fixture
def partner_b(cast) -> ApiClient:
    return make_api_client(cast.mun_b, client_id="woon-b")
