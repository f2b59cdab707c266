import datetime

import factory

from wijkkracht.residents.models import Resident

_BSNS: list[str] = []


def make_bsn(n: int) -> str:
    """The n-th 9-digit number from 900000000 up that passes the 11-check (fictional)."""
    candidate = int(_BSNS[-1]) + 1 if _BSNS else 900_000_000
    while len(_BSNS) <= n:
        digits = f"{candidate:09d}"
        total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
        if (total - int(digits[8])) % 11 == 0:
            _BSNS.append(digits)
        candidate += 1
    return _BSNS[n]


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    municipality = factory.SubFactory("wijkkracht.areas.tests.factories.MunicipalityFactory")
    given_names = "Fatima"
    surname = factory.Sequence(lambda n: f"Bakker{n}")
    date_of_birth = datetime.date(1985, 4, 12)
    bsn = factory.Sequence(make_bsn)
