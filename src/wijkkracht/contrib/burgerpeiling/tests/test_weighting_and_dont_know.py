"""A tiny crafted file whose figures are computed by hand: weights (weging) count, and
"weet niet" answers stay out of the base exactly as each definition says."""

from __future__ import annotations

import pytest

from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.models import IndicatorResult

from .conftest import respondent, write_csv


def figures(survey, district=None):
    rows = IndicatorResult.objects.filter(survey=survey, district=district)
    return {r.indicator: (r.value, r.respondents, r.weighted_base) for r in rows}


@pytest.fixture
def survey(town, tmp_path):
    rows = [
        # wl01: marks 8 (w 2), 6 (w 1), "weet niet" 11 (w 5): (2*8 + 1*6) / 3 = 7.333
        respondent(wijknr="WK905001", weging=2.0, wl01=8, wl04=1, bo01=2, zw07=4, zw04=1),
        respondent(wijknr="WK905001", weging=1.0, wl01=6, wl04=3, bo01=6, zw07=3, zw04=5),
        respondent(wijknr="WK905001", weging=5.0, wl01=11, wl04=6, bo01=4, zw07=1, zw04=3),
        # district 2, one respondent with weight 0.5
        respondent(wijknr="02", weging=0.5, wl01=10, wl04=2, bo01=1, zw07=None, zw04=2),
    ]
    path = write_csv(tmp_path / "klein.csv", rows)
    return import_survey(municipality=town.municipality, year=2024, path=path, actor=None)


def test_a_weighted_mean_leaves_dont_know_out(survey, town):
    value, n, base = figures(survey, town.north)["wl01"]
    assert n == 2
    assert base == pytest.approx(3.0)
    assert value == pytest.approx((2 * 8 + 1 * 6) / 3)


def test_the_municipality_weighs_all_districts_together(survey):
    value, n, base = figures(survey)["wl01"]
    assert (n, base) == (3, pytest.approx(3.5))
    assert value == pytest.approx((2 * 8 + 1 * 6 + 0.5 * 10) / 3.5)


def test_a_weighted_share_leaves_dont_know_out(survey, town):
    # wl04: "altijd" (w 2) yes, "soms" (w 1) no, "weet niet" (w 5) out of the base.
    value, n, base = figures(survey, town.north)["wl04"]
    assert (n, base) == (2, pytest.approx(3.0))
    assert value == pytest.approx(100 * 2 / 3)
    # trust: "veel" (w 2) yes, "weet niet" out, "weinig" (w 5) no -> 2/7
    value, n, _base = figures(survey, town.north)["bo01"]
    assert n == 2
    assert value == pytest.approx(100 * 2 / 7)


def test_dont_know_stays_in_the_base_where_the_definition_has_it_as_a_category(survey, town):
    # zw07: "weet niet" (4, w 2) is "onbepaald" in the published breakdown: in the base.
    value, n, base = figures(survey, town.north)["zw07"]
    assert (n, base) == (3, pytest.approx(8.0))
    assert value == pytest.approx(100 * 5 / 8)


def test_would_rather_not_say_is_left_out_of_loneliness(survey, town):
    # zw04: "nee" (w 2) no, "wil ik niet zeggen" out, "ja, vaak" (w 5) yes.
    value, n, _base = figures(survey, town.north)["zw04"]
    assert n == 2
    assert value == pytest.approx(100 * 5 / 7)


def test_unanswered_questions_are_not_in_the_base(survey, town):
    value, n, base = figures(survey, town.centre)["zw07"]
    assert (value, n, base) == (None, 0, 0)
    assert figures(survey, town.centre)["wl01"][:2] == (10, 1)


def test_districts_without_respondents_have_no_figures(survey, town):
    assert figures(survey, town.south) == {}
