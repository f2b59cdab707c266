import datetime

import factory

from wijkkracht.residents.models import Resident


def make_bsn(n: int) -> str:
    """The n-th 9-digit number from 999990000 up that passes the 11-check."""
    candidate = 999_990_000
    found = -1
    while True:
        digits = f"{candidate:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0:
            found += 1
            if found == n:
                return digits
        candidate += 1


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    municipality = factory.SubFactory("wijkkracht.areas.tests.factories.MunicipalityFactory")
    given_names = "Fatima"
    surname = factory.Sequence(lambda n: f"Bakker{n}")
    date_of_birth = datetime.date(1985, 4, 12)
    bsn = factory.Sequence(make_bsn)
