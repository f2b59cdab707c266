"""WCAG checks with axe-core in headless Chromium for the staff intake pages: the
registration form, the form with errors and the question's page with match candidates."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from wijkkracht.core.tests.test_accessibility import (  # noqa: F401 (fixtures)
    PageChecker,
    browser_settings,
    chromium,
    coordinator_session,
)
from wijkkracht.intake.tests.question_helpers import question_about

pytestmark = pytest.mark.browser


@pytest.fixture
def question(cast):
    """Made before the browser starts: the ORM may not run inside Playwright's loop."""
    return question_about(cast.mother)


def test_intake_pages_have_no_serious_accessibility_violations(
    cast,
    question,
    live_server,
    browser_settings,  # noqa: F811
    coordinator_session,  # noqa: F811
    chromium,  # noqa: F811
):
    base = live_server.url
    context = chromium.new_context(locale="en-GB")
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": coordinator_session, "url": base}]
    )
    checker = PageChecker(context, base)

    page = checker.open("/intake/new/")
    checker.check("registration form")
    page.fill("#id_bsn", "123456789")
    with page.expect_navigation():
        page.click("form[action='/intake/new/'] button[type=submit]")
    assert "BSN: this is not a valid citizen service number." in page.content()
    checker.check("registration form with errors")

    page = checker.open(f"/intake/{question.public_id}/")
    assert "Possible matches" in page.content()
    checker.check("question page with candidates")

    assert not checker.problems, "\n".join(checker.problems)
