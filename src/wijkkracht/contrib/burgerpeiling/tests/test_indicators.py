"""Each indicator per respondent: who is in the base, and what counts."""

from __future__ import annotations

import pytest

from wijkkracht.contrib.burgerpeiling.indicators import BY_CODE, INDICATORS, Answers, tally

EMPTY = Answers(None, 1.0, *([None] * 11), 0, None)


def score(code: str, **answers):
    return BY_CODE[code].score(EMPTY._replace(**answers))


def test_every_indicator_quotes_its_definition_and_says_its_unit():
    codes = "wl01 wl03_ss wl04 wl05 zw04 zw03 zw06_0 zw13 zw06_3 zw07 bo01"
    assert [i.code for i in INDICATORS] == codes.split()
    for indicator in INDICATORS:
        assert len(indicator.definition) > 100, indicator.code
        assert indicator.unit in ("percent", "mark", "score")
    assert {i.code for i in INDICATORS if not i.higher_is_better} == {"wl05", "zw04"}


@pytest.mark.parametrize(
    ("code", "field", "expected"),
    [
        ("wl01", {1: 1.0, 10: 10.0, 11: None, None: None}, None),
        ("wl04", {1: 100, 2: 100, 3: 0, 5: 0, 6: None, None: None}, None),
        ("wl05", {1: 100, 2: 100, 3: 0, 5: 0, 6: None}, None),
        ("zw04", {1: 0, 2: 100, 3: 100, 4: 100, 5: None}, None),
        ("zw03", {1: 100, 2: 0, 3: 0, 4: None}, None),
        ("zw06_0", {1: 100, 2: 100, 3: 0, None: None}, None),
        ("zw06_3", {1: 100, 2: 100, 3: 0, None: None}, None),
        ("zw07", {1: 100, 2: 100, 3: 0, 4: 0, None: None}, None),
        ("bo01", {1: 100, 2: 100, 3: 0, 4: 0, 5: 0, 6: None}, None),
    ],
)
def test_single_questions(code, field, expected):
    for answer, result in field.items():
        assert score(code, **{code: answer}) == result, (code, answer)


def test_social_cohesion_is_a_scale_score_of_at_least_two_statements():
    assert score("wl03_ss", wl03_0=1, wl03_1=1, wl03_2=1) == 10
    assert score("wl03_ss", wl03_0=5, wl03_1=5, wl03_2=5) == 0
    assert score("wl03_ss", wl03_0=2, wl03_1=3, wl03_2=6) == pytest.approx(6.25)
    assert score("wl03_ss", wl03_0=2, wl03_1=4, wl03_2=None) == 5
    assert score("wl03_ss", wl03_0=2, wl03_1=6, wl03_2=None) is None
    assert score("wl03_ss") is None


def test_willingness_to_help_counts_any_form_of_help_among_those_who_ticked_something():
    assert score("zw13", zw13=0) is None
    assert score("zw13", zw13=1 << 2) == 100
    assert score("zw13", zw13=1 << 8) == 100  # "anders, namelijk"
    assert score("zw13", zw13=1 << 9) == 0
    assert score("zw13", zw13=1 << 10) == 0
    assert score("zw13", zw13=(1 << 10) | 1) == 100


def test_tally_counts_a_respondent_for_the_district_and_the_municipality():
    answers = [EMPTY._replace(district_id=7, weight=2.0, wl01=8), EMPTY._replace(wl01=5)]
    sums = tally(answers)
    assert sums[(None, "wl01")].value == pytest.approx(7.0)
    assert sums[(None, "wl01")].respondents == 2
    assert sums[(7, "wl01")].value == 8
    assert (7, "wl04") not in sums
