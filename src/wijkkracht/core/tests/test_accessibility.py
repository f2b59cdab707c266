"""WCAG checks with axe-core in headless Chromium: no serious or critical violation on the
main pages, served by the live test server under the real Content Security Policy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from wijkkracht.conftest import login

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(django_settings.PROJECT_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VENDOR = Path(django_settings.BASE_DIR) / "static" / "vendor" / "utrecht"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _reload_middleware(live_server) -> None:
    """The live server is shared by the session and builds its middleware once; settings
    read at start-up (SECURE_SSL_REDIRECT) need a rebuild to take effect."""
    handler = live_server.thread.httpd.get_app()
    while handler is not None:  # static files handler -> media files handler -> Django
        handler.load_middleware()
        handler = getattr(handler, "application", None)


@pytest.fixture
def browser_settings(live_server):
    """Cookies over http://localhost, and static files straight from the finders."""
    with override_settings(
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        STORAGES={
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        _reload_middleware(live_server)
        yield
    _reload_middleware(live_server)


@pytest.fixture
def coordinator_session(cast, client) -> str:
    """Log in with the test client (before the browser starts: the ORM may not run inside
    Playwright's event loop) and hand its session cookie to the browser."""
    login(client, cast.coordinator)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def chromium(coordinator_session):
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        _unavailable("Chromium is not installed (apt-get install chromium)")
    if not AXE.exists():
        _unavailable("node_modules/axe-core is missing (npm ci)")
    if not VENDOR.exists():
        _unavailable("static/vendor is missing (make assets)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def serious_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in {"serious", "critical"}]


class PageChecker:
    """Opens pages and collects axe violations, CSP violations and failed requests."""

    def __init__(self, context, base_url: str):
        self.page = context.new_page()
        self.base_url = base_url
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message):
        if "Content Security Policy" in message.text or message.type == "error":
            self.problems.append(f"console: {message.text}")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"{response.status} for {response.url}")

    def open(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return self.page

    def check(self, name: str):
        for violation in serious_violations(self.page):
            self.problems.append(f"{name}: {violation}")


def test_main_pages_have_no_serious_accessibility_violations(
    cast, live_server, browser_settings, coordinator_session, chromium
):
    session_cookie = coordinator_session
    base = live_server.url

    anonymous = PageChecker(chromium.new_context(), base)
    anonymous.open("/accounts/login/")
    anonymous.check("login page")

    context = chromium.new_context()
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": session_cookie, "url": base}]
    )
    checker = PageChecker(context, base)
    page = checker.open("/")
    assert "Gemeente A" in page.content()  # really logged in
    checker.check("home")

    page = checker.open("/residents/search/")
    checker.check("search form")
    page.fill("#id_name", "Bakker")
    with page.expect_navigation():
        page.click("form[action='/residents/search/'] button[type=submit]")
    assert page.url == base + "/residents/search/"  # POST: nothing in the URL
    assert "Daan Bakker" in page.content()
    checker.check("search results")

    checker.open(f"/residents/{cast.mother.public_id}/")
    checker.check("resident page")
    checker.open(f"/households/{cast.household.public_id}/")
    checker.check("household page")
    page = checker.open("/access/break-glass/")
    checker.check("break-the-glass form")
    with page.expect_navigation():
        page.click("form[action='/access/break-glass/'] button[type=submit]")
    checker.check("break-the-glass form with errors")

    problems = anonymous.problems + checker.problems
    assert not problems, "\n".join(problems)


ROLE_PAGES = {
    "team_lead": [
        "/intake/queue/",
        "/intake/new/",
        "/intake/overview/",
        "/access/matches/",
        "/access/involvement/new/",
        "/monitor/",
    ],
    "privacy_officer": ["/audit/", "/audit/break-glass/"],
}


@pytest.fixture
def role_session(cast, role):
    """A question in the coordinator's team and a logged-in session for ``role``, made
    before the browser starts (the ORM may not run inside Playwright's event loop)."""
    from django.test import Client

    from wijkkracht.intake.models import Channel
    from wijkkracht.intake.registration import register_request

    address = cast.household.address
    question, _created = register_request(
        actor=None,
        municipality=cast.mun_a,
        channel=Channel.PORTAL,
        description="Ik kom niet rond en de post stapelt zich op.",
        postcode=address.postcode,
        house_number=address.house_number,
    )
    own_client = Client()
    login(own_client, getattr(cast, role))
    return own_client.cookies[django_settings.SESSION_COOKIE_NAME].value, question.public_id


@pytest.mark.parametrize("role", sorted(ROLE_PAGES))
def test_role_pages_have_no_serious_accessibility_violations(
    live_server, browser_settings, role_session, chromium, role
):
    cookie, question_id = role_session
    context = chromium.new_context()
    base = live_server.url
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}]
    )
    checker = PageChecker(context, base)
    pages = ROLE_PAGES[role]
    if role == "team_lead":
        pages = [*pages, f"/intake/{question_id}/", f"/intake/queue/{question_id}/"]
    for path in pages:
        checker.open(path)
        checker.check(path)
    assert not checker.problems, "\n".join(checker.problems)


@pytest.fixture
def case_sessions(cast):
    """The Bakker household's case with something on every page (cases/tests/scenario.py),
    and sessions for its coordinator, the team lead and the mother's resident account, made
    before the browser starts."""
    from django.test import Client

    from wijkkracht.cases.tests.scenario import build
    from wijkkracht.teams.models import Team

    scenario = build(cast)
    sessions = {}
    for role in ("coordinator", "team_lead", "resident_user"):
        own_client = Client()
        login(own_client, getattr(cast, role))
        sessions[role] = own_client.cookies[django_settings.SESSION_COOKIE_NAME].value
    team = Team.objects.get(name="Wijkteam A1")
    base = f"/cases/{scenario.case.public_id}/"
    pages = {
        "coordinator": {
            "case page": base,
            "case page, timeline filtered": f"{base}?kind=note&member={cast.mother.public_id}",
            "support plan": f"{base}plan/",
            "plan versions compared": f"{base}plan/versions/?from=1&to=2",
            "self-reliance": f"{base}self-reliance/",
            "self-reliance progress": f"{base}self-reliance/progress/{cast.mother.public_id}/",
            "my caseload": "/cases/caseload/",
        },
        "team_lead": {"team caseload": f"/cases/caseload/team/{team.pk}/"},
        "resident_user": {"resident's own opinion": f"{base}satisfaction/"},
    }
    return sessions, pages


def test_case_plan_self_reliance_and_caseload_pages_have_no_serious_violations(
    live_server, browser_settings, case_sessions, chromium
):
    sessions, pages = case_sessions
    base = live_server.url
    problems = []
    for role, cookie in sessions.items():
        context = chromium.new_context()
        context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}]
        )
        checker = PageChecker(context, base)
        for name, path in pages[role].items():
            checker.open(path)
            checker.check(name)
        problems += checker.problems
    assert not problems, "\n".join(problems)
