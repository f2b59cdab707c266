"""The access matrix of the foundation: every role of the cast × every page and endpoint
that shows a person × a person of the user's own team, another team and another
municipality. A cell is either "sees it" or a 404 (anonymous: to the login page / 401).

Who sees whom follows from the cast (src/wijkkracht/conftest.py): the coordinator's team
(A1) is involved with the Bakker household; nobody with Pieter Bakker ("stranger", in
neighbourhood A2); the outsider's team in municipality B with its own household."""

from __future__ import annotations

import pytest

from wijkkracht.audit.models import AuditEntry, Outcome

USERS = [
    "coordinator",
    "colleague",
    "team_lead",
    "other_team",
    "outsider",
    "decision_officer",
    "policy_analyst",
    "privacy_officer",
    "admin",
    "resident_user",
    "anonymous",
]
TARGETS = ["own_team", "other_team", "other_municipality"]

# Who sees the person (and their household) of each target.
SEES = {
    "own_team": {"coordinator", "colleague", "team_lead", "resident_user"},
    "other_team": set(),
    "other_municipality": {"outsider"},
}
# Resident accounts see their own record on the pages, never through the staff API.
API_USERS = {
    "coordinator",
    "colleague",
    "team_lead",
    "other_team",
    "outsider",
    "decision_officer",
    "policy_analyst",
    "privacy_officer",
    "admin",
}


def _target(cast, target):
    if target == "own_team":
        return cast.mother, cast.household
    if target == "other_team":
        return cast.stranger, cast.stranger.households.get()
    return cast.resident_b, cast.household_b


def _client(cast, client, login_as, who):
    if who == "anonymous":
        return client
    user = cast.resident_user if who == "resident_user" else cast.staff()[who]
    return login_as(user)


ENDPOINTS = {
    "resident page": lambda r, h: f"/residents/{r.public_id}/",
    "household page": lambda r, h: f"/households/{h.public_id}/",
    "resident API": lambda r, h: f"/api/v1/residents/{r.public_id}/",
    "household API": lambda r, h: f"/api/v1/households/{h.public_id}/",
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("who", USERS)
def test_person_pages_and_endpoints(cast, client, login_as, who, target, endpoint):
    resident, household = _target(cast, target)
    url = ENDPOINTS[endpoint](resident, household)
    response = _client(cast, client, login_as, who).get(url)
    is_api = "API" in endpoint
    if who == "anonymous":
        if is_api:
            assert response.status_code in (401, 403)
        else:
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        return
    allowed = who in SEES[target] and (not is_api or who in API_USERS)
    assert response.status_code == (200 if allowed else 404), (who, target, endpoint)
    line = AuditEntry.objects.latest("seq")
    assert line.outcome == (Outcome.ALLOWED if allowed else Outcome.DENIED)
    if not allowed:
        assert resident.bsn not in response.content.decode()


@pytest.mark.parametrize("via", ["page", "API"])
@pytest.mark.parametrize("who", sorted(API_USERS))
def test_search_finds_only_people_the_user_may_see(cast, client, login_as, who, via):
    c = login_as(cast.staff()[who])
    # Every cast resident is called Bakker; the search must filter by need-to-know.
    if via == "page":
        response = c.post("/residents/search/", {"name": "Bakker"})
    else:
        response = c.post(
            "/api/v1/residents/search/", {"name": "Bakker"}, content_type="application/json"
        )
    if who in {"policy_analyst", "privacy_officer", "admin"}:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = response.content.decode()
    for target in TARGETS:
        resident, _household = _target(cast, target)
        assert (str(resident.public_id) in body) == (who in SEES[target]), (who, target)


@pytest.mark.parametrize("who", [u for u in USERS if u != "anonymous"])
def test_admin_never_shows_person_data(cast, client, login_as, who):
    c = _client(cast, client, login_as, who)
    for url in (
        "/admin/residents/resident/",
        f"/admin/residents/resident/{cast.mother.pk}/change/",
        "/admin/households/household/",
        "/admin/involvements/involvement/",
        "/admin/audit/auditentry/",
    ):
        response = c.get(url)
        assert response.status_code in (302, 404), (who, url)
        assert cast.mother.bsn not in response.content.decode()
        if who == "admin":  # the functional administrator reaches the admin itself
            assert "Bakker" not in response.content.decode()


CAPABILITY_PAGES = {
    "/residents/search/": {
        "coordinator",
        "colleague",
        "team_lead",
        "other_team",
        "outsider",
        "decision_officer",
    },
    "/access/break-glass/": {
        "coordinator",
        "colleague",
        "team_lead",
        "other_team",
        "outsider",
        "decision_officer",
    },
    "/audit/": {"privacy_officer"},
    "/audit/break-glass/": {"privacy_officer"},
    "/monitor/": {"team_lead", "policy_analyst"},
    "/intake/queue/": {"coordinator", "colleague", "team_lead", "other_team", "outsider"},
    "/intake/new/": {
        "coordinator",
        "colleague",
        "team_lead",
        "other_team",
        "outsider",
        "decision_officer",
    },
    "/intake/overview/": {"team_lead", "policy_analyst"},
    "/access/matches/": {"coordinator", "colleague", "team_lead", "other_team", "outsider"},
    "/access/involvement/new/": {"coordinator", "colleague", "team_lead", "other_team", "outsider"},
}


@pytest.mark.parametrize("url", CAPABILITY_PAGES)
@pytest.mark.parametrize("who", USERS)
def test_role_pages(cast, client, login_as, who, url):
    response = _client(cast, client, login_as, who).get(url)
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if who in CAPABILITY_PAGES[url] else 404), (who, url)


QUESTION_SEES = {
    "own_team": {"coordinator", "colleague", "team_lead"},
    "other_team": {"other_team"},
    "other_municipality": {"outsider"},
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("who", USERS)
def test_support_question_pages(cast, client, login_as, who, target):
    from wijkkracht.intake.models import Channel
    from wijkkracht.intake.registration import register_request

    _resident, household = _target(cast, target)
    address = household.address
    question, _created = register_request(
        actor=None,
        municipality=household.municipality,
        channel=Channel.PORTAL,
        description="Ik heb hulp nodig met mijn post.",
        postcode=address.postcode,
        house_number=address.house_number,
    )
    assert question.team is not None
    response = _client(cast, client, login_as, who).get(f"/intake/{question.public_id}/")
    if who == "anonymous":
        assert response.status_code == 302
        return
    allowed = who in QUESTION_SEES[target]
    assert response.status_code == (200 if allowed else 404), (who, target)
    assert AuditEntry.objects.latest("seq").outcome == (
        Outcome.ALLOWED if allowed else Outcome.DENIED
    )
