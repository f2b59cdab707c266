"""How wijknr is matched to a district (reader.DistrictResolver)."""

from __future__ import annotations

import pytest

from wijkkracht.areas.tests.factories import DistrictFactory
from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.models import Respondent
from wijkkracht.contrib.burgerpeiling.reader import (
    DistrictResolver,
    SurveyFileError,
    parse_wijknr_map,
)

from .conftest import respondent, write_csv


@pytest.mark.parametrize(
    "wijknr", ["WK905002", "wk905002", " WK905002 ", "905002", 905002.0, "2", "02", 2.0, "2.0"]
)
def test_the_cbs_code_its_digits_and_the_district_number_are_understood(town, wijknr):
    resolver = DistrictResolver(town.municipality, 2024, None)
    assert resolver.resolve(wijknr) == town.centre


@pytest.mark.parametrize("wijknr", [None, "", "  "])
def test_an_empty_wijknr_means_no_district(town, wijknr):
    assert DistrictResolver(town.municipality, 2024, None).resolve(wijknr) is None


@pytest.mark.parametrize("wijknr", ["WK905009", "9", "WK036301", "36301", "Centrum", 1234567])
def test_anything_else_is_unknown(town, wijknr):
    with pytest.raises(KeyError):
        DistrictResolver(town.municipality, 2024, None).resolve(wijknr)


def test_own_numbers_go_first(town):
    resolver = DistrictResolver(town.municipality, 2024, {"1": "WK905003", "Centrum": "wk905002"})
    assert resolver.resolve(1.0) == town.south
    assert resolver.resolve("centrum") == town.centre
    assert resolver.resolve("WK905001") == town.north


def test_own_numbers_must_name_districts_of_the_municipality(town):
    resolver = DistrictResolver(town.municipality, 2024, {"1": "WK999901"})
    assert resolver.problems == [
        "Own district numbers: WK999901 is not a district of Proefdorp (GM9050)."
    ]


def test_the_districts_of_the_latest_cbs_year_up_to_the_survey_are_used(town):
    newer = DistrictFactory(municipality=town.municipality, code="WK905002", year=2025)
    assert DistrictResolver(town.municipality, 2024, None).resolve("2") == town.centre
    assert DistrictResolver(town.municipality, 2026, None).resolve("2") == newer
    assert DistrictResolver(town.municipality, 2019, None).resolve("2") == town.centre


def test_respondents_without_a_district_count_for_the_municipality_only(town, tmp_path):
    rows = [respondent(wijknr="", wl01=5), respondent(wijknr="1", wl01=9)]
    survey = import_survey(
        municipality=town.municipality,
        year=2024,
        path=write_csv(tmp_path / "p.csv", rows),
        actor=None,
    )
    assert survey.without_district == 1
    assert Respondent.objects.filter(district=None).count() == 1
    whole = survey.results.get(district=None, indicator="wl01")
    assert (whole.value, whole.respondents) == (7, 2)


def test_own_numbers_are_read_from_lines():
    text = "wijknr;wijkcode\n7=WK036301\n# comment\n\n8;WK036302\n"
    assert parse_wijknr_map(text) == {"7": "WK036301", "8": "WK036302"}
    with pytest.raises(SurveyFileError) as error:
        parse_wijknr_map("7=WK036301\n8\n")
    assert error.value.problems == ["Own district numbers, line 2: write it as wijknr=WK code."]
