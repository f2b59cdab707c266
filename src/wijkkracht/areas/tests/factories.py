import factory

from wijkkracht.areas.models import Address, District, Municipality, Neighbourhood


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    # GM and four digits (varchar 6). GM5000-GM8999: no real CBS code and none of the
    # tests' fixed codes (GM9001, GM9050, ...), which get_or_create would otherwise hand
    # out instead of a new municipality. Wraps after 4,000, far more than one test makes.
    code = factory.Sequence(lambda n: f"GM{5000 + n % 4000:04d}")
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
