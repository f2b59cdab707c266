"""Budget spent by purpose per team or neighbourhood and quarter, for the monitor: one
GROUP BY."""

from decimal import Decimal

from wijkkracht.budgets.figures import spent_by_category
from wijkkracht.budgets.models import SpendStatus
from wijkkracht.budgets.tests.helpers import paid_spends


def test_spent_per_team_or_neighbourhood_category_and_quarter(
    cast, budget, nb_budget, team_a1, nb_a1, django_assert_num_queries
):
    paid_spends(budget, "groceries", 1, 3, amount="20.00")
    paid_spends(budget, "groceries", 2, 1, amount="15.50")
    paid_spends(budget, "transport", 1, 2, amount="7.25")
    paid_spends(budget, "transport", 1, 2, status=SpendStatus.PENDING)
    paid_spends(nb_budget, "arrears", 4, 1, amount="400.00")
    with django_assert_num_queries(1):
        rows = list(spent_by_category([cast.mun_a.pk], year=budget.year))
    as_tuples = {
        (r["team"], r["neighbourhood"], r["category"], r["quarter"]): (r["spends"], r["amount"])
        for r in rows
    }
    assert as_tuples == {
        (team_a1.pk, None, "groceries", 1): (3, Decimal("60.00")),
        (team_a1.pk, None, "groceries", 2): (1, Decimal("15.50")),
        (team_a1.pk, None, "transport", 1): (2, Decimal("14.50")),
        (None, nb_a1.pk, "arrears", 4): (1, Decimal("400.00")),
    }
    assert {r["year"] for r in rows} == {budget.year}
    assert list(spent_by_category([cast.mun_b.pk])) == []
