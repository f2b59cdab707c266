"""What the neighbourhood monitor calls: the residents' own voice per district.

    from wijkkracht.contrib.burgerpeiling.results import (
        MARKER, indicator_list, indicator_results, survey_years,
    )
    indicator_results(municipality)          # the latest year
    indicator_results(municipality, 2024)
    # {"municipality": {"wl01": Figure(7.6, 812), ...},
    #  "WK199901": {"wl01": Figure(7.9, 143), "zw04": Figure("<10", "<10"), ...}, ...}

One query. Keys are the district's CBS code, and ``"municipality"`` for the whole
municipality (which includes respondents without a district). A district without
respondents is absent. A value is rounded to one decimal, None when nobody in the base
answered; ``n`` is the unweighted number of respondents behind it.

Disclosure control: a figure from fewer than ``THRESHOLD`` respondents is not given:
value and n are both ``MARKER``. Per indicator, if exactly one part of the municipality
is hidden (one suppressed district, or only the fewer than ``THRESHOLD`` respondents
without a district, who have no figure of their own), that part could be worked out by
subtracting the shown districts from the municipality; then the shown district with the
smallest n is hidden too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Max, OuterRef, Subquery
from django.utils.functional import Promise

from wijkkracht.areas.models import Municipality
from wijkkracht.contrib.burgerpeiling.indicators import INDICATORS
from wijkkracht.contrib.burgerpeiling.models import IndicatorResult, Survey

THRESHOLD = 10
MARKER = "<10"
WHOLE = "municipality"


class Figure(NamedTuple):
    value: float | str | None
    n: int | str


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str | Promise
    unit: str  # "percent", "mark" (1-10) or "score" (0-10)
    higher_is_better: bool
    questions: tuple[str, ...]
    definition: str


def indicator_list() -> list[IndicatorInfo]:
    """The indicators in display order, with label, unit, direction and definition."""
    return [
        IndicatorInfo(i.code, i.label, i.unit, i.higher_is_better, i.questions, i.definition)
        for i in INDICATORS
    ]


def survey_years(municipality: Municipality) -> list[int]:
    """Years with an imported Burgerpeiling, newest first."""
    return list(
        Survey.objects.filter(municipality=municipality)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def indicator_results(
    municipality: Municipality, year: int | None = None
) -> dict[str, dict[str, Figure]]:
    """Figures per district code (and ``"municipality"``) per indicator code, after
    disclosure control; empty when there is no Burgerpeiling (for that year)."""
    rows = IndicatorResult.objects.filter(survey__municipality=municipality)
    if year is None:
        latest = (
            Survey.objects.filter(municipality=OuterRef("survey__municipality"))
            .values("municipality")
            .annotate(latest=Max("year"))
            .values("latest")
        )
        rows = rows.filter(survey__year=Subquery(latest))
    else:
        rows = rows.filter(survey__year=year)
    raw: dict[str, dict[str, tuple[float | None, int]]] = {}
    for code, indicator, value, n in rows.values_list(
        "district__code", "indicator", "value", "respondents"
    ):
        raw.setdefault(code or WHOLE, {})[indicator] = (value, n)
    return suppress(raw)


def suppress(
    raw: dict[str, dict[str, tuple[float | None, int]]],
) -> dict[str, dict[str, Figure]]:
    """Apply primary and secondary suppression (see the module docstring)."""
    hidden: set[tuple[str, str]] = {
        (area, code)
        for area, figures in raw.items()
        for code, (_v, n) in figures.items()
        if n < THRESHOLD
    }
    whole = raw.get(WHOLE, {})
    districts = [area for area in raw if area != WHOLE]
    for code, (_value, total) in whole.items():
        if (WHOLE, code) in hidden:
            hidden.update((area, code) for area in districts)
            continue
        shown = [area for area in districts if code in raw[area] and (area, code) not in hidden]
        parts_hidden = sum(1 for area in districts if (area, code) in hidden)
        unassigned = total - sum(raw[area][code][1] for area in districts if code in raw[area])
        if 0 < unassigned < THRESHOLD:
            parts_hidden += 1
        if parts_hidden == 1 and shown:
            smallest = min(shown, key=lambda area: (raw[area][code][1], area))
            hidden.add((smallest, code))
    return {
        area: {
            code: Figure(MARKER, MARKER)
            if (area, code) in hidden
            else Figure(None if value is None else round(value, 1), n)
            for code, (value, n) in figures.items()
        }
        for area, figures in raw.items()
    }
