"""Demo: a synthetic Burgerpeiling of this year, written as an SPSS file in exactly the
national VNG data format (``var/demo/burgerpeiling-<code>-<year>.sav``) and imported with
the real importer, so the demo proves the import. About one respondent per 50 residents,
at least 30 per district; each district has its own character, so the figures differ.
The file label and ``Survey.is_synthetic`` say the answers are invented."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings

from wijkkracht.areas.models import District
from wijkkracht.contrib.burgerpeiling.importing import delete_surveys, import_survey
from wijkkracht.contrib.burgerpeiling.synthetic import district_samples, write_synthetic_sav

RESIDENTS_PER_RESPONDENT = 50
MIN_PER_DISTRICT = 30


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "demo"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="wijkkracht-demo-"))
    return folder


def generate(demo) -> dict[str, int]:
    municipality = demo.municipality
    codes = list(
        District.objects.filter(municipality=municipality)
        .order_by("code")
        .values_list("code", flat=True)
        .distinct()
    )
    if not codes:
        return {}
    year = demo.today.year
    respondents = max(demo.total // RESIDENTS_PER_RESPONDENT, MIN_PER_DISTRICT * len(codes))
    samples = district_samples(
        codes, respondents=respondents, seed=demo.seed, minimum=MIN_PER_DISTRICT
    )
    folder = _folder()
    # Written under a name of its own and renamed once imported, so two demos generated at
    # the same time (the bench runs SQLite and PostgreSQL side by side) never read each
    # other's half-written file.
    handle, name = tempfile.mkstemp(prefix="burgerpeiling-", suffix=".sav", dir=folder)
    os.close(handle)
    path = Path(name)
    try:
        write_synthetic_sav(
            path, districts=samples, gemnr=int(municipality.code[2:]), year=year, seed=demo.seed
        )
        survey = import_survey(
            municipality=municipality,
            year=year,
            path=path,
            actor=None,
            replace=True,
            synthetic=True,
        )
        os.replace(path, folder / f"burgerpeiling-{municipality.code}-{year}.sav")
    finally:
        path.unlink(missing_ok=True)
    return {"burgerpeiling_respondents": survey.respondents}


def delete(municipality) -> None:
    delete_surveys(municipality=municipality)
