# ruff: noqa: F811 - the shared browser fixtures are imported, then requested by name
"""WCAG checks with axe-core on the decision pages (work list, a decision with its forms,
my tasks), reusing the helpers of core/tests/test_accessibility.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.test import Client

from wijkkracht.conftest import login
from wijkkracht.core.tests.test_accessibility import (  # noqa: F401 - fixtures
    PageChecker,
    browser_settings,
    chromium,
    coordinator_session,
)
from wijkkracht.decisions.reminders import create_reminders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer_session(cast, requested, granted_other):
    """Made before the browser starts (the ORM may not run inside Playwright's loop)."""
    create_reminders(today=granted_other.end_date - dt.timedelta(weeks=8))
    client = Client()
    login(client, cast.decision_officer)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def granted_other(cast, case, plan_action, provider):
    from decimal import Decimal

    from wijkkracht.decisions.deciding import grant
    from wijkkracht.decisions.requesting import request_decision
    from wijkkracht.decisions.tests.conftest import grant_terms

    decision = request_decision(
        case=case,
        resident=cast.son,
        plan_action=plan_action,
        requested_volume=Decimal("2"),
        requested_frequency="2",
        actor=cast.coordinator,
    )
    return grant(decision=decision, actor=cast.decision_officer, **grant_terms(provider))


def test_decision_pages_have_no_serious_accessibility_violations(
    live_server,
    browser_settings,
    officer_session,
    requested,
    granted_other,
    chromium,  # noqa: F811
):
    context = chromium.new_context()
    base = live_server.url
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": officer_session, "url": base}]
    )
    checker = PageChecker(context, base)
    for path in (
        "/decisions/",
        "/decisions/?status=granted",
        f"/decisions/{requested.public_id}/",
        f"/decisions/{granted_other.public_id}/",
        "/decisions/tasks/",
    ):
        checker.open(path)
        checker.check(path)
    assert not checker.problems, "\n".join(checker.problems)
