"""Name pools for the demo municipality, built once from Faker (nl_NL) and a few curated
lists, then combined with ``random.Random(seed)``: calling Faker per resident would be
far too slow for a million residents."""

from __future__ import annotations

import random
from dataclasses import dataclass

from faker import Faker

from wijkkracht.residents.models import SURNAME_PREFIXES

# Common Dutch surnames with a prefix, and surnames of Dutch residents of other origins:
# the realistic cases for prefix- and accent-insensitive search.
CURATED_SURNAMES = (
    "de Jong",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "de Boer",
    "van der Meer",
    "de Graaf",
    "van Leeuwen",
    "de Groot",
    "van der Linden",
    "van Beek",
    "de Wit",
    "van der Heijden",
    "van den Bosch",
    "de Bruijn",
    "van Vliet",
    "de Haan",
    "ter Horst",
    "van 't Hof",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Jansen",
    "Janssen",
    "Dekker",
    "Brouwer",
    "Kok",
    "Vermeulen",
    "Willems",
    "Hoekstra",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Çelik",
    "Şahin",
    "Öztürk",
    "El Amrani",
    "Bouzid",
    "Ouali",
    "Haddou",
    "Nguyen",
    "Tran",
    "Kowalski",
    "Nowak",
    "Sardjoe",
    "Ramdin",
    "Martina",
    "Statia",
    "Müller",
    "Schäfer",
)
STREET_ROOTS = (
    "Eiken",
    "Beuken",
    "Linden",
    "Berken",
    "Wilgen",
    "Populieren",
    "Essen",
    "Kastanje",
    "Meidoorn",
    "Vlier",
    "Hazelaar",
    "Esdoorn",
    "Iepen",
    "Platanen",
    "Rozen",
    "Tulpen",
    "Narcissen",
    "Lelie",
    "Klaproos",
    "Korenbloem",
    "Zonnebloem",
    "Hyacinten",
    "Violieren",
    "Merel",
    "Lijster",
    "Zwaluw",
    "Spreeuw",
    "Mees",
    "Vink",
    "Reiger",
    "Kievit",
    "Wielewaal",
    "IJsvogel",
    "Specht",
    "Buizerd",
    "Fazant",
    "Rembrandt",
    "Vermeer",
    "Mondriaan",
    "Van Gogh",
    "Escher",
    "Sweelinck",
    "Ravel",
    "Mozart",
    "Bach",
    "Erasmus",
    "Spinoza",
    "Huygens",
    "Lorentz",
    "Zernike",
    "Maas",
    "Rijn",
    "IJssel",
    "Vecht",
    "Lek",
    "Dommel",
    "Amstel",
    "Schelde",
    "Dinkel",
    "Berkel",
    "Molen",
    "Kerk",
    "School",
    "Haven",
    "Sluis",
    "Dijk",
    "Veld",
    "Akker",
    "Weide",
    "Beemd",
    "Kamp",
    "Hoeve",
    "Brink",
    "Markt",
)
STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "hof",
    "plein",
    "singel",
    "dreef",
    "kade",
    "pad",
    "gracht",
    "park",
    "erf",
)
AREA_ROOTS = (
    "Linden",
    "Eiken",
    "Molen",
    "Kerk",
    "Beek",
    "Vogel",
    "Bloemen",
    "Water",
    "Zand",
    "Haven",
    "Dijk",
    "Hoven",
    "Velden",
    "Weiden",
    "Beemden",
    "Bos",
    "Heide",
    "Essen",
    "Kamp",
    "Brink",
    "Akker",
    "Sluis",
    "Polder",
    "Meer",
    "Duin",
    "Berg",
    "Burcht",
    "Tuin",
    "Rozen",
    "Schilders",
    "Componisten",
    "Rivieren",
    "Sterren",
    "Bomen",
    "Boeren",
    "Vaart",
)
AREA_SUFFIXES = ("buurt", "hof", "veld", "wijk", "kwartier", "park", "dorp", "hoek", "rijk")
DISTRICT_NAMES = (
    "Centrum",
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Noordoost",
    "Zuidoost",
    "Zuidwest",
    "Noordwest",
    "Buitengebied",
    "Havenkwartier",
    "Waterrijk",
    "Stadshart",
    "De Polder",
)
INVOLVEMENT_REASONS = (
    "Schulden en betalingsachterstanden",
    "Huurachterstand",
    "Opvoedvragen",
    "Zorgen over de ontwikkeling van een kind",
    "Eenzaamheid",
    "Overbelaste mantelzorger",
    "Geheugenproblemen",
    "Psychische klachten",
    "Dreigende huisuitzetting",
    "Werk en inkomen",
    "Hulp bij het huishouden",
    "Spanningen in het gezin",
    "Verslaving",
    "Scheiding",
    "Schoolverzuim",
)


def split_surname(full: str) -> tuple[str, str]:
    """ "van der Meer" -> ("van der", "Meer")."""
    lowered = full.lower()
    for prefix in SURNAME_PREFIXES:
        if lowered.startswith(prefix) and len(full) > len(prefix):
            return full[: len(prefix) - 1], full[len(prefix) :]
    return "", full


@dataclass(frozen=True)
class Pools:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[tuple[str, str], ...]  # (prefix, surname)
    streets: tuple[str, ...]
    areas: tuple[str, ...]


def build_pools(seed: int) -> Pools:
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    person = next(p for p in fake.providers if hasattr(p, "first_names_male"))
    male = tuple(sorted({n for n in person.first_names_male if " " not in n}))
    female = tuple(sorted({n for n in person.first_names_female if " " not in n}))
    faker_surnames = {n for n in person.last_names if " " not in n and len(n) <= 40}
    # The curated names are common; repeat them so they come up as often as in reality.
    surnames = tuple(split_surname(n) for n in sorted(faker_surnames)) + tuple(
        split_surname(n) for n in CURATED_SURNAMES for _ in range(6)
    )
    streets = {root + suffix for root in STREET_ROOTS for suffix in STREET_SUFFIXES}
    streets |= {fake.street_name() for _ in range(4000)}
    rng = random.Random(seed)
    street_list = sorted(streets)
    rng.shuffle(street_list)
    area_list = sorted({root + suffix for root in AREA_ROOTS for suffix in AREA_SUFFIXES})
    rng.shuffle(area_list)
    return Pools(male, female, surnames, tuple(street_list), tuple(area_list))
