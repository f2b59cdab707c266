"""The traffic light by target, direction and tolerance, and the trend by direction."""

import pytest

from wijkkracht.monitor.lights import Light, Trend, light, trend


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (70, Light.GREEN),
        (60, Light.GREEN),
        (55, Light.ORANGE),
        (50, Light.ORANGE),
        (49.9, Light.RED),
    ],
)
def test_higher_is_better_light(value, expected):
    assert light(value, target=60, tolerance=10, higher_is_better=True) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2, Light.GREEN), (3, Light.GREEN), (3.5, Light.ORANGE), (4, Light.ORANGE), (4.1, Light.RED)],
)
def test_lower_is_better_light(value, expected):
    assert light(value, target=3, tolerance=1, higher_is_better=False) == expected


def test_without_tolerance_a_miss_is_red():
    assert light(59, target=60, tolerance=0, higher_is_better=True) == Light.RED


def test_no_light_without_target_or_value():
    assert light(None, target=60, higher_is_better=True) is None
    assert light(70, target=None, higher_is_better=True) is None


def test_trend_follows_the_direction():
    assert trend(50, 40, higher_is_better=True) == Trend.BETTER
    assert trend(50, 40, higher_is_better=False) == Trend.WORSE
    assert trend(3, 4, higher_is_better=False) == Trend.BETTER
    assert trend(40.01, 40.04, higher_is_better=True) == Trend.SAME  # equal when rounded
    assert trend(40, None, higher_is_better=True) is None
