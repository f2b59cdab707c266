"""WCAG checks with axe-core of the monitor pages (overview, profile, map, targets), with
computed figures, under the real Content Security Policy; helpers of the core check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.test import Client

from wijkkracht.conftest import login
from wijkkracht.core.tests.test_accessibility import (  # noqa: F401 (fixtures)
    PageChecker,
    browser_settings,
    chromium,
    coordinator_session,
)
from wijkkracht.monitor.models import IndicatorTarget
from wijkkracht.monitor.recompute import recompute_municipality
from wijkkracht.monitor.tests.builders import case

pytestmark = pytest.mark.browser


@pytest.fixture
def analyst_session(cast):
    """Figures and a logged-in policy analyst, made before the browser starts."""
    today = dt.date.today()
    closed = today.replace(day=1) - dt.timedelta(days=40)
    for i in range(12):
        case(
            cast,
            opened=closed - dt.timedelta(days=50),
            closed=closed,
            satisfaction=7,
            escalated=i < 3,
        )
    IndicatorTarget.objects.create(
        municipality=cast.mun_a, indicator="kpi09", target=10, tolerance=5
    )
    recompute_municipality(cast.mun_a)
    client = Client()
    login(client, cast.policy_analyst)
    nb = cast.household.address.neighbourhood
    paths = [
        "/monitor/",
        "/monitor/?split=team",
        f"/monitor/areas/{nb.district.code}/",
        f"/monitor/areas/{nb.code}/",
        "/monitor/map/?figure=kpi09",
        "/monitor/targets/",
    ]
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value, paths


def test_monitor_pages_have_no_serious_accessibility_violations(
    live_server,
    browser_settings,  # noqa: F811
    analyst_session,
    chromium,  # noqa: F811
):
    cookie, paths = analyst_session
    context = chromium.new_context()
    base = live_server.url
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}]
    )
    checker = PageChecker(context, base)
    for path in paths:
        checker.open(path)
        checker.check(path)
    assert not checker.problems, "\n".join(checker.problems)
