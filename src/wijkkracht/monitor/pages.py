"""What the monitor pages show, built from precomputed figures in ONE query per page
(``PrecomputedFigure`` with the municipality's targets joined in as subqueries). The
same ``Table`` feeds the HTML page and the CSV/XLSX exports, so an export holds exactly
what the page shows, markers included."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wijkkracht.intake.figures import Quarter, recent_quarters
from wijkkracht.monitor.aggregates import MARKER, THRESHOLD
from wijkkracht.monitor.figures import FIGURES, OVERVIEW_CODES, Group, Kind
from wijkkracht.monitor.lights import LIGHT_LABELS, TREND_LABELS, Light, Trend, light, trend
from wijkkracht.monitor.models import IndicatorTarget, Level, PrecomputedFigure, Split
from wijkkracht.monitor.recompute import QUARTERS

NO_DATA = "–"
LIGHT_COLOURS = {Light.GREEN: "#39870c", Light.ORANGE: "#e17000", Light.RED: "#d52b1e"}
TREND_ARROWS = {Trend.BETTER: "↑", Trend.WORSE: "↓", Trend.SAME: "="}
UNIT_SUFFIX = {"percent": "%", "per_1000": "‰", "euro": ""}


def quarters(today: dt.date | None = None) -> list[Quarter]:
    return recent_quarters(today or timezone.localdate(), QUARTERS)


def default_period(today: dt.date | None = None) -> Quarter:
    """The last complete quarter."""
    return Quarter.containing(today or timezone.localdate()).previous()


def chosen_period(text: str | None, today: dt.date | None = None) -> Quarter:
    offered = quarters(today)
    parsed = Quarter.parse(text)
    return parsed if parsed in offered else default_period(today)


def unit_label(unit: str) -> str:
    return {
        "days": _("days"),
        "percent": "%",
        "per_1000": _("per 1,000 residents"),
        "score": _("score 1-10"),
        "count": _("number"),
        "euro": _("euro"),
    }.get(unit, unit)


@dataclass
class Shown:
    """One cell as shown: ``text`` is what the page and the export hold."""

    figure: str
    value: float | None = None
    suppressed: bool = False
    light: Light | None = None
    trend: Trend | None = None
    base: float | None = None

    @property
    def text(self) -> str:
        if self.suppressed:
            return MARKER
        if self.value is None:
            return NO_DATA
        spec = FIGURES.get(self.figure)
        decimals = spec.decimals if spec else 1
        return number_format(round(self.value, decimals), decimal_pos=decimals, use_l10n=True)

    @property
    def export_value(self):
        if self.suppressed:
            return MARKER
        if self.value is None:
            return ""
        spec = FIGURES.get(self.figure)
        decimals = spec.decimals if spec else 1
        return round(self.value) if decimals == 0 else round(self.value, decimals)

    @property
    def html(self) -> SafeString:
        """The cell's content as the page shows it (built here, not by a template
        include per cell: a page of all districts has over a thousand cells)."""
        if self.suppressed:
            text = format_html(
                '<span aria-hidden="true">{}</span><span class="wk-visually-hidden">{}</span>',
                MARKER,
                _("fewer than %(threshold)s, or hidden") % {"threshold": THRESHOLD},
            )
        elif self.value is None:
            text = format_html(
                '<span aria-hidden="true">–</span><span class="wk-visually-hidden">{}</span>',
                _("no figure"),
            )
        else:
            text = format_html("{}", self.text)
        parts = [text]
        if self.light:
            parts.append(
                format_html(
                    ' <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" '
                    'focusable="false" class="wk-light wk-light--{}"><circle cx="6" cy="6" '
                    'r="5" fill="{}"/></svg><span class="wk-light-label" data-light="{}">'
                    "{}</span>",
                    self.light,
                    LIGHT_COLOURS[self.light],
                    self.light,
                    self.light_label,
                )
            )
        if self.trend:
            parts.append(
                format_html(
                    ' <span data-trend="{}"><span aria-hidden="true">{}</span>'
                    '<span class="wk-visually-hidden">{}</span></span>',
                    self.trend,
                    TREND_ARROWS[self.trend],
                    self.trend_label,
                )
            )
        return mark_safe("".join(parts))  # noqa: S308 (each part escaped by format_html)

    @property
    def light_label(self) -> str:
        return str(LIGHT_LABELS[self.light]) if self.light else ""

    @property
    def trend_label(self) -> str:
        return str(TREND_LABELS[self.trend]) if self.trend else ""


@dataclass
class Line:
    level: str
    key: str
    label: str
    parent: str = ""
    cells: dict[str, Shown] = field(default_factory=dict)
    cells_in_order: list[Shown] = field(default_factory=list)

    def cell(self, code: str) -> Shown:
        return self.cells.get(code) or Shown(code)

    @property
    def cells_html(self) -> SafeString:
        """The row's data cells, in column order (one string, not a template loop)."""
        return mark_safe(  # noqa: S308 (each cell escaped by format_html)
            "".join(
                format_html(
                    '<td class="utrecht-table__cell utrecht-table__cell--numeric-data" '
                    'data-code="{}">{}</td>',
                    cell.figure,
                    cell.html,
                )
                for cell in self.cells_in_order
            )
        )


@dataclass
class Column:
    code: str
    label: str
    unit: str
    target: float | None = None
    tolerance: float | None = None


@dataclass
class Table:
    municipality: str  # CBS code
    municipality_name: str
    period: Quarter
    columns: list[Column]
    lines: list[Line]
    municipalities: list[tuple[str, str]] = field(default_factory=list)

    def cells(self, line: Line) -> list[Shown]:
        return [line.cell(c.code) for c in self.columns]


@dataclass(slots=True)
class Row:
    """A precomputed figure as read for a page (plain values: no model instances)."""

    municipality_id: int
    municipality_code: str
    level: str
    key: str
    label: str
    parent: str
    period: str
    figure: str
    value: float | None
    denominator: float | None
    suppressed: bool
    target: float | None
    tolerance: float | None


ROW_FIELDS = [
    "municipality_id",
    "municipality_code",
    "level",
    "key",
    "label",
    "parent",
    "period",
    "figure",
    "value",
    "denominator",
    "suppressed",
    "target",
    "tolerance",
]


def _figures(user, *, split: str, periods: list[Quarter], codes, condition=None) -> list[Row]:
    """The one query: figures of the user's municipalities with targets joined in."""
    target = IndicatorTarget.objects.filter(
        municipality=OuterRef("municipality"), indicator=OuterRef("figure")
    )
    rows = (
        PrecomputedFigure.objects.for_user(user)
        .filter(
            condition or Q(),
            split=split,
            period__in=[str(p) for p in periods],
            figure__in=codes,
        )
        .annotate(
            municipality_code=F("municipality__code"),
            target=Subquery(target.values("target")[:1]),
            tolerance=Subquery(target.values("tolerance")[:1]),
        )
        .order_by("municipality__name", "municipality_id", "position", "figure", "period")
        .values_list(*ROW_FIELDS)
    )
    return [Row(*values) for values in rows]


def _build(rows, *, period: Quarter, codes, municipality_code: str | None) -> Table | None:
    chosen = municipality_code
    names: dict[str, str] = {}
    for row in rows:
        if row.level == Level.MUNICIPALITY:
            names.setdefault(row.municipality_code, row.label)
    if not names:
        return None
    if chosen not in names:
        chosen = next(iter(names))
    previous = str(period.previous())
    lines: dict[tuple, Line] = {}
    earlier: dict[tuple, float | None] = {}
    targets: dict[str, tuple] = {}
    for row in rows:
        if row.municipality_code != chosen:
            continue
        ident = (row.level, row.key)
        if row.period == previous and row.figure in FIGURES and FIGURES[row.figure].periodic:
            earlier[(ident, row.figure)] = row.value
            if row.period != str(period):
                continue
        line = lines.get(ident)
        if line is None:
            line = lines[ident] = Line(row.level, row.key, row.label, row.parent)
        if row.target is not None:
            targets[row.figure] = (row.target, row.tolerance)
        spec = FIGURES.get(row.figure)
        if spec is not None and spec.periodic and row.period != str(period):
            continue
        line.cells[row.figure] = Shown(
            row.figure,
            value=row.value,
            suppressed=row.suppressed,
            base=row.denominator,
        )
    for line in lines.values():
        for code, cell in line.cells.items():
            spec = FIGURES.get(code)
            hib = spec.higher_is_better if spec else None
            target, tolerance = targets.get(code, (None, None))
            cell.light = light(
                cell.value, target=target, tolerance=tolerance or 0, higher_is_better=hib
            )
            cell.trend = trend(
                cell.value,
                earlier.get(((line.level, line.key), code)),
                higher_is_better=hib,
                decimals=spec.decimals if spec else 1,
            )
    columns = []
    for code in codes:
        spec = FIGURES.get(code)
        if spec is None:
            continue
        target, tolerance = targets.get(code, (None, None))
        columns.append(Column(code, str(spec.label), spec.unit, target, tolerance))
    for line in lines.values():
        line.cells_in_order = [line.cell(c.code) for c in columns]
    return Table(
        municipality=chosen,
        municipality_name=names[chosen],
        period=period,
        columns=columns,
        lines=list(lines.values()),
        municipalities=sorted(names.items(), key=lambda item: item[1]),
    )


def overview(
    user, *, split: str = Split.AREA, period: Quarter, municipality: str | None = None
) -> Table | None:
    """The ten indicators (and the response rate) for the municipality and its districts,
    teams or providers: one query."""
    condition = ~Q(level=Level.NEIGHBOURHOOD) if split == Split.AREA else Q()
    rows = _figures(
        user,
        split=split,
        periods=[period, period.previous()],
        codes=OVERVIEW_CODES,
        condition=condition,
    )
    return _build(rows, period=period, codes=OVERVIEW_CODES, municipality_code=municipality)


@dataclass
class Profile:
    area: Line
    municipality: Line
    table: Table
    neighbourhoods: list[Line]
    district: Line | None
    sections: list[tuple[str, list[tuple[Column, Shown, Shown]]]]
    cbs_year: int | None


def district_code_of(code: str) -> str:
    """CBS codes nest: BU0034 01 02 lies in district WK0034 01."""
    return f"WK{code[2:8]}" if code.startswith("BU") else code


def profile(user, *, code: str, period: Quarter, today: dt.date | None = None) -> Profile | None:
    """The neighbourhood profile (wijkfoto) of a district or neighbourhood: every figure
    of the area and of its municipality, and its neighbourhoods: one query."""
    current = Quarter.containing(today or timezone.localdate())
    codes = list(FIGURES)
    rows = _figures(
        user,
        split=Split.AREA,
        periods=sorted({period, period.previous(), current}),
        codes=codes,
        condition=Q(key__in=[code, district_code_of(code)])
        | Q(parent=code)
        | Q(level=Level.MUNICIPALITY),
    )
    area_row = next((r for r in rows if r.key == code and r.level != Level.MUNICIPALITY), None)
    if area_row is None:
        return None
    rows = [r for r in rows if r.municipality_id == area_row.municipality_id]
    parent = area_row.parent
    rows = [
        r
        for r in rows
        if r.key == code or r.parent == code or r.level == Level.MUNICIPALITY or r.key == parent
    ]
    # Snapshot figures (not per quarter) live in the current quarter.
    for r in rows:
        spec = FIGURES.get(r.figure)
        if spec is not None and not spec.periodic:
            r.period = str(period)
    table = _build(rows, period=period, codes=codes, municipality_code=None)
    by_ident = {(line.level, line.key): line for line in table.lines}
    area = by_ident[(area_row.level, code)]
    municipality = next(line for line in table.lines if line.level == Level.MUNICIPALITY)
    district = by_ident.get((Level.DISTRICT, parent)) if parent else None
    neighbourhoods = [line for line in table.lines if line.parent == code]
    columns = {c.code: c for c in table.columns}
    sections = []
    for title, group in (
        (_("Wijkkracht's own figures"), Group.OWN),
        (_("Residents and households"), Group.POPULATION),
        (_("CBS key figures"), Group.CBS),
        (_("The residents' voice (Burgerpeiling)"), Group.VOICE),
        (_("Performance indicators"), Group.INDICATOR),
    ):
        items = [
            (columns[c], area.cell(c), municipality.cell(c))
            for c in codes
            if FIGURES[c].group == group and c in columns
        ]
        if group == Group.OWN:
            items = [
                (columns[c], area.cell(c), municipality.cell(c))
                for c in ("questions_in", "active_cases", "kpi06", "budget_spent", "kpi01")
                if c in columns
            ]
        items = [
            i
            for i in items
            if i[1].value is not None or i[1].suppressed or group == Group.INDICATOR
        ]
        if items:
            sections.append((title, items))
    cbs_year = municipality.cells.get("cbs_year")
    return Profile(
        area=area,
        municipality=municipality,
        table=table,
        neighbourhoods=neighbourhoods,
        district=district,
        sections=sections,
        cbs_year=int(cbs_year.value) if cbs_year and cbs_year.value else None,
    )


def district_values(user, *, figure: str, period: Quarter, municipality: str | None = None):
    """One figure for every district (and the municipality): the map and its table."""
    rows = _figures(
        user,
        split=Split.AREA,
        periods=[period, period.previous(), Quarter.containing(timezone.localdate())],
        codes=[figure],
        condition=~Q(level=Level.NEIGHBOURHOOD),
    )
    for r in rows:
        spec = FIGURES.get(r.figure)
        if spec is not None and not spec.periodic:
            r.period = str(period)
    return _build(rows, period=period, codes=[figure], municipality_code=municipality)


def bars(items: list[tuple[str, Shown]], *, width: int = 320) -> list[dict]:
    """Bar geometry for an SVG chart of shown values (hidden and empty cells: no bar)."""
    known = [cell.value for _label, cell in items if cell.value is not None and not cell.suppressed]
    top = max(known, default=0) or 1
    out = []
    for i, (label, cell) in enumerate(items):
        shown = cell.value is not None and not cell.suppressed
        out.append(
            {
                "label": label,
                "text": cell.text,
                "y": 8 + i * 28,
                "width": round(width * cell.value / top, 1) if shown and cell.value > 0 else 0,
            }
        )
    return out


def group_lines(table: Table) -> dict[str, list[Line]]:
    grouped: dict[str, list[Line]] = defaultdict(list)
    for line in table.lines:
        grouped[line.level].append(line)
    return grouped


__all__ = ["Kind", "NO_DATA", "overview", "profile", "district_values", "chosen_period"]
