"""What the case and plan endpoints return: status, people, escalation, dates, the plan
per life domain and its versions; never a note or a BSN."""

import datetime
from urllib.parse import quote

from django.utils import timezone

from wijkkracht.api.tests.cases import write_plan
from wijkkracht.api.tests.partners import bearer
from wijkkracht.cases.escalation import escalate
from wijkkracht.cases.models import Case, TimelineEntry
from wijkkracht.cases.notes import add_note
from wijkkracht.plans.editing import record_agreement, save_plan, snapshot_of
from wijkkracht.teams.tests.factories import TeamFactory


def _get(client, partner, path):
    response = client.get(path, **bearer(partner))
    assert response.status_code == 200, response.content
    return response.json()


def test_the_current_plan_has_goals_per_life_domain_actions_and_the_agreement(
    cast, client, bakker_case, involved_partner
):
    plan = write_plan(bakker_case, cast, mother=cast.mother)
    record_agreement(
        plan=plan, agreed_on=datetime.date(2026, 11, 2), note="", actor=cast.coordinator
    )
    body = _get(client, involved_partner, f"/api/v1/cases/{bakker_case.public_id}/plan/")
    assert body["version"] == 1
    assert body["agreed_with_resident_on"] == "2026-11-02"
    assert [d["code"] for d in body["life_domains"]] == ["finances", "social_network"]
    finances = body["life_domains"][0]["goals"][0]
    assert finances["member"] == str(cast.mother.public_id)
    assert finances["actions"] == [
        {
            "what": "Samen de post doornemen",
            "performer_kind": "volunteer",
            "performer_name": "Henk (Humanitas)",
            "due_on": "2030-01-15",
            "status": "open",
            "done_on": None,
        }
    ]
    assert body["versions"][0]["number"] == 1
    case = _get(client, involved_partner, f"/api/v1/cases/{bakker_case.public_id}/")
    assert case["plan"]["version"] == 1


def test_an_earlier_version_is_returned_as_it_was_saved(
    cast, client, bakker_case, involved_partner
):
    plan = write_plan(bakker_case, cast, mother=cast.mother)
    changed = snapshot_of(plan)["goals"][:1]
    changed[0]["description"] = "Ik betaal mijn rekeningen op tijd."
    save_plan(
        case=bakker_case, goals_and_actions=changed, expected_version=1, actor=cast.coordinator
    )
    base = f"/api/v1/cases/{bakker_case.public_id}/plan/"
    now = _get(client, involved_partner, base)
    first = _get(client, involved_partner, base + "versions/1/")
    assert now["version"] == 2
    assert [v["number"] for v in now["versions"]] == [2, 1]
    assert first["version"] == 1
    assert [d["code"] for d in first["life_domains"]] == ["finances", "social_network"]
    assert first["life_domains"][0]["goals"][0]["description"] == (
        "Ik wil mijn rekeningen op tijd betalen."
    )
    assert "member_name" not in str(first) and "Fatima" not in str(first)


def test_escalation_state_and_no_notes_or_bsn(cast, client, bakker_case, involved_partner):
    expert_team = TeamFactory(municipality=cast.mun_a, expert=True, name="Expertiseteam A")
    escalate(
        case=bakker_case,
        expert_team=expert_team,
        reason="Zorgen om veiligheid",
        actor=cast.coordinator,
    )
    add_note(
        case=bakker_case,
        text="Vertrouwelijk: vermoeden huiselijk geweld",
        confidentiality="sensitive",
        actor=cast.coordinator,
    )
    add_note(
        case=bakker_case,
        text="Gewone notitie over de buren",
        confidentiality="normal",
        actor=cast.coordinator,
    )
    response = client.get(f"/api/v1/cases/{bakker_case.public_id}/", **bearer(involved_partner))
    body = response.json()
    assert body["escalated"] is True
    assert body["escalations"][0]["expert_team"] == "Expertiseteam A"
    assert body["escalations"][0]["deescalated_at"] is None
    text = response.content.decode()
    for secret in ("huiselijk geweld", "buren", "veiligheid", cast.mother.bsn, cast.son.bsn):
        assert secret not in text
    listed = client.get("/api/v1/cases/", **bearer(involved_partner)).content.decode()
    assert cast.mother.bsn not in listed and "huiselijk geweld" not in listed


def test_a_case_without_a_plan_answers_404_for_the_plan(
    cast, client, bakker_case, involved_partner
):
    response = client.get(
        f"/api/v1/cases/{bakker_case.public_id}/plan/", **bearer(involved_partner)
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "no support plan" in response.json()["detail"]


def test_updated_since_returns_only_cases_changed_since(
    cast, client, bakker_case, involved_partner
):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Case.objects.filter(pk=bakker_case.pk).update(opened_at=long_ago)
    TimelineEntry.objects.filter(case=bakker_case).update(at=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    url = f"/api/v1/cases/?updated_since={since}"
    assert _get(client, involved_partner, url)["results"] == []
    write_plan(bakker_case, cast, mother=cast.mother)  # saving the plan is a change
    body = _get(client, involved_partner, url)
    assert [c["id"] for c in body["results"]] == [str(bakker_case.public_id)]
    moment = quote((timezone.now() - datetime.timedelta(hours=1)).isoformat())
    assert _get(client, involved_partner, f"/api/v1/cases/?updated_since={moment}")["count"] == 1
    assert _get(client, involved_partner, "/api/v1/cases/?updated_since=2000-01-01")["count"] == 1
