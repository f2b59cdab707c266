"""The ten performance indicators of issue 6, by code: the one list that neighbourhood
plans, the monitor and the docs refer to. Formulas live with their computation
(``monitor`` app); ``higher_is_better`` decides the direction of the traffic light."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    label: str | Promise
    unit: str  # "days", "percent", "per_1000", "score"
    higher_is_better: bool


INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition("kpi01", _("Median days from question to first contact"), "days", False),
    IndicatorDefinition("kpi02", _("Median days from question to agreed plan"), "days", False),
    IndicatorDefinition(
        "kpi03", _("Closed cases that achieved at least 80 percent of their goals"), "percent", True
    ),
    IndicatorDefinition(
        "kpi04",
        _("Households whose mean self-reliance score rose at least 1 point"),
        "percent",
        True,
    ),
    IndicatorDefinition(
        "kpi05", _("Households with a new question within 12 months of closing"), "percent", False
    ),
    IndicatorDefinition(
        "kpi06", _("Active custom provisions per 1,000 residents"), "per_1000", False
    ),
    IndicatorDefinition(
        "kpi07",
        _("Plan actions carried out by the resident, the network or volunteers"),
        "percent",
        True,
    ),
    IndicatorDefinition(
        "kpi08", _("Support through general or collective provisions"), "percent", True
    ),
    IndicatorDefinition("kpi09", _("Cases escalated to the expert team"), "percent", False),
    IndicatorDefinition("kpi10", _("Mean satisfaction (1-10)"), "score", True),
)
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
