"""axe-core checks (headless Chromium) of the change pages the case page links to (the
case page itself and the caseloads are checked in core/tests/test_accessibility.py).
Reuses the helpers of that module."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from wijkkracht.core.tests.test_accessibility import (  # noqa: F401  (fixtures)
    PageChecker,
    browser_settings,
    chromium,
    coordinator_session,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def scenario(cast):
    from wijkkracht.cases.tests.scenario import build

    return build(cast, evaluation=False)


def test_the_change_pages_have_no_serious_violations(
    cast,
    scenario,
    live_server,
    browser_settings,  # noqa: F811
    coordinator_session,  # noqa: F811
    chromium,  # noqa: F811
):
    base = f"/cases/{scenario.case.public_id}/"
    context = chromium.new_context()
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": coordinator_session,
                "url": live_server.url,
            }
        ]
    )
    checker = PageChecker(context, live_server.url)
    for path in ("hand-over/", "escalate/", "participants/", "network/", "close/"):
        checker.open(base + path)
        checker.check(path)
    assert not checker.problems, "\n".join(checker.problems)
