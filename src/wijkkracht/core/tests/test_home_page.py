import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

LINKS = {
    "search": 'href="/residents/search/"',
    "monitor": 'href="/monitor/"',
    "audit": 'href="/audit/"',
    "admin": 'href="/admin/"',
    "break_glass": 'href="/access/break-glass/"',
    "own": 'href="/residents/me/"',
    "cases": 'href="/cases/caseload/"',
    "tasks": 'href="/decisions/tasks/"',
    "decide": 'href="/decisions/"',
    "budget": 'href="/budgets/"',
    "provisions": 'href="/provisions/"',
    "plans": 'href="/neighbourhood-plans/"',
    "cbs": 'href="/cbs/"',
    "burgerpeiling": 'href="/burgerpeiling/"',
}
PROFESSIONAL = {"search", "break_glass", "cases", "tasks", "budget", "provisions"}
EXPECTED = {
    "coordinator": PROFESSIONAL,
    "team_lead": PROFESSIONAL | {"monitor", "plans"},
    "decision_officer": {"search", "break_glass", "cases", "tasks", "decide", "provisions"},
    "policy_analyst": {"monitor", "budget", "provisions", "plans", "cbs", "burgerpeiling"},
    "privacy_officer": {"audit"},
    "admin": {"admin", "provisions", "cbs", "burgerpeiling"},
}


def test_anonymous_visitor_is_sent_to_the_login_page(db, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_dashboard_links_only_to_what_the_role_can_do(cast, login_as, who):
    client = login_as(cast.staff()[who])
    content = client.get("/").content.decode()
    shown = {name for name, link in LINKS.items() if link in content}
    assert shown == EXPECTED[who]


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_every_link_on_the_dashboard_opens_for_that_role(cast, login_as, who):
    """Navigation and cards never lead a role to a 404: each link answers 200 (the admin
    and the own-record page may redirect)."""
    import re

    client = login_as(cast.staff()[who])
    content = client.get("/").content.decode()
    main = content.split('id="main"', 1)[1]
    links = set(re.findall(r'href="(/[^"#?]*)"', main))
    links -= {"/"}
    assert links, "the dashboard shows no link"
    for link in sorted(links):
        response = client.get(link)
        assert response.status_code in (200, 302), (who, link, response.status_code)


def test_resident_account_sees_a_link_to_own_details_only(cast, login_as):
    client = login_as(cast.resident_user)
    content = client.get("/").content.decode()
    assert {name for name, link in LINKS.items() if link in content} == {"own"}


def test_header_names_the_users_municipality(cast, login_as):
    client = login_as(cast.coordinator)
    content = client.get("/").content.decode()
    assert "Gemeente A" in content
    assert "Gemeente B" not in content


def test_page_has_the_nl_design_system_shell(cast, login_as):
    client = login_as(cast.coordinator)
    content = client.get("/").content.decode()
    assert 'class="utrecht-theme' in content
    for part in ("utrecht-page-header", "utrecht-page-content", "utrecht-page-footer"):
        assert part in content
    assert 'href="#main"' in content
    assert 'id="main"' in content


def test_page_has_no_inline_styles_or_scripts(cast, login_as):
    client = login_as(cast.coordinator)
    content = client.get("/").content.decode()
    assert "<style" not in content
    assert "style=" not in content
    assert "<script" not in content


def test_lang_attribute_follows_the_active_language(cast, login_as, settings):
    settings.LANGUAGE_CODE = "nl"  # the product default (the suite runs in English)
    client = login_as(cast.coordinator)
    assert '<html lang="nl"' in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get("/").content.decode()


def test_language_switch_and_logout_are_post_forms(cast, login_as):
    client = login_as(cast.coordinator)
    content = client.get("/").content.decode()
    assert 'action="/i18n/setlang/" method="post"' in content
    assert 'action="/accounts/logout/" method="post"' in content


def test_messages_are_shown_as_nl_design_system_alerts(cast, login_as):
    client = login_as(cast.coordinator)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.WARNING, "Let op: test")
    carrier = HttpResponse()
    storage.update(carrier)  # the message travels in the cookie the middleware reads
    client.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value
    content = client.get("/").content.decode()
    assert "utrecht-alert utrecht-alert--warning" in content
    assert "Let op: test" in content
