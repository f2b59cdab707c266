import datetime
from decimal import Decimal

import factory

from wijkkracht.areas.tests.factories import MunicipalityFactory
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.provisions.models import (
    Contract,
    Law,
    ProductCategory,
    Provision,
    ProvisionKind,
    Tariff,
    Unit,
)


class ProvisionFactory(factory.django.DjangoModelFactory):
    """A general provision by default; traits ``collective`` and ``custom``."""

    class Meta:
        model = Provision

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = ProvisionKind.GENERAL
    name = factory.Sequence(lambda n: f"Voorziening {n}")
    description = "Voor iedereen in de wijk."
    is_active = True

    class Params:
        collective = factory.Trait(
            kind=ProvisionKind.COLLECTIVE,
            location="Wijkcentrum De Linde",
            schedule="Elke dinsdag 10:00-12:00",
        )
        custom = factory.Trait(
            kind=ProvisionKind.CUSTOM,
            law=Law.WMO,
            product_category=ProductCategory.WMO_02,
            product_code=factory.Sequence(lambda n: f"02A{n % 100:02d}"),
            unit=Unit.HOUR,
        )
        inactive = factory.Trait(is_active=False)


class TariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tariff

    provision = factory.SubFactory(ProvisionFactory, custom=True)
    amount = Decimal("62.50")
    valid_from = datetime.date(2026, 1, 1)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    provision = factory.SubFactory(ProvisionFactory, custom=True)
    provider = factory.SubFactory(OrganisationFactory)
    starts_on = datetime.date(2026, 1, 1)
    ends_on = None
