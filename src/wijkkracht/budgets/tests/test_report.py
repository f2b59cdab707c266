"""The accountability report for the council: counts and amounts per purpose and
quarter, no person identifiable, small counts hidden, and no hidden figure recoverable by
subtracting the visible ones from a total."""

import csv
import io
import itertools
import random
from decimal import Decimal

import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.budgets.models import Budget, PurposeCategory, Spend, SpendStatus
from wijkkracht.budgets.report import (
    MARKER,
    QUARTERS,
    TOTAL,
    accountability_report,
    report_csv,
    suppress,
)
from wijkkracht.budgets.tests.helpers import paid_spends
from wijkkracht.teams.models import Team

CATEGORIES = list(PurposeCategory.values)
COLUMNS = [*QUARTERS, TOTAL]


def grid(report):
    return {
        (row.category, column): cell
        for row in report.rows
        for column, cell in zip(COLUMNS, row.cells, strict=True)
    }


def relations():
    rows = [((r, TOTAL), [(r, q) for q in QUARTERS]) for r in (*CATEGORIES, TOTAL)]
    columns = [((TOTAL, c), [(r, c) for r in CATEGORIES]) for c in COLUMNS]
    return rows + columns


def recoverable(hidden: set) -> list:
    """Relations where exactly one cell is hidden: that one follows by subtraction."""
    return [
        (total, parts)
        for total, parts in relations()
        if sum(cell in hidden for cell in (total, *parts)) == 1
    ]


def test_small_counts_are_hidden_with_their_amounts(cast, budget):
    paid_spends(budget, "groceries", 1, 12)
    paid_spends(budget, "groceries", 2, 3, amount="99.99")
    paid_spends(budget, "groceries", 3, 15)
    paid_spends(budget, "groceries", 4, 11)
    cells = grid(accountability_report(municipality=cast.mun_a, year=budget.year))
    small = cells[("groceries", 2)]
    assert small.suppressed and small.count is None and small.amount is None
    assert cells[("groceries", 1)].count == 12
    assert cells[("groceries", 1)].amount == Decimal("120.00")


def test_a_hidden_cell_cannot_be_recovered_from_the_row_total(cast, budget):
    paid_spends(budget, "groceries", 1, 12)
    paid_spends(budget, "groceries", 2, 3)
    paid_spends(budget, "groceries", 3, 15)
    paid_spends(budget, "groceries", 4, 11)
    cells = grid(accountability_report(municipality=cast.mun_a, year=budget.year))
    # Without secondary suppression: 41 - 12 - 15 - 11 = 3.
    assert cells[("groceries", TOTAL)].suppressed
    hidden = {key for key, cell in cells.items() if cell.suppressed}
    assert not recoverable(hidden)


def test_nothing_is_recoverable_from_quarter_totals_either(cast, budget):
    for category in CATEGORIES:
        for quarter in QUARTERS:
            paid_spends(budget, category, quarter, 20)
    paid_spends(budget, "transport", 3, 1)  # 21 in Q3: still visible
    Spend.objects.filter(category="other", spent_on__month=7).delete()
    paid_spends(budget, "other", 3, 4)  # 4: hidden
    cells = grid(accountability_report(municipality=cast.mun_a, year=budget.year))
    assert cells[("other", 3)].suppressed
    hidden = {key for key, cell in cells.items() if cell.suppressed}
    assert not recoverable(hidden)
    assert len(hidden) >= 4  # the cell, a row partner, a column partner, and their crossing
    visible = [cell for cell in cells.values() if not cell.suppressed]
    assert all(cell.count >= 10 for cell in visible)


@pytest.mark.parametrize("seed", range(40))
def test_suppression_never_leaves_one_hidden_cell_in_a_relation(seed):
    rng = random.Random(seed)
    counts = {}
    for category, quarter in itertools.product(CATEGORIES, QUARTERS):
        counts[(category, quarter)] = rng.choice([0, 0, 1, 4, 9, 10, 11, 25, 60, 200])
    for category in CATEGORIES:
        counts[(category, TOTAL)] = sum(counts[(category, q)] for q in QUARTERS)
    for column in COLUMNS:
        counts[(TOTAL, column)] = sum(counts[(c, column)] for c in CATEGORIES)
    hidden = suppress(counts, relations())
    assert not recoverable(hidden)
    assert all(value >= 10 for key, value in counts.items() if key not in hidden)


def test_only_paid_spends_of_the_municipality_and_year_count(cast, budget, today):
    paid_spends(budget, "transport", 1, 10)
    paid_spends(budget, "transport", 1, 5, status=SpendStatus.PENDING)
    paid_spends(budget, "transport", 1, 5, status=SpendStatus.REJECTED)
    budget_b = Budget.objects.create(
        municipality=cast.mun_b,
        team=Team.objects.get(name="Wijkteam B1"),
        year=today.year,
        amount=Decimal("5000"),
        spend_limit=Decimal("250"),
        created_by=cast.outsider,
    )
    paid_spends(budget_b, "transport", 1, 30)
    cells = grid(accountability_report(municipality=cast.mun_a, year=budget.year))
    assert cells[("transport", 1)].count == 10
    other_year = accountability_report(municipality=cast.mun_a, year=budget.year - 1)
    assert all(cell.suppressed for row in other_year.rows for cell in row.cells)


def test_the_report_names_no_person_and_holds_no_free_text(cast, budget, case, login_as):
    paid_spends(
        budget,
        "groceries",
        1,
        12,
        spent_by=cast.coordinator,
        household=cast.household,
        case=case,
        what="Boodschappen voor Fatima Bakker",
    )
    page = login_as(cast.policy_analyst).get(reverse("budgets:report") + f"?year={budget.year}")
    export = login_as(cast.policy_analyst).get(
        reverse("budgets:report_csv") + f"?year={budget.year}"
    )
    for text in (page.text, export.content.decode()):
        for personal in ("Bakker", "Fatima", "coordinator", cast.household.address.street):
            assert personal not in text
        assert "Boodschappen voor" not in text


def test_the_csv_export(cast, budget, login_as):
    paid_spends(budget, "arrears", 2, 14, amount="300.50")
    paid_spends(budget, "arrears", 3, 2)
    response = login_as(cast.team_lead).get(
        reverse("budgets:report_csv") + f"?year={budget.year}&municipality={cast.mun_a.code}"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == (len(CATEGORIES) + 1) * 5
    by_key = {(r["purpose"], r["period"]): r for r in rows}
    assert by_key[("arrears", "Q2")]["spends"] == "14"
    assert by_key[("arrears", "Q2")]["amount_eur"] == "4207.00"
    assert by_key[("arrears", "Q3")]["spends"] == MARKER
    assert by_key[("arrears", "Q3")]["amount_eur"] == MARKER
    assert AuditEntry.objects.filter(object_type="budget_report", action="export").exists()


def test_report_csv_matches_the_table(cast, budget):
    paid_spends(budget, "clothing_furnishing", 4, 10, amount="55.55")
    report = accountability_report(municipality=cast.mun_a, year=budget.year)
    text = report_csv(report)
    assert f"{cast.mun_a.code},{budget.year},clothing_furnishing,Q4,10,555.50" in text


def test_the_report_page_shows_the_marker_for_screen_readers_too(cast, budget, login_as):
    paid_spends(budget, "children_school", 1, 3)
    page = login_as(cast.policy_analyst).get(reverse("budgets:report") + f"?year={budget.year}")
    assert page.status_code == 200
    assert 'data-suppressed="yes"' in page.text
    assert "fewer than 10, or hidden" in page.text
