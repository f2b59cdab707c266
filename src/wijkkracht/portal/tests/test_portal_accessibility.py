"""WCAG checks with axe-core in headless Chromium for the resident's front door: the
choice of municipality, the form, the form with errors and the thank-you page, served
by the live test server under the real Content Security Policy, without JavaScript of
our own."""

from __future__ import annotations

import pytest

from wijkkracht.core.tests.test_accessibility import (  # noqa: F401 (fixtures)
    PageChecker,
    browser_settings,
    chromium,
    coordinator_session,
)

pytestmark = pytest.mark.browser

SUBMIT = "form[action='/hulp/GM9001/'] button[type=submit]"


def test_portal_pages_have_no_serious_accessibility_violations(
    cast,
    live_server,
    browser_settings,  # noqa: F811
    chromium,  # noqa: F811
):
    base = live_server.url
    checker = PageChecker(chromium.new_context(locale="en-GB"), base)

    checker.open("/hulp/")
    checker.check("choose municipality")

    page = checker.open("/hulp/GM9001/")
    checker.check("portal form")

    page.fill("#id_email", "not-an-address")
    page.check("#id_consent_to_contact")
    with page.expect_navigation():
        page.click(SUBMIT)
    assert page.url == base + "/hulp/GM9001/"
    assert "Please check the form" in page.content()
    checker.check("portal form with errors")

    page.fill("#id_description", "Ik heb hulp nodig met mijn post.")
    page.fill("#id_email", "fatima@example.nl")
    with page.expect_navigation():
        page.click(SUBMIT)
    assert "/hulp/bedankt/" in page.url
    assert "HV-" in page.content()
    assert "mijn post" not in page.content()
    checker.check("thank-you page")

    assert not checker.problems, "\n".join(checker.problems)
