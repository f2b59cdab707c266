"""Burgerpeiling: importing a file of 20,000 respondents (issue 6)."""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

TITLE = "Burgerpeiling import"
DESCRIPTION = """
A synthetic Burgerpeiling of 20,000 respondents in exactly the national VNG data format
(SPSS .sav, all 178 variables with labels and value labels, spread over the demo
municipality's districts) is written, then imported with
`wijkkracht.contrib.burgerpeiling.importing.import_survey`: read with pyreadstat, every
answer checked, wijknr matched to districts, 20,000 respondent rows and the indicator
figures per district written in one transaction, one audit line. `import_s` is the
slowest of three imports (the second and third replace the first, as a corrected
re-upload does); `import_csv_s` imports the same respondents as a `;`-separated CSV.
`write_sav_s` (making the file) is not part of the import. 20,000 respondents is the
size of a Burgerpeiling of a municipality of 1,000,000 residents; the import does not
depend on the number of residents, so it is measured at 100,000.
"""
SIZES = {100_000}
RESPONDENTS = 20_000
TARGETS = (
    (100_000, "import_s", None, 10.0, "importing a Burgerpeiling file of 20,000 respondents"),
)


def run(ctx) -> dict:
    from wijkkracht.areas.models import District
    from wijkkracht.contrib.burgerpeiling.importing import import_survey
    from wijkkracht.contrib.burgerpeiling.models import Survey
    from wijkkracht.contrib.burgerpeiling.savwriter import write_sav
    from wijkkracht.contrib.burgerpeiling.synthetic import (
        district_samples,
        format_variables,
        synthetic_rows,
    )

    municipality = ctx.municipality
    codes = sorted(
        set(District.objects.filter(municipality=municipality).values_list("code", flat=True))
    )
    year = 2001  # not the demo's own survey year
    samples = district_samples(codes, respondents=RESPONDENTS, seed=ctx.seed, minimum=1)
    # exactly RESPONDENTS: trim or pad the last district
    surplus = sum(s.respondents for s in samples) - RESPONDENTS
    last = samples[-1]
    samples[-1] = type(last)(
        last.wijknr, last.respondents - surplus, last.liveability, last.engagement
    )
    variables = format_variables()
    with tempfile.TemporaryDirectory(prefix="bench-burgerpeiling-") as folder:
        sav = Path(folder) / "burgerpeiling.sav"
        started = time.perf_counter()
        rows = synthetic_rows(
            districts=samples,
            gemnr=int(municipality.code[2:]),
            year=year,
            seed=ctx.seed,
            variables=variables,
        )
        write_sav(sav, variables, rows, file_label="SYNTHETISCH: benchmark")
        write_sav_s = time.perf_counter() - started
        ctx.log(
            f"wrote {len(rows):,} respondents ({sav.stat().st_size / 1e6:.1f} MB) "
            f"in {write_sav_s:.1f} s"
        )
        runs = []
        for attempt in range(3):
            started = time.perf_counter()
            survey = import_survey(
                municipality=municipality,
                year=year,
                path=sav,
                actor=None,
                replace=True,
                synthetic=True,
            )
            runs.append(time.perf_counter() - started)
            ctx.log(f"import {attempt + 1}: {runs[-1]:.2f} s")
        assert survey.respondents == RESPONDENTS, survey.respondents

        path = Path(folder) / "burgerpeiling.csv"
        names = [v.name for v in variables]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(names)
            for row in rows:
                writer.writerow(["" if v is None else str(v).replace(".", ",") for v in row])
        started = time.perf_counter()
        import_survey(
            municipality=municipality,
            year=year,
            path=path,
            actor=None,
            replace=True,
            synthetic=True,
        )
        import_csv_s = time.perf_counter() - started
        Survey.objects.filter(municipality=municipality, year=year).delete()
    return {
        "respondents": RESPONDENTS,
        "districts": len(codes),
        "write_sav_s": round(write_sav_s, 2),
        "import_s": round(max(runs), 2),
        "import_median_s": round(sorted(runs)[1], 2),
        "import_csv_s": round(import_csv_s, 2),
    }
