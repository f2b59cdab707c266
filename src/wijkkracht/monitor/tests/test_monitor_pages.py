"""The monitor pages: one query on the precomputed figures, whatever the number of
areas; who may see them; nothing about a person."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkkracht.areas.tests.factories import NeighbourhoodFactory
from wijkkracht.monitor.models import IndicatorTarget, PrecomputedFigure
from wijkkracht.monitor.recompute import recompute_municipality
from wijkkracht.monitor.tests.builders import case

REFUSED = [
    "coordinator",
    "colleague",
    "other_team",
    "outsider",
    "decision_officer",
    "privacy_officer",
    "admin",
]


def pages_of(cast):
    district = cast.household.address.neighbourhood.district
    return [
        reverse("monitor:index"),
        reverse("monitor:index") + "?split=team",
        reverse("monitor:index") + "?split=provider",
        reverse("monitor:area", args=[district.code]),
        reverse("monitor:area", args=[cast.household.address.neighbourhood.code]),
        reverse("monitor:map") + "?figure=kpi09",
        reverse("monitor:targets"),
    ]


@pytest.fixture
def computed(cast):
    today = dt.date.today()
    closed = today.replace(day=1) - dt.timedelta(days=40)
    for _ in range(12):
        case(
            cast,
            opened=closed - dt.timedelta(days=50),
            closed=closed,
            satisfaction=8,
            escalated=True,
        )
    IndicatorTarget.objects.create(
        municipality=cast.mun_a, indicator="kpi09", target=10, tolerance=5
    )
    recompute_municipality(cast.mun_a)


def figure_queries(queries) -> int:
    return sum("monitor_precomputedfigure" in q["sql"] for q in queries)


@pytest.mark.parametrize("index", range(4))
def test_each_page_reads_the_figures_in_one_query_whatever_the_number_of_areas(
    cast, login_as, computed, index
):
    client = login_as(cast.policy_analyst)
    url = pages_of(cast)[index]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries), figure_queries(queries)

    before = count()
    district = cast.household.address.neighbourhood.district
    for _ in range(5):
        NeighbourhoodFactory(district=district, municipality=cast.mun_a)
    recompute_municipality(cast.mun_a)
    after = count()
    assert before == after
    assert after[1] == 1


def test_the_overview_shows_light_and_trend_against_the_target(cast, login_as, computed):
    response = login_as(cast.policy_analyst).get(reverse("monitor:index"))
    table = response.context["table"]
    top = table.lines[0]
    assert top.level == "municipality"
    cell = top.cell("kpi09")
    assert cell.value == 100.0  # every case escalated
    assert cell.light == "red"  # target 10 (lower is better), tolerance 5
    assert 'data-light="red"' in response.content.decode()


@pytest.mark.parametrize("role", ["policy_analyst", "team_lead"])
def test_policy_analyst_and_team_lead_see_every_page(cast, login_as, computed, role):
    client = login_as(cast.staff()[role])
    for url in pages_of(cast):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", REFUSED)
def test_professionals_without_view_aggregates_get_404(cast, login_as, computed, role):
    client = login_as(cast.staff()[role])
    for url in pages_of(cast):
        assert client.get(url).status_code == 404, url


def test_a_resident_gets_404(cast, login_as, computed):
    client = login_as(cast.resident_user)
    for url in pages_of(cast):
        assert client.get(url).status_code == 404


def test_an_area_of_another_municipality_is_404(cast, login_as, computed):
    recompute_municipality(cast.mun_b)
    code = cast.household_b.address.neighbourhood.district.code
    client = login_as(cast.policy_analyst)
    assert client.get(reverse("monitor:area", args=[code])).status_code == 404


def test_the_policy_analyst_sees_figures_never_a_person(cast, login_as, computed):
    client = login_as(cast.policy_analyst)
    texts = [client.get(url).content.decode() for url in pages_of(cast)]
    texts.append(client.post(reverse("monitor:export")).content.decode())
    people = [cast.mother, cast.son, cast.stranger]
    for text in texts:
        for resident in people:
            assert resident.surname not in text
            assert str(resident.public_id) not in text
            assert resident.bsn not in text
        assert "/residents/" not in text and "/households/" not in text and "/cases/" not in text


def test_without_computed_figures_the_pages_say_so(cast, login_as):
    assert not PrecomputedFigure.objects.exists()
    response = login_as(cast.policy_analyst).get(reverse("monitor:index"))
    assert response.status_code == 200
    assert response.context["table"] is None
