"""A file with a problem says what is wrong, where, and writes nothing."""

from __future__ import annotations

import pytest

from wijkkracht.audit.models import AuditEntry
from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.models import IndicatorResult, Respondent, Survey
from wijkkracht.contrib.burgerpeiling.reader import REQUIRED, SurveyFileError

from .conftest import respondent, write_csv

GOOD = [respondent(wijknr="WK905001", wl01=7), respondent(wijknr="WK905002", wl01=8)]


def problems_of(town, path, **kwargs) -> list[str]:
    with pytest.raises(SurveyFileError) as error:
        import_survey(
            municipality=town.municipality,
            year=kwargs.pop("year", 2024),
            path=path,
            actor=None,
            **kwargs,
        )
    return error.value.problems


def nothing_written():
    return not (
        Survey.objects.exists() or Respondent.objects.exists() or IndicatorResult.objects.exists()
    )


def test_missing_variables_are_named(town, tmp_path):
    columns = [c for c in ("respondent", *REQUIRED) if c not in ("weging", "zw04")]
    path = write_csv(tmp_path / "p.csv", GOOD, columns=columns)
    [problem] = problems_of(town, path)
    assert problem.startswith("The variable(s) weging, zw04 are missing.")
    assert nothing_written()


def test_an_unknown_wijknr_is_named_once_with_the_expected_form(town, tmp_path):
    rows = [
        *GOOD,
        respondent(wijknr="WK999901"),
        respondent(wijknr="WK999901"),
        respondent(wijknr="Noord"),
    ]
    [first, second] = problems_of(town, write_csv(tmp_path / "p.csv", rows))
    assert first == (
        'line 4 (respondent 3): wijknr "WK999901" is not a district of Proefdorp (GM9050). Use the '
        "CBS district code (like WK905001), or give your own district numbers."
    )
    assert second.startswith('line 6 (respondent 5): wijknr "Noord" is not a district')
    assert nothing_written()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {"wl01": 12},
            "wl01 is 12, which is not an answer code of this question (allowed: 1 to 11, or "
            "empty).",
        ),
        (
            {"wl04": 0},
            "wl04 is 0, which is not an answer code of this question (allowed: 1 to 6, or empty).",
        ),
        ({"zw07": 2.5}, "zw07 is 2.5, which is not an answer code"),
        (
            {"zw13_4": 2},
            "zw13_4 is 2, which is not an answer code of this question (allowed: 0 to 1, or "
            "empty).",
        ),
        ({"weging": -1}, "weging is -1; the weight must be a number of 0 or more."),
        ({"weging": None}, "weging is empty; the weight must be a number of 0 or more."),
        ({"gemnr": 363}, "gemnr is 363, but this import is for Proefdorp (GM9050)."),
        ({"jr": 2023}, "jr is 2023, but this import is for 2024."),
    ],
)
def test_values_out_of_range_are_refused(town, tmp_path, answers, message):
    rows = [*GOOD, respondent(wijknr="WK905003", **answers)]
    [problem] = problems_of(town, write_csv(tmp_path / "p.csv", rows, delimiter=","))
    assert problem.startswith("line 4 (respondent 3): " + message)
    assert nothing_written()


def test_many_problems_are_listed_up_to_twenty(town, tmp_path):
    rows = [respondent(wijknr="WK905001", wl01=99) for _ in range(30)]
    problems = problems_of(town, write_csv(tmp_path / "p.csv", rows))
    assert len(problems) == 21
    assert problems[-1] == "Checking stopped after 20 problems."


@pytest.mark.parametrize("name", ["peiling.xlsx", "peiling", "peiling.sav.txt"])
def test_other_files_than_sav_and_csv_are_refused(town, tmp_path, name):
    path = tmp_path / name
    path.write_text("wijknr;weging\n")
    [problem] = problems_of(town, path)
    assert "is not a Burgerpeiling file: choose an SPSS file (.sav) or a CSV file (.csv)" in problem


def test_a_file_that_only_pretends_to_be_sav_is_refused(town, tmp_path):
    path = tmp_path / "peiling.sav"
    path.write_text("wijknr;weging;wl01\nWK905001;1;7\n")
    [problem] = problems_of(town, path)
    assert problem == (
        "peiling.sav cannot be read as an SPSS file (.sav). Save it from SPSS as .sav, or export "
        "it as CSV."
    )


def test_a_binary_file_named_csv_is_refused(town, tmp_path):
    path = tmp_path / "peiling.csv"
    path.write_bytes(b"$FL2\0\0\0binary")
    [problem] = problems_of(town, path)
    assert problem == "peiling.csv is not a CSV text file; an SPSS file must end in .sav."


def test_a_line_with_too_many_values_is_refused(town, tmp_path):
    path = write_csv(tmp_path / "p.csv", GOOD)
    with path.open("a") as handle:
        handle.write("3;9050;2024;WK905001;1;7;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;\n")
    [problem] = problems_of(town, path)
    assert problem.startswith("Line 4 has ")


def test_an_implausible_year_is_refused(town, tmp_path):
    [problem] = problems_of(town, write_csv(tmp_path / "p.csv", GOOD), year=1899)
    assert problem == "1899 is not a plausible survey year (2000-2100)."


def test_a_failed_replacement_keeps_the_earlier_import(town, tmp_path):
    first = import_survey(
        municipality=town.municipality,
        year=2024,
        path=write_csv(tmp_path / "a.csv", GOOD),
        actor=None,
    )
    audit_lines = AuditEntry.objects.count()
    bad = write_csv(tmp_path / "b.csv", [*GOOD, respondent(wijknr="WK905001", wl05=9)])
    problems_of(town, bad, replace=True)
    assert list(Survey.objects.all()) == [first]
    assert Respondent.objects.filter(survey=first).count() == 2
    assert AuditEntry.objects.count() == audit_lines


def test_a_second_import_of_the_same_year_needs_replace(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", GOOD)
    first = import_survey(municipality=town.municipality, year=2024, path=path, actor=None)
    [problem] = problems_of(town, path)
    assert problem == (
        "There already is a Burgerpeiling 2024 for Proefdorp (GM9050). Choose “replace” to "
        "replace it."
    )
    second = import_survey(
        municipality=town.municipality, year=2024, path=path, actor=None, replace=True
    )
    assert list(Survey.objects.all()) == [second] and second.pk != first.pk
    assert Respondent.objects.count() == 2
    assert IndicatorResult.objects.filter(survey=first).count() == 0


def test_an_error_while_writing_leaves_nothing_behind(town, tmp_path, monkeypatch):
    from wijkkracht.contrib.burgerpeiling import importing

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "results_for", broken)
    with pytest.raises(RuntimeError):
        import_survey(
            municipality=town.municipality,
            year=2024,
            path=write_csv(tmp_path / "a.csv", GOOD),
            actor=None,
        )
    assert nothing_written()


def test_a_simultaneous_import_of_the_same_year_is_reported(town, tmp_path, monkeypatch):
    from django.db import IntegrityError

    from wijkkracht.contrib.burgerpeiling import importing

    def lost_the_race(**kwargs):
        raise IntegrityError("burgerpeiling_survey_unique_year")

    monkeypatch.setattr(importing, "_store", lost_the_race)
    [problem] = problems_of(town, write_csv(tmp_path / "a.csv", GOOD))
    assert problem.startswith("Another import of the Burgerpeiling 2024 for Proefdorp (GM9050)")
