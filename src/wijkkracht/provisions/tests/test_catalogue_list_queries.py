import datetime

import pytest
from django.urls import reverse

from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.provisions.tests.factories import (
    ContractFactory,
    ProvisionFactory,
    TariffFactory,
)

pytestmark = pytest.mark.django_db


def _fill(cast, n):
    provider = OrganisationFactory(municipalities=[cast.mun_a])
    for _ in range(n):
        provision = ProvisionFactory(municipality=cast.mun_a, custom=True)
        TariffFactory(provision=provision, valid_from=datetime.date(2020, 1, 1))
        TariffFactory(provision=provision, valid_from=datetime.date(2021, 1, 1))
        ContractFactory(provision=provision, provider=provider)
        ProvisionFactory(municipality=cast.mun_a, collective=True, organiser=provider)


def _count(client, django_assert_num_queries, expected=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("provisions:list"), {"kind": "", "q": ""})
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_catalogue_list_takes_the_same_number_of_queries_for_2_or_40_rows(
    cast, login_as, django_assert_num_queries
):
    client = login_as(cast.coordinator)
    _fill(cast, 1)
    few, _response = _count(client, django_assert_num_queries)
    _fill(cast, 19)
    with django_assert_num_queries(few):
        response = client.get(reverse("provisions:list"), {"kind": "", "q": ""})
    assert response.content.decode().count('href="/provisions/') >= 40
    assert "€ 62.50" in response.content.decode() or "€ 62,50" in response.content.decode()


def test_filters_by_kind_law_and_search(cast, catalogue, login_as):
    client = login_as(cast.coordinator)
    html = client.get(reverse("provisions:list"), {"kind": "collective"}).content.decode()
    assert "Maaltijdclub" in html and "Wijkteam-spreekuur" not in html
    html = client.get(reverse("provisions:list"), {"law": "wmo_2015"}).content.decode()
    assert "Begeleiding individueel" in html and "Maaltijdclub" not in html
    html = client.get(reverse("provisions:list"), {"q": "spreekuur"}).content.decode()
    assert "Wijkteam-spreekuur" in html and "Maaltijdclub" not in html


def test_inactive_provisions_show_only_when_asked(cast, login_as):
    ProvisionFactory(municipality=cast.mun_a, name="Oude inloop", inactive=True)
    client = login_as(cast.coordinator)
    assert "Oude inloop" not in client.get(reverse("provisions:list")).content.decode()
    html = client.get(reverse("provisions:list"), {"inactive": "on"}).content.decode()
    assert "Oude inloop" in html
