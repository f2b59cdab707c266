"""The accountability report for the council: paid spends per purpose category and
quarter of one municipality and year, as counts and amounts. Never a person: no
household, no names, no free text — only category, quarter, count and sum.

Disclosure control (the rule of ``monitor.aggregates``):

* Primary suppression: a cell with fewer than ``THRESHOLD`` spends (zero included) shows
  ``MARKER`` for both count and amount; the numbers never leave this module.
* Secondary suppression: every category's year total is the sum of its quarters, every
  quarter's total the sum of the categories, and the grand total both. In each such
  relation a single hidden cell could be worked out by subtraction from the total, so as
  long as a relation has exactly one hidden cell one more is hidden: the total when the
  hidden cell is a part, the smallest part when it is the total. This repeats until no
  relation has exactly one hidden cell. Amounts are hidden in exactly the same cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractQuarter
from django.utils.translation import gettext as _

from wijkkracht.budgets.models import PurposeCategory, Spend, SpendStatus
from wijkkracht.budgets.money import ZERO, quantize

THRESHOLD = 10
MARKER = "<10"
QUARTERS = (1, 2, 3, 4)
TOTAL = "total"


def suppress(
    counts: dict[Hashable, int],
    relations: list[tuple[Hashable, list[Hashable]]],
    *,
    threshold: int = THRESHOLD,
) -> set[Hashable]:
    """The cells to hide: primary (below ``threshold``) and secondary (module
    docstring). ``relations`` lists (total, parts) with total == sum(parts). The rule is
    the monitor's (``monitor.aggregates.suppress``), written once."""
    from wijkkracht.monitor.aggregates import suppress as suppress_cells

    return suppress_cells(counts, relations, threshold=threshold)


@dataclass(frozen=True)
class Cell:
    count: int | None  # None: suppressed; the number is not kept
    amount: Decimal | None

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Row:
    category: str  # a PurposeCategory value, or TOTAL
    label: str
    cells: tuple[Cell, ...]  # Q1..Q4, then the year


@dataclass(frozen=True)
class Report:
    municipality: object
    year: int
    rows: tuple[Row, ...]

    @property
    def columns(self) -> list[str]:
        return [*(f"Q{q}" for q in QUARTERS), _("Year")]


def raw_counts(municipality, year: int) -> dict[tuple[str, int], tuple[int, Decimal]]:
    """Paid spends per (category, quarter), one GROUP BY. Keep inside this module."""
    rows = (
        Spend.objects.filter(
            budget__municipality=municipality, status=SpendStatus.PAID, spent_on__year=year
        )
        .annotate(quarter=ExtractQuarter("spent_on"))
        .values("category", "quarter")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by()
    )
    return {
        (row["category"], row["quarter"]): (row["n"], quantize(row["total"] or ZERO))
        for row in rows
    }


def accountability_report(*, municipality, year: int) -> Report:
    raw = raw_counts(municipality, year)
    categories = list(PurposeCategory.values)
    counts: dict[tuple, int] = {}
    amounts: dict[tuple, Decimal] = {}
    for category in categories:
        for quarter in QUARTERS:
            n, total = raw.get((category, quarter), (0, ZERO))
            counts[(category, quarter)], amounts[(category, quarter)] = n, total
        counts[(category, TOTAL)] = sum(counts[(category, q)] for q in QUARTERS)
        amounts[(category, TOTAL)] = sum((amounts[(category, q)] for q in QUARTERS), ZERO)
    for column in (*QUARTERS, TOTAL):
        counts[(TOTAL, column)] = sum(counts[(c, column)] for c in categories)
        amounts[(TOTAL, column)] = sum((amounts[(c, column)] for c in categories), ZERO)

    relations: list[tuple[tuple, list[tuple]]] = []
    for row in (*categories, TOTAL):
        relations.append(((row, TOTAL), [(row, q) for q in QUARTERS]))
    for column in (*QUARTERS, TOTAL):
        relations.append(((TOTAL, column), [(c, column) for c in categories]))
    hidden = suppress(counts, relations)

    def cell(key) -> Cell:
        if key in hidden:
            return Cell(None, None)
        return Cell(counts[key], amounts[key])

    rows = [
        Row(
            category=category,
            label=str(PurposeCategory(category).label),
            cells=tuple(cell((category, column)) for column in (*QUARTERS, TOTAL)),
        )
        for category in categories
    ]
    rows.append(
        Row(
            category=TOTAL,
            label=_("All purposes"),
            cells=tuple(cell((TOTAL, column)) for column in (*QUARTERS, TOTAL)),
        )
    )
    return Report(municipality=municipality, year=year, rows=tuple(rows))


def report_csv(report: Report) -> str:
    """One line per purpose and period: the figures as in the table, ``MARKER`` where
    hidden; amounts in euros with a decimal point."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["municipality", "year", "purpose", "period", "spends", "amount_eur"])
    periods = [*(f"Q{q}" for q in QUARTERS), "year"]
    for row in report.rows:
        for period, c in zip(periods, row.cells, strict=True):
            writer.writerow(
                [
                    report.municipality.code,
                    report.year,
                    row.category,
                    period,
                    MARKER if c.suppressed else c.count,
                    MARKER if c.suppressed else f"{c.amount:.2f}",
                ]
            )
    return out.getvalue()
