"""Recompute every figure of the monitor for a municipality and store it, after
disclosure control, as ``PrecomputedFigure`` rows: replace-all in one transaction.

1. ``monitor.indicators`` reads partial sums per (neighbourhood, team, provider, quarter)
   with GROUP BY queries, and the durations of the two median indicators.
2. ``rollup`` adds them up to every cell: each neighbourhood, district and the
   municipality (split ``area``), each team (``team``) and each provider (``provider``).
3. ``disclose`` hides, per figure and quarter, every cell derived from fewer than
   ``THRESHOLD`` persons or households (primary) and, with ``aggregates.suppress``, one
   more cell wherever a hidden one could be worked out by subtraction (secondary): a
   district is the sum of its neighbourhoods, the municipality the sum of its districts,
   of its teams and of its providers. A hidden part is covered by hiding the smallest
   shown part of the same total, so the municipality's own figure stays visible where
   it can. Items without a neighbourhood, team or provider form a remainder that is
   never shown but is treated as a part: when it is below the threshold it counts as
   hidden, and when it could be worked out it is large enough to tell nothing.
4. ``store`` deletes the municipality's rows and writes the new ones in one transaction.

A cell with no items at all (base 0) is empty: there is nothing to hide, so it neither
shows a marker nor forces other cells to be hidden.
"""

from __future__ import annotations

import datetime as dt
import logging
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from wijkkracht.areas.models import Municipality, Neighbourhood
from wijkkracht.intake.figures import Quarter, recent_quarters
from wijkkracht.monitor import sources
from wijkkracht.monitor.aggregates import THRESHOLD, suppress
from wijkkracht.monitor.figures import FIGURES, Kind
from wijkkracht.monitor.indicators import Partial, Sample, all_partials
from wijkkracht.monitor.models import Level, PrecomputedFigure, Split
from wijkkracht.organisations.models import Organisation
from wijkkracht.teams.models import Team

logger = logging.getLogger(__name__)
QUARTERS = 8  # the current quarter and the seven before it
BATCH = 2000
NONE = "-"  # key of a remainder cell: never published

Cell = tuple[str, str]  # (level, key)


@dataclass
class Accumulator:
    numerator: float = 0.0
    denominator: float = 0.0
    base: int = 0
    samples: list[float] = field(default_factory=list)


@dataclass
class Structure:
    """The cells of a municipality, in page order, with labels and relations."""

    municipality: Municipality
    labels: dict[Cell, str]
    parents: dict[Cell, str]
    order: dict[str, list[Cell]]  # per split
    district_of: dict[int, Cell]
    neighbourhood_of: dict[int, Cell]


def structure_of(municipality: Municipality, provider_ids: Iterable[int]) -> Structure:
    top: Cell = (Level.MUNICIPALITY, municipality.code)
    labels = {top: municipality.name}
    parents: dict[Cell, str] = {}
    area: list[Cell] = [top]
    district_of, neighbourhood_of = {}, {}
    neighbourhoods = (
        Neighbourhood.objects.filter(municipality=municipality)
        .select_related("district")
        .order_by("district__code", "code")
    )
    for nb in neighbourhoods:
        district: Cell = (Level.DISTRICT, nb.district.code)
        if district not in labels:
            labels[district] = nb.district.name
            area.append(district)
        cell: Cell = (Level.NEIGHBOURHOOD, nb.code)
        labels[cell] = nb.name
        parents[cell] = nb.district.code
        area.append(cell)
        district_of[nb.pk] = district
        neighbourhood_of[nb.pk] = cell
    teams = [top]
    for team in Team.objects.filter(municipality=municipality).order_by("name", "pk"):
        cell = (Level.TEAM, str(team.pk))
        labels[cell] = team.name
        teams.append(cell)
    providers = [top]
    for org in Organisation.objects.filter(pk__in=list(provider_ids)).order_by("name", "pk"):
        cell = (Level.PROVIDER, str(org.pk))
        labels[cell] = org.name
        providers.append(cell)
    return Structure(
        municipality=municipality,
        labels=labels,
        parents=parents,
        order={Split.AREA: area, Split.TEAM: teams, Split.PROVIDER: providers},
        district_of=district_of,
        neighbourhood_of=neighbourhood_of,
    )


def _cells(item: Partial | Sample, structure: Structure, splits: set[str]) -> list[Cell]:
    top = (Level.MUNICIPALITY, structure.municipality.code)
    cells = [top]
    if Split.AREA in splits:
        if item.neighbourhood in structure.neighbourhood_of:
            cells.append(structure.district_of[item.neighbourhood])
            cells.append(structure.neighbourhood_of[item.neighbourhood])
        else:
            cells.append(("area-remainder", NONE))
    if Split.TEAM in splits:
        cells.append((Level.TEAM, str(item.team)) if item.team else ("team-remainder", NONE))
    if Split.PROVIDER in splits:
        cells.append(
            (Level.PROVIDER, str(item.provider)) if item.provider else ("provider-remainder", NONE)
        )
    return cells


def rollup(
    partials: list[Partial], samples: list[Sample], structure: Structure
) -> dict[tuple[str, str], dict[Cell, Accumulator]]:
    """Per (figure, period): the accumulated counts of every cell with items."""
    table: dict[tuple[str, str], dict[Cell, Accumulator]] = defaultdict(
        lambda: defaultdict(Accumulator)
    )
    for item in partials:
        cells = table[(item.figure, item.period)]
        for cell in _cells(item, structure, FIGURES[item.figure].splits):
            acc = cells[cell]
            acc.numerator += item.numerator
            acc.denominator += item.denominator
            acc.base += item.base
    for item in samples:
        cells = table[(item.figure, item.period)]
        for cell in _cells(item, structure, FIGURES[item.figure].splits):
            acc = cells[cell]
            acc.samples.append(item.days)
            acc.base += 1
            acc.denominator += 1
    return table


def relations_of(structure: Structure, splits: set[str]) -> list[tuple[Cell, list[Cell]]]:
    top = (Level.MUNICIPALITY, structure.municipality.code)
    relations = []
    if Split.AREA in splits:
        districts: dict[str, list[Cell]] = defaultdict(list)
        for cell in structure.order[Split.AREA]:
            if cell[0] == Level.NEIGHBOURHOOD:
                districts[structure.parents[cell]].append(cell)
        for code, parts in districts.items():
            relations.append(((Level.DISTRICT, code), parts))
        relations.append(
            (top, [(Level.DISTRICT, code) for code in districts] + [("area-remainder", NONE)])
        )
    if Split.TEAM in splits:
        relations.append((top, structure.order[Split.TEAM][1:] + [("team-remainder", NONE)]))
    if Split.PROVIDER in splits:
        relations.append(
            (top, structure.order[Split.PROVIDER][1:] + [("provider-remainder", NONE)])
        )
    return relations


def disclose(cells: dict[Cell, Accumulator], relations: list[tuple[Cell, list[Cell]]]) -> set[Cell]:
    """The cells to hide (module docstring, step 3). Empty cells take no part."""
    values = {cell: acc.base for cell, acc in cells.items() if acc.base > 0}
    live = [
        (total, [p for p in parts if p in values]) for total, parts in relations if total in values
    ]
    return suppress(values, live, threshold=THRESHOLD, keep_totals=True)


def value_of(figure: str, acc: Accumulator) -> tuple[float | None, float | None, float | None]:
    """(value, numerator, denominator) of a shown cell."""
    spec = FIGURES[figure]
    if spec.kind == Kind.MEDIAN:
        if not acc.samples:
            return None, None, None
        return float(statistics.median(acc.samples)), None, float(len(acc.samples))
    if spec.kind == Kind.COUNT:
        return acc.numerator, None, None
    if not acc.denominator:
        return None, acc.numerator, acc.denominator
    return acc.numerator / acc.denominator * spec.scale, acc.numerator, acc.denominator


def figure_rows(
    structure: Structure,
    table: dict[tuple[str, str], dict[Cell, Accumulator]],
    now: dt.datetime,
) -> list[PrecomputedFigure]:
    rows = []
    municipality = structure.municipality
    for (figure, period), cells in table.items():
        splits = FIGURES[figure].splits
        hidden = disclose(cells, relations_of(structure, splits))
        for split in (Split.AREA, Split.TEAM, Split.PROVIDER):
            if split not in splits:
                continue
            for position, cell in enumerate(structure.order[split]):
                acc = cells.get(cell) or Accumulator()
                suppressed = cell in hidden
                value, numerator, denominator = (
                    (None, None, None) if suppressed or not acc.base else value_of(figure, acc)
                )
                rows.append(
                    PrecomputedFigure(
                        municipality=municipality,
                        split=split,
                        level=cell[0],
                        key=cell[1],
                        label=structure.labels[cell],
                        parent=structure.parents.get(cell, ""),
                        position=position,
                        period=period,
                        figure=figure,
                        value=value,
                        numerator=numerator,
                        denominator=denominator,
                        suppressed=suppressed,
                        computed_at=now,
                    )
                )
    return rows


INSERTED = [
    "municipality_id",
    "split",
    "level",
    "key",
    "label",
    "parent",
    "position",
    "period",
    "figure",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "computed_at",
]


def store(rows: list[PrecomputedFigure]) -> None:
    """Insert with one prepared statement (``executemany``): ``bulk_create`` on SQLite
    splits into batches of 66 rows (999 parameters), each compiled anew."""
    table = PrecomputedFigure._meta.db_table
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(PrecomputedFigure._meta.get_field(name.removesuffix("_id")).column)
        for name in INSERTED
    )
    sql = f"INSERT INTO {quote(table)} ({columns}) VALUES ({', '.join(['%s'] * len(INSERTED))})"  # noqa: S608
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                sql,
                [
                    [
                        adapt(getattr(row, name)) if name == "computed_at" else getattr(row, name)
                        for name in INSERTED
                    ]
                    for row in rows[start : start + 5000]
                ],
            )


def recompute_municipality(
    municipality: Municipality, *, today: dt.date | None = None
) -> dict[str, float]:
    """Every figure of ``municipality``, replaced in one transaction. Returns counts and
    the seconds it took."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    now = timezone.now()
    quarters = recent_quarters(today, QUARTERS)
    partials, samples = all_partials(municipality.pk, quarters, today)
    residents = {p.neighbourhood: int(p.numerator) for p in partials if p.figure == "residents"}
    external = sources.external_partials(municipality, quarters, today, residents)
    partials += external
    provider_ids = {p.provider for p in partials if p.provider} | {
        s.provider for s in samples if s.provider
    }
    structure = structure_of(municipality, provider_ids)
    table = rollup(partials, samples, structure)
    for period in map(str, quarters):  # every indicator exists in every quarter, if empty
        for code in FIGURES:
            if FIGURES[code].periodic:
                table[(code, period)]
    rows = figure_rows(structure, table, now)
    rows += sources.published_rows(municipality, quarters, today, structure, now)
    with transaction.atomic():
        PrecomputedFigure.objects.filter(municipality=municipality).delete()
        store(rows)
    seconds = time.perf_counter() - started
    logger.info(
        "monitor recomputed for %s: %d figures in %.1f s", municipality.code, len(rows), seconds
    )
    return {"figures": len(rows), "seconds": round(seconds, 2)}


def recompute(codes: Iterable[str] | None = None, *, today: dt.date | None = None) -> dict:
    """Recompute the given municipalities (CBS codes), or all of them."""
    municipalities = Municipality.objects.order_by("code")
    if codes:
        municipalities = municipalities.filter(code__in=list(codes))
    return {m.code: recompute_municipality(m, today=today) for m in municipalities}


def current_quarter(today: dt.date | None = None) -> Quarter:
    return Quarter.containing(today or timezone.localdate())
