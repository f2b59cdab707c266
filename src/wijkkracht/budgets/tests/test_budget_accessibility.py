"""WCAG checks with axe-core in headless Chromium for the budget pages: the overview of a
budget, the spend form (also with errors), a spend's page with its justification form,
the spender's page and the report for the council."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from wijkkracht.budgets.models import PurposeCategory
from wijkkracht.budgets.spending import spend
from wijkkracht.budgets.tests.helpers import paid_spends
from wijkkracht.conftest import login
from wijkkracht.core.tests.test_accessibility import (  # noqa: F401 (fixtures)
    PageChecker,
    browser_settings,
    chromium,
    coordinator_session,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def spends(cast, budget, case):
    """Made before the browser starts: the ORM may not run inside Playwright's loop."""
    paid_spends(budget, "groceries", 1, 12)
    paid_spends(budget, "transport", 2, 3)
    made = spend(
        budget=budget,
        actor=cast.coordinator,
        amount="42.50",
        category=PurposeCategory.GROCERIES,
        case=case,
    )
    pending = spend(
        budget=budget, actor=cast.coordinator, amount="600", category=PurposeCategory.ARREARS
    )
    return made, pending


@pytest.fixture
def analyst_session(cast) -> str:
    client = Client()
    login(client, cast.policy_analyst)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def checker_for(chromium, live_server, cookie):  # noqa: F811
    context = chromium.new_context(locale="en-GB")
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return PageChecker(context, live_server.url)


def test_budget_pages_have_no_serious_accessibility_violations(
    cast,
    budget,
    spends,
    analyst_session,
    live_server,
    browser_settings,  # noqa: F811
    coordinator_session,  # noqa: F811
    chromium,  # noqa: F811
):
    made, pending = spends
    checker = checker_for(chromium, live_server, coordinator_session)

    page = checker.open("/budgets/")
    checker.check("budgets list")
    page = checker.open(f"/budgets/{budget.public_id}/")
    assert "Spends" in page.content()
    checker.check("budget overview")

    page = checker.open(f"/budgets/{budget.public_id}/spend/")
    checker.check("spend form")
    page.fill("#id_amount", "12,345")
    with page.expect_navigation():
        page.click(f"form[action='/budgets/{budget.public_id}/spend/'] button[type=submit]")
    assert "error-summary" in page.content()
    checker.check("spend form with errors")

    page = checker.open(f"/budgets/spends/{made.public_id}/")
    assert "Justify this spend" in page.content()
    checker.check("spend page with the justification form")
    checker.open(f"/budgets/spends/{pending.public_id}/")
    checker.check("spend page awaiting approval")
    checker.open("/budgets/mine/")
    checker.check("spender's page")

    analyst = checker_for(chromium, live_server, analyst_session)
    page = analyst.open(f"/budgets/report/?year={budget.year}")
    assert "data-suppressed" in page.content()
    analyst.check("accountability report")
    analyst.open("/budgets/new/")
    analyst.check("set a budget")

    problems = checker.problems + analyst.problems
    assert not problems, "\n".join(problems)
