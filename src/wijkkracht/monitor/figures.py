"""Every figure the monitor stores: the ten indicators (``definitions.INDICATORS``) and
the figures of the neighbourhood profile, with how each is shown and rolled up."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkkracht.monitor.definitions import INDICATORS


class Kind:
    RATIO = "ratio"  # numerator / denominator x scale; both add up
    MEDIAN = "median"  # median of samples; the number of samples adds up
    COUNT = "count"  # a count; adds up


class Group:
    INDICATOR = "indicator"
    OWN = "own"  # Wijkkracht's own figures of the profile
    POPULATION = "population"
    CBS = "cbs"
    VOICE = "voice"  # the residents' voice (Burgerpeiling)


ALL_SPLITS = frozenset({"area", "team", "provider"})
AREA_ONLY = frozenset({"area"})


@dataclass(frozen=True)
class FigureSpec:
    code: str
    label: str | Promise
    unit: str  # "days", "percent", "per_1000", "score", "count", "euro"
    kind: str
    group: str
    scale: float = 1.0
    splits: frozenset = field(default=ALL_SPLITS)
    periodic: bool = True  # one value per quarter; False: only the current quarter
    higher_is_better: bool | None = None
    decimals: int = 1


def _indicator(
    code: str, kind: str, scale: float = 1.0, splits=ALL_SPLITS, periodic: bool = True
) -> FigureSpec:
    definition = next(i for i in INDICATORS if i.code == code)
    return FigureSpec(
        code,
        definition.label,
        definition.unit,
        kind,
        Group.INDICATOR,
        scale=scale,
        splits=splits,
        periodic=periodic,
        higher_is_better=definition.higher_is_better,
    )


SPECS: list[FigureSpec] = [
    _indicator("kpi01", Kind.MEDIAN),
    _indicator("kpi02", Kind.MEDIAN),
    _indicator("kpi03", Kind.RATIO, 100),
    _indicator("kpi04", Kind.RATIO, 100),
    _indicator("kpi05", Kind.RATIO, 100),
    _indicator("kpi06", Kind.RATIO, 1000, splits=AREA_ONLY),
    _indicator("kpi07", Kind.RATIO, 100),
    _indicator("kpi08", Kind.RATIO, 100),
    _indicator("kpi09", Kind.RATIO, 100),
    _indicator("kpi10", Kind.RATIO),
    FigureSpec(
        "kpi10_response",
        _("Response rate of the satisfaction question"),
        "percent",
        Kind.RATIO,
        Group.INDICATOR,
        scale=100,
        higher_is_better=True,
    ),
    FigureSpec("questions_in", _("Questions in"), "count", Kind.COUNT, Group.OWN, decimals=0),
    FigureSpec(
        "active_cases",
        _("Active household cases"),
        "count",
        Kind.COUNT,
        Group.OWN,
        periodic=False,
        decimals=0,
    ),
    FigureSpec(
        "budget_spent",
        _("Discretionary budget spent"),
        "euro",
        Kind.COUNT,
        Group.OWN,
        splits=frozenset({"area", "team"}),
        decimals=0,
    ),
]
for _code, _label in (
    ("residents", _("Residents")),
    ("age_0_17", _("Aged 0-17")),
    ("age_18_64", _("Aged 18-64")),
    ("age_65_plus", _("Aged 65 and over")),
    ("households", _("Households")),
    ("single_households", _("Single-person households")),
    ("households_with_children", _("Households with children")),
    ("active_involvements", _("Active involvements")),
):
    SPECS.append(
        FigureSpec(
            _code,
            _label,
            "count",
            Kind.COUNT,
            Group.POPULATION,
            splits=AREA_ONLY,
            periodic=False,
            decimals=0,
        )
    )

FIGURES: dict[str, FigureSpec] = {spec.code: spec for spec in SPECS}
INDICATOR_CODES = [i.code for i in INDICATORS]
OVERVIEW_CODES = [*INDICATOR_CODES, "kpi10_response"]
OWN_CODES = ["questions_in", "active_cases", "kpi06", "budget_spent", "kpi01"]


def register(spec: FigureSpec) -> FigureSpec:
    """Figures from other sources (CBS key figures, Burgerpeiling indicators) register
    themselves when their source is available."""
    FIGURES.setdefault(spec.code, spec)
    return FIGURES[spec.code]
