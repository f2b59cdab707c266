"""The read API for the neighbourhood profile and the monitor: one query each."""

import io
from decimal import Decimal

import pytest

from wijkkracht.contrib.cbs.figure_import import import_figures
from wijkkracht.contrib.cbs.figures import (
    area_map,
    boundaries,
    figures_profile,
    key_figures,
    stem_of,
)
from wijkkracht.contrib.cbs.models import AreaBoundary
from wijkkracht.contrib.cbs.typed_dataset import Codebook, Topic, read_dataset

pytestmark = pytest.mark.django_db


def codebook():
    topics = {
        "AantalInwoners_5": Topic("AantalInwoners_5", "Aantal inwoners", "aantal", 0, "Long"),
        "GemiddeldInkomenPerInwoner_72": Topic(
            "GemiddeldInkomenPerInwoner_72", "Gemiddeld inkomen", "x 1 000 euro", 1, "Double"
        ),
    }
    return Codebook(topics=topics, geo_dimension="WijkenEnBuurten")


def load(table, year, rows, *, synthetic=False):
    text = '"WijkenEnBuurten","AantalInwoners_5","GemiddeldInkomenPerInwoner_72"\n' + "".join(
        f'"{code}",{residents},{income}\n' for code, residents, income in rows
    )
    dataset = read_dataset(io.StringIO(text), "x.csv", codebook())
    import_figures(dataset=dataset, table_id=table, year=year, is_synthetic=synthetic)


@pytest.fixture
def two_years():
    load("85039NED", 2021, [("GM0034", 215000, "25.0"), ("WK003401", 7600, "24.0")])
    load(
        "85318NED",
        2022,
        [("GM0034", 218096, "26.1"), ("WK003401", 7625, "."), ("GM0363", 880000, "30.0")],
    )


def test_key_figures_of_the_latest_year_in_one_query(two_years, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = key_figures("GM0034")

    assert figures == {
        "GM0034": {"AantalInwoners_5": 218096, "GemiddeldInkomenPerInwoner_72": Decimal("26.1")},
        "WK003401": {"AantalInwoners_5": 7625, "GemiddeldInkomenPerInwoner_72": None},
    }
    assert str(figures["GM0034"]["AantalInwoners_5"]) == "218096"  # as CBS published it


def test_key_figures_of_an_earlier_year(two_years):
    assert key_figures("GM0034", year=2021)["WK003401"]["AantalInwoners_5"] == 7600
    assert key_figures("GM9999") == {}


def test_the_profile_names_its_measures_in_two_queries(two_years, django_assert_num_queries):
    with django_assert_num_queries(2):
        profile = figures_profile("GM0034")

    assert profile.year == 2022
    assert not profile.is_synthetic
    assert [m.key for m in profile.measures] == [
        "AantalInwoners_5",
        "GemiddeldInkomenPerInwoner_72",
    ]
    residents, income = profile.measures
    assert str(residents.label) == "Residents" and residents.is_count
    assert (income.unit, income.decimals, income.is_count) == ("x 1 000 euro", 1, False)
    assert profile.of("WK003401")["AantalInwoners_5"] == 7625


def test_stems_match_keys_of_every_year():
    assert stem_of("AantalInwoners_5") == "AantalInwoners"
    assert stem_of("k_0Tot15Jaar_8") == "k_0Tot15Jaar"


def test_boundaries_and_the_district_map_in_one_query(django_assert_num_queries):
    for year in (2021, 2022):
        for i, code in enumerate(("WK003401", "WK003402", "BU00340101")):
            AreaBoundary.objects.create(
                area_code=code,
                municipality_code="GM0034",
                year=year,
                name=f"Gebied {i}",
                polygons=[[[i * 10, 0, i * 10 + 10, 0, i * 10 + 10, 10, i * 10, 10, i * 10, 0]]],
                min_x=i * 10,
                min_y=0,
                max_x=i * 10 + 10,
                max_y=10,
            )
    with django_assert_num_queries(1):
        outlines = boundaries("GM0034")
    assert {b.year for b in outlines.values()} == {2022}
    with django_assert_num_queries(1):
        svg = area_map("GM0034", {"WK003401": 12, "WK003402": None}, title="Inwoners")
    assert svg.count("<path") == 2  # districts only
    assert "wk-map__area--no-data" in svg
