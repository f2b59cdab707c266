import datetime

import factory
from django.utils import timezone

from wijkkracht.neighbourhoodplans.models import (
    Engagement,
    NeighbourhoodPlan,
    PlanStatus,
    Priority,
    PriorityAction,
)


class NeighbourhoodPlanFactory(factory.django.DjangoModelFactory):
    """A draft plan; pass ``district`` from the cast."""

    class Meta:
        model = NeighbourhoodPlan

    district = factory.SubFactory("wijkkracht.areas.tests.factories.DistrictFactory")
    municipality = factory.SelfAttribute("district.municipality")
    title = factory.LazyAttribute(lambda o: f"Wijkplan {o.district.name}")
    first_year = 2026
    last_year = 2027
    summary = "Samen werken aan een wijk waar iedereen meedoet."

    class Params:
        published = factory.Trait(
            status=PlanStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )
        archived = factory.Trait(status=PlanStatus.ARCHIVED)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(NeighbourhoodPlanFactory)
    title = factory.Sequence(lambda n: f"Minder eenzaamheid {n}")
    description = "Ouderen voelen zich minder alleen."
    indicators = factory.LazyFunction(lambda: ["zw04", "kpi07"])


class PriorityActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityAction

    priority = factory.SubFactory(PriorityFactory)
    what = "Open koffieochtend in de buurtkamer"
    owner_organisation = "Sociaal Werk A"
    owner_team = "Welzijn"
    contact_person = "Jan de Vries"
    starts_on = datetime.date(2026, 2, 1)
    due_on = datetime.date(2026, 12, 31)


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    plan = factory.SubFactory(NeighbourhoodPlanFactory)
    kind = Engagement.Kind.DISTRICT_CONVERSATION
    held_on = datetime.date(2025, 11, 12)
    description = "40 bewoners in buurthuis De Linde"
    partners = "Sociaal Werk A, Woonstichting A"
