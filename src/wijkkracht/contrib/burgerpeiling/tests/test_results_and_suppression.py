"""The monitor's API: figures per district in one query, with disclosure control."""

from __future__ import annotations

import pytest

from wijkkracht.contrib.burgerpeiling.importing import import_survey, recompute
from wijkkracht.contrib.burgerpeiling.models import IndicatorResult
from wijkkracht.contrib.burgerpeiling.results import (
    MARKER,
    Figure,
    indicator_list,
    indicator_results,
    suppress,
    survey_years,
)

from .conftest import respondent, write_csv


def rows(count: int, wijknr: str, **answers) -> list[dict]:
    return [respondent(wijknr=wijknr, **answers) for _ in range(count)]


@pytest.fixture
def imported(town, tmp_path):
    def _import(year: int, data: list[dict]):
        path = write_csv(tmp_path / f"{year}.csv", [dict(r, jr=year) for r in data])
        return import_survey(municipality=town.municipality, year=year, path=path, actor=None)

    return _import


def test_figures_below_ten_respondents_are_not_given(town, imported):
    imported(2024, rows(12, "1", wl01=8, wl04=1) + rows(9, "2", wl01=6) + rows(11, "3", wl01=7))
    figures = indicator_results(town.municipality, 2024)
    assert figures["municipality"]["wl01"] == Figure(7.1, 32)
    assert figures["WK905001"]["wl01"] == Figure(8.0, 12)
    assert figures["WK905002"]["wl01"] == Figure(MARKER, MARKER)
    # one hidden district: the smallest shown one goes too (no working out by subtraction)
    assert figures["WK905003"]["wl01"] == Figure(MARKER, MARKER)
    assert figures["municipality"]["wl04"] == Figure(100.0, 12)
    assert figures["WK905001"]["wl04"] == Figure(100.0, 12)
    assert figures["WK905002"]["wl04"] == Figure(MARKER, MARKER)  # nobody answered: n 0


def test_secondary_suppression_rules():
    def raw(**parts):
        return {area: {"x": (50.0, n)} for area, n in parts.items()}

    shown = suppress(raw(municipality=40, A=20, B=20))
    assert shown["A"]["x"] == Figure(50.0, 20)
    # a few respondents without a district are a hidden part as well
    hidden = suppress(raw(municipality=45, A=20, B=20))
    assert hidden["A"]["x"].value == MARKER and hidden["B"]["x"] == Figure(50.0, 20)
    # ten or more without a district: nothing to hide
    assert suppress(raw(municipality=50, A=20, B=20))["A"]["x"] == Figure(50.0, 20)
    # two hidden parts cannot be told apart: no more hiding
    both = suppress(raw(municipality=56, A=20, B=20, C=8, D=8))
    assert both["A"]["x"] == Figure(50.0, 20) and both["C"]["x"].value == MARKER
    # a municipality below ten hides everything
    tiny = suppress(raw(municipality=9, A=9))
    assert tiny["municipality"]["x"].value == MARKER and tiny["A"]["x"].value == MARKER


def test_the_latest_year_unless_one_is_asked(town, imported):
    imported(2023, rows(10, "1", wl01=5))
    imported(2024, rows(10, "1", wl01=9))
    assert survey_years(town.municipality) == [2024, 2023]
    assert indicator_results(town.municipality)["municipality"]["wl01"] == Figure(9.0, 10)
    assert indicator_results(town.municipality, 2023)["municipality"]["wl01"] == Figure(5.0, 10)
    assert indicator_results(town.municipality, 2020) == {}


def test_one_query_whatever_the_number_of_districts(town, imported, django_assert_num_queries):
    imported(2024, rows(10, "1", wl01=5) + rows(10, "2", wl01=6) + rows(10, "3", wl01=7))
    with django_assert_num_queries(1):
        figures = indicator_results(town.municipality)
    assert set(figures) == {"municipality", "WK905001", "WK905002", "WK905003"}
    assert len(figures["WK905003"]) == 11


def test_the_indicator_list_has_labels_units_and_directions():
    first = indicator_list()[0]
    assert (first.code, str(first.label), first.unit, first.higher_is_better) == (
        "wl01",
        "Pleasant to live in the neighbourhood",
        "mark",
        True,
    )
    assert first.questions == ("wl01",)
    assert "gemiddelde score van 1" in first.definition


def test_recompute_gives_the_same_figures_from_the_stored_answers(town, imported):
    survey = imported(
        2024, rows(11, "1", wl01=8, wl03_0=2, wl03_1=1, zw13_3=1) + rows(3, "", bo01=2)
    )

    def figures():
        fields = ("district", "indicator", "value", "respondents")
        return {(d or 0, i): (v, n) for d, i, v, n in IndicatorResult.objects.values_list(*fields)}

    before = figures()
    assert recompute(survey=survey, actor=None) == len(before) == 2 * 11
    assert figures() == before
