import datetime

import factory
from django.utils import timezone

from wijkkracht.involvements.models import BreakGlass, Involvement


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    resident = factory.SubFactory("wijkkracht.residents.tests.factories.ResidentFactory")
    municipality = factory.SelfAttribute("resident.municipality")
    organisation = factory.SubFactory(
        "wijkkracht.organisations.tests.factories.OrganisationFactory"
    )
    professional = None
    team = None
    reason = "Hulpvraag"

    class Params:
        ended = factory.Trait(ended_on=datetime.date(2024, 1, 1))
        expired = factory.Trait(
            last_activity_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=800)
            )
        )


class BreakGlassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakGlass

    user = factory.SubFactory("wijkkracht.accounts.tests.factories.UserFactory")
    resident = factory.SubFactory("wijkkracht.residents.tests.factories.ResidentFactory")
    reason = "Acute zorg nodig, regisseur niet bereikbaar"
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(minutes=60))

    class Params:
        expired = factory.Trait(
            expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
        )
