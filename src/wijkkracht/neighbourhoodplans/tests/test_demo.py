"""The demo makes one published plan per district, in a fixed number of queries."""

import random
from types import SimpleNamespace

from django.utils import timezone

from wijkkracht.areas.tests.factories import DistrictFactory
from wijkkracht.demo import neighbourhoodplans as demo_plans
from wijkkracht.neighbourhoodplans import indicators
from wijkkracht.neighbourhoodplans.models import NeighbourhoodPlan, PriorityAction
from wijkkracht.organisations.models import Organisation


def _demo(cast):
    organisations = {o.kind: o for o in Organisation.objects.filter(municipalities=cast.mun_a)}
    return SimpleNamespace(
        municipality=cast.mun_a,
        organisations=organisations,
        rng=random.Random(7),
        today=timezone.localdate(),
        now=timezone.now(),
    )


def test_one_published_plan_per_district_with_known_indicators(
    cast, client, django_assert_max_num_queries
):
    for i in range(4):
        DistrictFactory(municipality=cast.mun_a, code=f"WK9001{i + 10:02d}")
    with django_assert_max_num_queries(8):
        counts = demo_plans.generate(_demo(cast))
    assert counts["neighbourhood_plans"] == 5
    plans = NeighbourhoodPlan.objects.filter(municipality=cast.mun_a)
    assert plans.published().count() == 5
    assert set(plans.values_list("district__code", flat=True)) >= {"WK900101", "WK900110"}
    for plan in plans.prefetch_related("priorities"):
        assert 3 <= len(plan.priorities.all()) <= 4
        for priority in plan.priorities.all():
            assert priority.indicators and all(indicators.is_known(c) for c in priority.indicators)
    assert PriorityAction.objects.count() == counts["neighbourhood_plan_actions"]
    response = client.get("/neighbourhood-plans/public/GM9001/WK900101/")
    assert response.status_code == 200
    demo_plans.delete(cast.mun_a)
    assert not NeighbourhoodPlan.objects.exists()
