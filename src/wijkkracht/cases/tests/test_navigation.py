"""Every issue-4 page is reachable from the case page by following its links (and the GET
forms: timeline filter, version comparison), and every page links back to the case."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.urls import resolve

from wijkkracht.cases.tests.scenario import build

ISSUE_4_PAGES = {
    "cases:detail",
    "plans:detail",
    "plans:edit",
    "plans:versions",
    "plans:pdf",
    "plans:evaluate",
    "assessments:index",
    "assessments:new",
    "assessments:progress",
}


class Links(HTMLParser):
    """The hrefs of a page and the URLs its GET forms submit with their default values."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = {"action": a.get("action") or "", "fields": {}}
        elif self._form is not None and tag == "select":
            self._select = a.get("name")
        elif self._form is not None and tag == "option" and self._select:
            fields = self._form["fields"]
            if "selected" in a or self._select not in fields:
                fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            query = urlencode(self._form["fields"])
            self.urls.append(f"{self._form['action']}?{query}")
            self._form = None


def crawl(client, start: str, prefix: str) -> dict[str, list[str]]:
    """URL name -> the URLs reached, following links under ``prefix`` from ``start``."""
    seen: dict[str, list[str]] = {}
    queue, visited = [start], set()
    while queue:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        name = resolve(urlsplit(url).path).view_name
        seen.setdefault(name, []).append(url)
        if response["Content-Type"].startswith("text/html"):
            parser = Links()
            parser.feed(response.content.decode())
            for href in parser.urls:
                target = urljoin(url, href)
                if urlsplit(target).path.startswith(prefix) and target not in visited:
                    queue.append(target)
    return seen


@pytest.fixture
def scenario(cast):
    return build(cast)


def test_every_issue_4_page_is_reachable_from_the_case_page(cast, scenario, login_as):
    case = scenario.case
    start = f"/cases/{case.public_id}/"
    seen = crawl(login_as(cast.coordinator), start, start)
    assert ISSUE_4_PAGES <= set(seen), ISSUE_4_PAGES - set(seen)
    # The comparison form and the timeline filter are followed too.
    assert any("from=1" in url and "to=2" in url for url in seen["plans:versions"])
    assert any("kind=" in url for url in seen["cases:detail"])


def test_the_case_page_links_to_the_plan_and_the_self_reliance_page(cast, scenario, login_as):
    case = scenario.case
    content = login_as(cast.colleague).get(f"/cases/{case.public_id}/").content.decode()
    assert f'href="/cases/{case.public_id}/plan/"' in content
    assert f'href="/cases/{case.public_id}/self-reliance/"' in content
    assert f'href="/cases/{case.public_id}/plan/evaluation/"' in content


def test_the_evaluation_link_appears_only_once_the_evaluation_has_started(cast, login_as):
    case = build(cast, evaluation=False).case
    content = login_as(cast.coordinator).get(f"/cases/{case.public_id}/").content.decode()
    assert "/plan/evaluation/" not in content


@pytest.mark.parametrize(
    "path",
    [
        "plan/",
        "plan/versions/",
        "plan/evaluation/",
        "self-reliance/",
        "self-reliance/new/",
        "progress",
    ],
)
def test_every_page_links_back_to_the_case(cast, scenario, login_as, path):
    case = scenario.case
    if path == "progress":
        path = f"self-reliance/progress/{cast.mother.public_id}/"
    content = login_as(cast.coordinator).get(f"/cases/{case.public_id}/{path}").content.decode()
    assert f'href="/cases/{case.public_id}/"' in content


def test_the_caseload_links_to_the_case(cast, scenario, login_as):
    content = login_as(cast.coordinator).get("/cases/caseload/").content.decode()
    assert f'href="/cases/{scenario.case.public_id}/"' in content
