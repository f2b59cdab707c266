"""Figures the monitor takes from other apps, each through that app's own figures module:

* kpi06, active custom provisions per 1,000 residents, per neighbourhood and quarter
  (in force on the quarter's last day; for today as ``decisions.figures`` counts with
  ``Decision.objects.delivered_on``; residents from the monitor's own population
  figures); derived from the persons with a provision (``base``);
* ``budget_spent``, discretionary budget paid per quarter, for a team or a
  neighbourhood budget (``budgets.figures.spent_by_category``), derived from the number
  of spends;
* CBS key figures per area (``contrib.cbs.figures.figures_profile``): public statistics
  with CBS's own disclosure control; counts below 10 are hidden here too;
* the residents' voice per district (``contrib.burgerpeiling.results``), already
  disclosure-controlled there.

The first two are partial sums that ``monitor.recompute`` rolls up and suppresses like
its own; the last two are copied as published. A source that fails to import gives
nothing (the monitor still works without it).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils.translation import gettext_lazy as _

from wijkkracht.intake.figures import Quarter
from wijkkracht.monitor.aggregates import THRESHOLD
from wijkkracht.monitor.figures import AREA_ONLY, FigureSpec, Group, Kind, register
from wijkkracht.monitor.indicators import Partial
from wijkkracht.monitor.models import PrecomputedFigure, Split

logger = logging.getLogger(__name__)
BP_PREFIX = "bp_"
CBS_PREFIX = "cbs_"


def register_external_figures() -> None:
    """Called when the app is ready: the CBS and Burgerpeiling figures get a spec."""
    try:
        from wijkkracht.contrib.cbs.figures import PROFILE_MEASURES
    except ImportError:
        PROFILE_MEASURES = ()
    for measure in PROFILE_MEASURES:
        register(
            FigureSpec(
                CBS_PREFIX + measure.stems[0],
                measure.label,
                "count" if measure.is_count else "",
                Kind.COUNT,
                Group.CBS,
                splits=AREA_ONLY,
                periodic=False,
                decimals=0 if measure.is_count else 1,
            )
        )
    register(
        FigureSpec(
            "cbs_year",
            _("Year of the CBS figures"),
            "",
            Kind.COUNT,
            "meta",
            splits=AREA_ONLY,
            periodic=False,
            decimals=0,
        )
    )
    try:
        from wijkkracht.contrib.burgerpeiling.results import indicator_list
    except ImportError:
        return
    for info in indicator_list():
        register(
            FigureSpec(
                BP_PREFIX + info.code,
                info.label,
                {"percent": "percent", "mark": "score"}.get(str(info.unit).lower(), "score"),
                Kind.COUNT,
                Group.VOICE,
                splits=AREA_ONLY,
                periodic=False,
                higher_is_better=info.higher_is_better,
            )
        )


def provision_partials(
    municipality, quarters: list[Quarter], today: dt.date, residents: dict[int, int]
) -> list[Partial]:
    """kpi06 per quarter: custom provisions in force on the quarter's last day (today for
    the current quarter), by the neighbourhood of the household, per 1,000 current
    residents. In force on a day: granted, started on or before it and ending on or after
    it, whatever happened later (ended early or expired since). For today this is
    ``Decision.objects.delivered_on(today)``, as ``decisions.figures`` counts. One GROUP BY
    with a filtered count per quarter."""
    from django.db.models import Count, Q

    from wijkkracht.decisions.models import DELIVERED, Decision, DecisionStatus

    days = {str(q): min(q.end - dt.timedelta(days=1), today) for q in quarters}
    counts = (
        Decision.objects.filter(
            municipality=municipality,
            status__in=[*DELIVERED, DecisionStatus.EXPIRED],
            start_date__lte=max(days.values()),
            end_date__gte=min(days.values()),
        )
        .values_list("household__address__neighbourhood_id")
        .annotate(
            **{
                f"q{i}": Count("pk", filter=Q(start_date__lte=day, end_date__gte=day))
                for i, day in enumerate(days.values())
            }
        )
        .order_by()
    )
    active = {nb: values for nb, *values in counts}
    partials = []
    for nb, population in residents.items():
        values = active.get(nb, [0] * len(days))
        for period, n in zip(days, values, strict=True):
            partials.append(Partial("kpi06", nb, None, None, period, n, population, n))
    return partials


def external_partials(
    municipality, quarters: list[Quarter], today: dt.date, residents: dict[int, int] | None = None
) -> list[Partial]:
    """``residents``: current residents per neighbourhood id (the kpi06 denominator)."""
    partials: list[Partial] = []
    try:
        partials += provision_partials(municipality, quarters, today, residents or {})
    except ImportError:
        logger.info("decisions figures not available")
    try:
        from wijkkracht.budgets.figures import spent_by_category

        offered = {str(q) for q in quarters}
        for row in spent_by_category([municipality.pk]):
            period = f"{row['year']}-Q{row['quarter']}"
            if period not in offered:
                continue
            amount = float(row["amount"] or 0)
            partials.append(
                Partial(
                    "budget_spent",
                    row["neighbourhood"],
                    row["team"],
                    None,
                    period,
                    amount,
                    amount,
                    row["spends"],
                )
            )
    except ImportError:
        logger.info("budget figures not available")
    return partials


def published_rows(municipality, quarters, today, structure, now) -> list[PrecomputedFigure]:
    """CBS and Burgerpeiling figures of the municipality and its areas, as published."""
    current = str(max(quarters))
    cells = {cell[1]: cell for cell in structure.order[Split.AREA]}
    position = {cell: i for i, cell in enumerate(structure.order[Split.AREA])}
    rows: list[PrecomputedFigure] = []

    def add(code: str, figure: str, value, suppressed: bool = False) -> None:
        cell = cells.get(code)
        if cell is None:
            return
        rows.append(
            PrecomputedFigure(
                municipality=municipality,
                split=Split.AREA,
                level=cell[0],
                key=cell[1],
                label=structure.labels[cell],
                parent=structure.parents.get(cell, ""),
                position=position[cell],
                period=current,
                figure=figure,
                value=None if suppressed or value is None else float(value),
                suppressed=suppressed,
                computed_at=now,
            )
        )

    try:
        from wijkkracht.contrib.cbs.figures import PROFILE_MEASURES, figures_profile, stem_of

        profile = figures_profile(municipality)
        stems = {}
        for measure in PROFILE_MEASURES:
            for stem in measure.stems:
                stems[stem] = (CBS_PREFIX + measure.stems[0], measure.is_count)
        for area_code, values in profile.values.items():
            for key, value in values.items():
                found = stems.get(stem_of(key))
                if found is None:
                    continue
                figure, is_count = found
                add(area_code, figure, value, is_count and value is not None and value < THRESHOLD)
        if profile.year:
            add(municipality.code, "cbs_year", profile.year)
    except ImportError:
        logger.info("CBS figures not available")
    try:
        from wijkkracht.contrib.burgerpeiling.results import MARKER, WHOLE, indicator_results

        for area_code, figures in indicator_results(municipality).items():
            code = municipality.code if area_code == WHOLE else area_code
            for indicator, figure in figures.items():
                hidden = figure.value == MARKER
                add(code, BP_PREFIX + indicator, None if hidden else figure.value, hidden)
    except ImportError:
        logger.info("Burgerpeiling results not available")
    return rows
