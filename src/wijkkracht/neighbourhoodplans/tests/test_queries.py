"""Index pages read in a constant number of queries, however many districts and plans."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.areas.tests.factories import DistrictFactory
from wijkkracht.neighbourhoodplans.tests.factories import (
    NeighbourhoodPlanFactory,
    PriorityActionFactory,
)


def _more(cast, n):
    for i in range(n):
        district = DistrictFactory(municipality=cast.mun_a, code=f"WK9001{i + 10:02d}")
        plan = NeighbourhoodPlanFactory(district=district, published=True)
        PriorityActionFactory(priority__plan=plan)
        NeighbourhoodPlanFactory(district=district, archived=True)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_public_index_and_plan_page_do_not_grow(
    cast, client, published_plan, django_assert_num_queries
):
    urls = [
        "/neighbourhood-plans/public/",
        "/neighbourhood-plans/public/GM9001/",
        "/neighbourhood-plans/public/GM9001/WK900101/",
    ]
    counts = [_queries(client, url) for url in urls]
    _more(cast, 5)
    PriorityActionFactory.create_batch(3, priority__plan=published_plan)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)


def test_the_staff_list_does_not_grow(
    cast, client, login_as, published_plan, django_assert_num_queries
):
    login_as(cast.policy_analyst)
    count = _queries(client, "/neighbourhood-plans/")
    _more(cast, 5)
    with django_assert_num_queries(count):
        response = client.get("/neighbourhood-plans/")
    assert response.content.decode().count("/neighbourhood-plans/public/") == 1
