"""A small municipality with three districts, and writers for crafted survey files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from wijkkracht.areas.models import District, Municipality
from wijkkracht.areas.tests.factories import DistrictFactory, MunicipalityFactory
from wijkkracht.contrib.burgerpeiling.reader import REQUIRED, ZW13_OPTIONS

NATIONAL_FILE = (
    Path(settings.PROJECT_DIR).parent / "shared/data/burgerpeiling/Burgerpeling-dataformat-2022.sav"
)
COLUMNS = ("respondent", "gemnr", "jr", *REQUIRED, *ZW13_OPTIONS)


@dataclass
class Town:
    municipality: Municipality
    north: District
    centre: District
    south: District


@pytest.fixture
def town(db) -> Town:
    municipality = MunicipalityFactory(code="GM9050", name="Proefdorp")
    return Town(
        municipality=municipality,
        north=DistrictFactory(municipality=municipality, code="WK905001", name="Noord"),
        centre=DistrictFactory(municipality=municipality, code="WK905002", name="Centrum"),
        south=DistrictFactory(municipality=municipality, code="WK905003", name="Zuid"),
    )


def respondent(**answers) -> dict:
    """A respondent of GM9050 in 2024 who answered nothing but what is given."""
    row = {"gemnr": 9050, "jr": 2024, "weging": 1}
    row.update(answers)
    return row


def write_csv(path: Path, rows: list[dict], *, delimiter: str = ";", columns=COLUMNS) -> Path:
    """Rows as the SPSS CSV export writes them: codes, empty cells for no answer,
    decimal commas when the separator is a semicolon."""

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, float) and delimiter == ";":
            return str(value).replace(".", ",")
        return str(value)

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(columns)
        for number, row in enumerate(rows, start=1):
            row = {"respondent": number, **row}
            writer.writerow([cell(row.get(name)) for name in columns])
    return path
