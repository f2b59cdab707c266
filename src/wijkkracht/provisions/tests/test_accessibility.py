"""axe-core checks (headless Chromium) of the catalogue list, a provision's page and the
plan's action form with the provision choice and the five questions. Reuses the helpers of
core/tests/test_accessibility.py."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from wijkkracht.core.tests.test_accessibility import (  # noqa: F401  (fixtures)
    PageChecker,
    browser_settings,
    chromium,
    coordinator_session,
)
from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.tests.conftest import action, goal
from wijkkracht.provisions.tests.conftest import ANSWERS

pytestmark = pytest.mark.browser


@pytest.fixture
def analyst_session(cast) -> str:
    """The policy analyst's session, made before the browser starts."""
    from django.test import Client

    from wijkkracht.conftest import login

    own_client = Client()
    login(own_client, cast.policy_analyst)
    return own_client.cookies[django_settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def plan_with_provision(cast, case, catalogue):
    data = action("Begeleiding thuis", performer_kind="provider")
    data["provision"] = str(catalogue["custom"].public_id)
    data["five_questions"] = ANSWERS
    save_plan(
        case=case,
        goals_and_actions=[goal("Weer overzicht over mijn geld", actions=[data])],
        expected_version=0,
        actor=cast.coordinator,
    )
    return case


def test_catalogue_and_action_form_have_no_serious_accessibility_violations(
    cast,
    catalogue,
    plan_with_provision,
    analyst_session,
    live_server,
    browser_settings,  # noqa: F811
    coordinator_session,  # noqa: F811
    chromium,  # noqa: F811
):
    case = plan_with_provision
    base = live_server.url
    context = chromium.new_context()
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": coordinator_session,
                "url": base,
            }
        ]
    )
    checker = PageChecker(context, base)
    page = checker.open("/provisions/")
    assert "Maaltijdclub" in page.content()
    checker.check("catalogue list")
    checker.open("/provisions/?kind=custom&law=wmo_2015&q=begeleiding")
    checker.check("catalogue list, filtered")
    checker.open(f"/provisions/{catalogue['custom'].public_id}/")
    checker.check("provision page")
    page = checker.open(f"/cases/{case.public_id}/plan/edit/")
    assert "The five questions" in page.content()
    checker.check("plan action form with provisions and the five questions")
    checker.open(f"/cases/{case.public_id}/plan/")
    checker.check("plan page with provision and answers")

    manager_context = chromium.new_context()
    manager_context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": analyst_session, "url": base}]
    )
    manager = PageChecker(manager_context, base)
    manager.open("/provisions/new/")
    manager.check("new provision form")
    manager.open(f"/provisions/{catalogue['custom'].public_id}/")
    manager.check("provision page with tariff and contract forms")
    problems = checker.problems + manager.problems
    assert not problems, "\n".join(problems)
