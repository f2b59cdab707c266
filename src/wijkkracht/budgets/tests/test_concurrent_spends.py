"""Two professionals spending at the same moment on a real database: the lock on the
budget row makes the second one count the first, so the budget is never overspent."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wijkkracht.budgets.models import Budget, PurposeCategory, Spend
from wijkkracht.budgets.spending import spend

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks across connections"
    ),
]


def race(budget, spenders, amount):
    barrier = threading.Barrier(len(spenders))
    outcomes: dict[str, str] = {}

    def run(user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            spend(budget=budget, actor=user, amount=amount, category=PurposeCategory.GROCERIES)
            outcomes[user.username] = "spent"
        except ValidationError as exc:
            outcomes[user.username] = "refused: " + " ".join(exc.messages)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in spenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_simultaneous_spends_never_overspend(cast, budget):
    Budget.objects.filter(pk=budget.pk).update(amount=Decimal("150.00"))
    outcomes = race(budget, [cast.coordinator, cast.colleague], "100.00")
    assert sorted(o.split(":")[0] for o in outcomes.values()) == ["refused", "spent"]
    assert any("more than is left" in o for o in outcomes.values())
    assert Spend.objects.count() == 1
    figures = Budget.objects.with_figures().get(pk=budget.pk)
    assert figures.remaining == Decimal("50.00")


def test_many_simultaneous_spends_fill_the_budget_exactly(cast, budget):
    Budget.objects.filter(pk=budget.pk).update(amount=Decimal("200.00"))
    outcomes = race(budget, [cast.coordinator, cast.colleague, cast.team_lead], "100.00")
    assert sorted(o.split(":")[0] for o in outcomes.values()) == ["refused", "spent", "spent"]
    assert Budget.objects.with_figures().get(pk=budget.pk).remaining == Decimal("0.00")
