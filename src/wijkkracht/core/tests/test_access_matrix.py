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


# ---------------------------------------------------------------------------------------
# Issue 4: the household case, its plan, self-reliance and the caseload.
#
# The case of the Bakker household (cases/tests/scenario.py) is coordinated by the
# coordinator of team A1; "partner" is a professional of another organisation (GGZ A)
# taking part in the case; the colleague and the team lead are in team A1 (the team's
# involvement gives them need-to-know); other_team is in A2; the outsider in municipality
# B; the policy analyst sees figures only.
# ---------------------------------------------------------------------------------------

CASE_USERS = [
    "coordinator",
    "partner",
    "colleague",
    "team_lead",
    "other_team",
    "outsider",
    "decision_officer",
    "policy_analyst",
    "resident_user",
    "anonymous",
]
SEES_CASE = {"coordinator", "partner", "colleague", "team_lead"}
MANAGES_CASE = {"coordinator", "colleague", "team_lead"}  # the case's team


@pytest.fixture
def scenario(cast):
    from wijkkracht.cases.tests.scenario import build

    return build(cast)


def _case_client(cast, client, login_as, scenario, who):
    if who == "partner":
        return login_as(scenario.partner)
    return _client(cast, client, login_as, who)


def _case_pages(cast, case):
    """name -> (url, what the page shows to who may see it)."""
    from wijkkracht.cases.tests.scenario import GOAL_TEXT, NORMAL_TEXT

    base = f"/cases/{case.public_id}/"
    return {
        "case page": (base, "Fatima Bakker"),
        "timeline filter": (f"{base}?kind=note&member={cast.mother.public_id}", NORMAL_TEXT),
        "older timeline page": (f"{base}?page=2", "Fatima Bakker"),
        "plan": (f"{base}plan/", GOAL_TEXT),
        "plan edit form": (f"{base}plan/edit/", GOAL_TEXT),
        "plan versions": (f"{base}plan/versions/", cast.coordinator.get_full_name()),
        "plan comparison": (f"{base}plan/versions/?from=1&to=2", GOAL_TEXT + " en sparen"),
        "plan PDF": (f"{base}plan/pdf/", "%PDF"),
        "evaluation": (f"{base}plan/evaluation/", GOAL_TEXT),
        "self-reliance": (f"{base}self-reliance/", "Fatima Bakker"),
        "self-reliance progress": (
            f"{base}self-reliance/progress/{cast.mother.public_id}/",
            "Fatima Bakker",
        ),
        "new assessment form": (f"{base}self-reliance/new/", "Daan Bakker"),
    }


def _last_seq() -> int:
    last = AuditEntry.objects.order_by("-seq").first()
    return last.seq if last else 0


def _secrets(cast):
    from wijkkracht.cases.tests.scenario import GOAL_TEXT, NORMAL_TEXT, SENSITIVE_TEXT

    # Not the mother's name: she is the resident account, named in the page header.
    return [cast.mother.bsn, cast.son.bsn, "Daan", GOAL_TEXT, NORMAL_TEXT, SENSITIVE_TEXT]


@pytest.mark.parametrize("who", CASE_USERS)
def test_case_plan_and_self_reliance_pages(cast, client, login_as, scenario, who):
    """Every issue-4 page of one case: 200 with the household's data for who may see the
    case, else 404 (anonymous: the login page) without any of it, audited either way."""
    c = _case_client(cast, client, login_as, scenario, who)
    problems = []
    for name, (url, shows) in _case_pages(cast, scenario.case).items():
        before = _last_seq()
        response = c.get(url)
        body = response.content.decode(errors="replace")
        if who == "anonymous":
            expected = 302
        else:
            expected = 200 if who in SEES_CASE else 404
        if response.status_code != expected:
            problems.append(f"{name}: {response.status_code} instead of {expected}")
            continue
        if expected == 302:
            if not response["Location"].startswith("/accounts/login/"):
                problems.append(f"{name}: redirected to {response['Location']}")
        elif expected == 404:
            shown = [s for s in _secrets(cast) if s and s in body]
            if shown:
                problems.append(f"{name}: a 404 that shows {shown}")
            if not AuditEntry.objects.filter(seq__gt=before, outcome=Outcome.DENIED).exists():
                problems.append(f"{name}: the denial is not audited")
        else:
            if shows not in body:
                problems.append(f"{name}: {shows!r} is not on the page")
            if not AuditEntry.objects.filter(seq__gt=before, outcome=Outcome.ALLOWED).exists():
                problems.append(f"{name}: the read is not audited")
    assert not problems, (who, problems)


@pytest.mark.parametrize("who", CASE_USERS)
def test_sensitive_notes_are_for_the_author_and_the_coordinator(
    cast, client, login_as, scenario, who
):
    """The coordinator's sensitive note: the text for the coordinator (author) only; a
    normal note for everyone who may see the case. On the case page and the note filter."""
    from wijkkracht.cases.tests.scenario import NORMAL_TEXT, SENSITIVE_TEXT

    c = _case_client(cast, client, login_as, scenario, who)
    base = f"/cases/{scenario.case.public_id}/"
    for url in (base, f"{base}?kind=note"):
        response = c.get(url)
        body = response.content.decode()
        assert (SENSITIVE_TEXT in body) == (who == "coordinator"), (who, url)
        assert (NORMAL_TEXT in body) == (who in SEES_CASE), (who, url)
        if who in SEES_CASE - {"coordinator"}:
            assert "Sensitive note: only the author and the coordinator" in body


@pytest.mark.parametrize("who", CASE_USERS)
def test_a_partners_sensitive_note_is_for_the_partner_and_the_coordinator(
    cast, client, login_as, scenario, who
):
    from wijkkracht.cases.notes import add_note

    text = "Cliënt vertelt over een eerdere opname"
    add_note(case=scenario.case, text=text, confidentiality="sensitive", actor=scenario.partner)
    body = (
        _case_client(cast, client, login_as, scenario, who)
        .get(f"/cases/{scenario.case.public_id}/?kind=note")
        .content.decode()
    )
    assert (text in body) == (who in {"coordinator", "partner"}), who


def _post_cases(cast, scenario):
    """name -> (path, data, who may do it, how to tell it was done)."""
    from wijkkracht.assessments.models import SelfRelianceAssessment
    from wijkkracht.cases.models import CoordinatorChange, Escalation, Note

    case = scenario.case
    base = f"/cases/{case.public_id}/"
    notes = Note.objects.filter(case=case, text="Nieuwe notitie")
    return {
        "sensitive note": (
            f"{base}notes/",
            {"text": "Nieuwe notitie", "confidentiality": "sensitive"},
            SEES_CASE,
            notes.exists,
        ),
        "escalation": (
            f"{base}escalate/",
            {
                "expert_team": scenario.expert_team.pk,
                "reason": "Zorgen om veiligheid",
                "version": case.version,
            },
            MANAGES_CASE,
            Escalation.objects.filter(case=case, reason="Zorgen om veiligheid").exists,
        ),
        "hand-over": (
            f"{base}hand-over/",
            {"to_user": cast.colleague.pk, "reason": "Verlof", "version": case.version},
            MANAGES_CASE,
            CoordinatorChange.objects.filter(case=case, reason="Verlof").exists,
        ),
        "assessment": (
            f"{base}self-reliance/new/",
            {
                "member": str(cast.son.public_id),
                "assessed_on": "2026-01-15",
                "note": "",
                "score_finances": "3",
            },
            SEES_CASE,
            SelfRelianceAssessment.objects.filter(case=case, member=cast.son).exists,
        ),
    }


@pytest.mark.parametrize("action", ["sensitive note", "escalation", "hand-over", "assessment"])
@pytest.mark.parametrize("who", CASE_USERS)
def test_case_changes(cast, client, login_as, who, action):
    """A change is made by who may make it (302 back to the page), refused with 403 for an
    involved professional of another organisation where only the case's team may act, and
    a 404 for everyone else; nothing is written when refused."""
    from wijkkracht.cases.tests.scenario import build

    scenario = build(cast, evaluation=False)
    path, data, allowed, done = _post_cases(cast, scenario)[action]
    c = _case_client(cast, client, login_as, scenario, who)
    before = _last_seq()
    response = c.post(path, data)
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif who in allowed:
        assert response.status_code == 302, (who, action, response.status_code)
        assert response["Location"].startswith(f"/cases/{scenario.case.public_id}/")
    elif who in SEES_CASE:
        assert response.status_code == 403, (who, action, response.status_code)
    else:
        assert response.status_code == 404, (who, action, response.status_code)
        assert "Daan" not in response.content.decode()
    assert done() == (who in allowed), (who, action)
    if who != "anonymous" and who not in allowed:
        denied = AuditEntry.objects.filter(seq__gt=before, outcome=Outcome.DENIED)
        assert denied.exists(), (who, action)


CHANGE_PAGES = ["hand-over/", "participants/", "network/", "close/"]


@pytest.mark.parametrize("path", CHANGE_PAGES)
@pytest.mark.parametrize("who", CASE_USERS)
def test_case_change_pages(cast, client, login_as, who, path):
    """The pages of the changes that list people or teams: the form (and the case's
    address, an audited read) for the case's team; 403 for an involved professional of
    another organisation; 404 without any of the household's data for everyone else;
    every refusal audited."""
    from wijkkracht.cases.tests.scenario import build

    scenario = build(cast, evaluation=False)
    c = _case_client(cast, client, login_as, scenario, who)
    before = _last_seq()
    response = c.get(f"/cases/{scenario.case.public_id}/{path}")
    body = response.content.decode(errors="replace")
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        return
    if who in MANAGES_CASE:
        assert response.status_code == 200, (who, path, response.status_code)
        assert '<form method="post" action=""' in body
        assert AuditEntry.objects.filter(seq__gt=before, outcome=Outcome.ALLOWED).exists()
        return
    expected = 403 if who in SEES_CASE else 404
    assert response.status_code == expected, (who, path, response.status_code)
    assert not [s for s in _secrets(cast) if s and s in body], (who, path)
    assert AuditEntry.objects.filter(seq__gt=before, outcome=Outcome.DENIED).exists(), (who, path)


@pytest.mark.parametrize("who", CASE_USERS)
def test_caseload_pages(cast, client, login_as, scenario, who):
    """The personal caseload lists the cases one coordinates or takes part in; the team
    caseload is only for a lead of the team (with every case of the team)."""
    from wijkkracht.teams.models import Team

    team_a1 = Team.objects.get(name="Wijkteam A1")
    case_id = str(scenario.case.public_id)
    c = _case_client(cast, client, login_as, scenario, who)
    personal = c.get("/cases/caseload/")
    team = c.get(f"/cases/caseload/team/{team_a1.pk}/")
    if who == "anonymous":
        assert personal.status_code == team.status_code == 302
        return
    has_caseload = who not in {"policy_analyst", "resident_user"}
    assert personal.status_code == (200 if has_caseload else 404), who
    assert (case_id in personal.content.decode()) == (who in {"coordinator", "partner"}), who
    assert team.status_code == (200 if who == "team_lead" else 404), who
    assert (case_id in team.content.decode()) == (who == "team_lead"), who
    if who != "team_lead":
        assert "Daan" not in team.content.decode()
        assert AuditEntry.objects.latest("seq").outcome == Outcome.DENIED
