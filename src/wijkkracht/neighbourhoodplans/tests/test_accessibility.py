"""axe-core in headless Chromium on the public plan pages and the edit pages, with the
helpers and fixtures of core/tests/test_accessibility.py."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client

from wijkkracht.conftest import login
from wijkkracht.core.tests import test_accessibility as core_checks
from wijkkracht.core.tests.test_accessibility import PageChecker

pytestmark = pytest.mark.browser

# The core fixtures, made available to this module (Chromium, axe, live-server settings).
browser_settings = core_checks.browser_settings
chromium = core_checks.chromium
coordinator_session = core_checks.coordinator_session


@pytest.fixture
def planner_session(cast, published_plan, draft_plan) -> tuple[str, object, object]:
    """Data and a team lead's session, made before the browser starts (the ORM may not run
    inside Playwright's event loop)."""
    own_client = Client()
    login(own_client, cast.team_lead)
    priority = draft_plan.priorities.get()
    return (
        own_client.cookies[django_settings.SESSION_COOKIE_NAME].value,
        draft_plan.public_id,
        priority.public_id,
    )


def test_public_plan_pages_have_no_serious_accessibility_violations(
    live_server, browser_settings, planner_session, chromium
):
    checker = PageChecker(chromium.new_context(), live_server.url)
    for path in (
        "/neighbourhood-plans/public/",
        "/neighbourhood-plans/public/GM9001/",
        "/neighbourhood-plans/public/GM9001/WK900101/",
    ):
        page = checker.open(path)
        checker.check(path)
    assert "Minder eenzaamheid" in page.content()
    assert not checker.problems, "\n".join(checker.problems)


def test_edit_pages_have_no_serious_accessibility_violations(
    live_server, browser_settings, planner_session, chromium
):
    cookie, plan_id, priority_id = planner_session
    base = live_server.url
    context = chromium.new_context()
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}]
    )
    checker = PageChecker(context, base)
    for path in (
        "/neighbourhood-plans/",
        "/neighbourhood-plans/new/",
        f"/neighbourhood-plans/{plan_id}/",
        f"/neighbourhood-plans/{plan_id}/edit/",
        f"/neighbourhood-plans/{plan_id}/participation/new/",
        f"/neighbourhood-plans/{plan_id}/priorities/{priority_id}/",
    ):
        checker.open(path)
        checker.check(path)
    page = checker.open(f"/neighbourhood-plans/{plan_id}/priorities/new/")
    checker.check("new priority")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Please correct the following" in page.content()
    checker.check("priority form with errors")
    assert not checker.problems, "\n".join(checker.problems)
