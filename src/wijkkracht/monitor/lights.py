"""The traffic light and the trend of an indicator value.

* Light: with a target, a value on the good side of it (or equal) is green; a value
  missing it by at most the tolerance is orange; further away red. The good side is
  up when ``higher_is_better``, else down. No target or no value: no light.
* Trend: the change from the previous quarter; ``better`` or ``worse`` by the same
  direction, ``same`` when equal (after rounding to the figure's decimals).
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Light(StrEnum):
    GREEN = "green"
    ORANGE = "orange"
    RED = "red"


LIGHT_LABELS = {
    Light.GREEN: _("on target"),
    Light.ORANGE: _("near target"),
    Light.RED: _("off target"),
}


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


TREND_LABELS = {
    Trend.BETTER: _("better than the previous quarter"),
    Trend.WORSE: _("worse than the previous quarter"),
    Trend.SAME: _("the same as the previous quarter"),
}


def light(
    value: float | None,
    *,
    target: float | None,
    tolerance: float = 0.0,
    higher_is_better: bool | None,
) -> Light | None:
    if value is None or target is None or higher_is_better is None:
        return None
    shortfall = (target - value) if higher_is_better else (value - target)
    if shortfall <= 0:
        return Light.GREEN
    if shortfall <= (tolerance or 0):
        return Light.ORANGE
    return Light.RED


def trend(
    value: float | None,
    previous: float | None,
    *,
    higher_is_better: bool | None,
    decimals: int = 1,
) -> Trend | None:
    if value is None or previous is None or higher_is_better is None:
        return None
    change = round(value, decimals) - round(previous, decimals)
    if abs(change) < 10 ** -(decimals + 3):
        return Trend.SAME
    return Trend.BETTER if (change > 0) == higher_is_better else Trend.WORSE
