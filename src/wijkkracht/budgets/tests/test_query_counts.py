"""List pages read a constant number of queries, whatever the number of rows."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkkracht.areas.models import Neighbourhood
from wijkkracht.budgets.models import Budget, JustificationStatus, Spend, SpendStatus
from wijkkracht.budgets.tests.helpers import paid_spends


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(cast, budget, case, n):
    """Spends of every kind: for a household, overdue, pending, submitted."""
    paid_spends(budget, "groceries", 1, n, spent_by=cast.coordinator)
    paid_spends(
        budget, "arrears", 2, n, spent_by=cast.coordinator, household=cast.household, case=case
    )
    paid_spends(
        budget,
        "transport",
        1,
        n,
        spent_by=cast.coordinator,
        justification_due=dt.date(budget.year, 1, 1),
    )
    paid_spends(
        budget,
        "other",
        3,
        n,
        spent_by=cast.coordinator,
        status=SpendStatus.PENDING,
        justification_status=JustificationStatus.NOT_DUE,
    )
    paid_spends(
        budget,
        "children_school",
        3,
        n,
        spent_by=cast.colleague,
        justification_status=JustificationStatus.SUBMITTED,
    )


def test_budget_overview_queries_do_not_grow_with_spends(cast, budget, case, login_as):
    url = reverse("budgets:detail", args=[budget.public_id])
    grow(cast, budget, case, 1)
    for who in (cast.coordinator, cast.policy_analyst):
        client = login_as(who)
        few = queries(client, url)
        grow(cast, budget, case, 6)
        assert queries(client, url) == few, who


def test_spenders_and_team_leads_pages_do_not_grow(cast, budget, case, login_as):
    grow(cast, budget, case, 1)
    pages = [
        (cast.coordinator, reverse("budgets:mine")),
        (cast.team_lead, reverse("budgets:lead")),
        (cast.policy_analyst, reverse("budgets:report") + f"?year={budget.year}"),
    ]
    few = {url: queries(login_as(user), url) for user, url in pages}
    grow(cast, budget, case, 8)
    for user, url in pages:
        assert queries(login_as(user), url) == few[url], url


def test_budgets_list_does_not_grow_with_budgets(cast, budget, login_as, today):
    client = login_as(cast.policy_analyst)
    url = reverse("budgets:index")
    paid_spends(budget, "groceries", 1, 3)
    few = queries(client, url)
    for nb in Neighbourhood.objects.filter(municipality=cast.mun_a):
        b = Budget.objects.create(
            municipality=cast.mun_a,
            neighbourhood=nb,
            year=today.year,
            amount=Decimal("1000"),
            spend_limit=Decimal("100"),
            created_by=cast.policy_analyst,
        )
        paid_spends(b, "transport", 2, 4)
    assert Budget.objects.count() == 3
    assert queries(client, url) == few


def test_the_spend_page_does_not_grow_with_its_history(cast, budget, case, login_as):
    from wijkkracht.budgets.justification import ask_more_information, justify_spend
    from wijkkracht.budgets.spending import spend

    made = spend(
        budget=budget, actor=cast.coordinator, amount="20", category="groceries", case=case
    )
    client = login_as(cast.coordinator)
    url = reverse("budgets:spend_detail", args=[made.public_id])
    few = queries(client, url)
    for _ in range(3):
        justify_spend(spend=made, actor=cast.coordinator, what="a", why="b", effect="c")
        ask_more_information(spend=made, actor=cast.team_lead, note="meer")
    assert Spend.objects.get().events.count() == 7
    assert queries(client, url) == few
