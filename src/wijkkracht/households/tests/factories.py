import datetime

import factory

from wijkkracht.areas.tests.factories import AddressFactory
from wijkkracht.households.models import Household, HouseholdMembership


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    address = factory.SubFactory(AddressFactory)
    municipality = factory.SelfAttribute("address.municipality")
    started_on = datetime.date(2015, 1, 1)

    class Params:
        ended = factory.Trait(ended_on=datetime.date(2020, 1, 1))


class HouseholdMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMembership

    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(
        "wijkkracht.residents.tests.factories.ResidentFactory",
        municipality=factory.SelfAttribute("..household.municipality"),
    )
    relation = HouseholdMembership.Relation.HEAD
    started_on = datetime.date(2015, 1, 1)

    class Params:
        ended = factory.Trait(ended_on=datetime.date(2020, 1, 1))
