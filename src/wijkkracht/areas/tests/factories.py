import factory

from wijkkracht.areas.models import Address, District, Municipality, Neighbourhood


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    year = 2022
    is_synthetic = True


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"WK{800000 + n:06d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    year = 2022


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    municipality = factory.SelfAttribute("district.municipality")
    code = factory.Sequence(lambda n: f"BU{80000000 + n:08d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    year = 2022


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    municipality = factory.SelfAttribute("neighbourhood.municipality")
    postcode = factory.Sequence(
        lambda n: f"{1000 + n // 26 % 9000:04d}{'ABCDEFGHJKLMNPRSTVWXZ'[n % 21]}B"
    )
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Dorpsstraat"
    town = "Wijkstad"
