"""Editing through the pages: what is saved and audited, and bad input named clearly with
nothing half-written."""

from wijkkracht.audit.models import AuditEntry
from wijkkracht.neighbourhoodplans.models import Engagement, NeighbourhoodPlan, Priority


def _priority_post(**overrides):
    data = {
        "title": "Jongeren een plek in de wijk",
        "description": "Samen met jongeren plekken maken.",
        "indicators": ["wl05", "kpi08"],
        "action-TOTAL_FORMS": "2",
        "action-INITIAL_FORMS": "0",
        "action-MIN_NUM_FORMS": "0",
        "action-MAX_NUM_FORMS": "20",
        "action-0-what": "Jongerenwerk op straat",
        "action-0-owner_organisation": "Sociaal Werk A",
        "action-0-owner_team": "Jongerenwerk",
        "action-0-contact_person": "Sanne Jansen",
        "action-0-starts_on": "2026-03-01",
        "action-0-due_on": "2026-12-31",
        "action-0-status": "in_progress",
        "action-1-status": "planned",
    }
    data.update(overrides)
    return data


def test_a_policy_analyst_makes_a_draft_plan(cast, client, login_as, district_a):
    login_as(cast.policy_analyst)
    response = client.post(
        "/neighbourhood-plans/new/",
        {
            "district": district_a.pk,
            "title": "Wijkplan Noord 2026",
            "first_year": "2026",
            "last_year": "2027",
            "summary": "Wat de wijk nodig heeft.",
        },
    )
    plan = NeighbourhoodPlan.objects.get()
    assert response.status_code == 302 and str(plan.public_id) in response["Location"]
    assert (plan.status, plan.municipality, plan.period) == ("draft", cast.mun_a, "2026–2027")
    line = AuditEntry.objects.get(object_type="neighbourhood_plan")
    assert line.action == "create" and line.username == "policy_analyst"


def test_a_period_ending_before_it_starts_is_refused(cast, client, login_as, district_a):
    login_as(cast.policy_analyst)
    response = client.post(
        "/neighbourhood-plans/new/",
        {"district": district_a.pk, "title": "X", "first_year": "2027", "last_year": "2026"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The last year cannot be before the first year." in page
    assert "Write a short summary." in page
    assert not NeighbourhoodPlan.objects.exists()


def test_a_district_of_another_municipality_cannot_be_chosen(cast, client, login_as, district_b):
    login_as(cast.policy_analyst)
    response = client.post(
        "/neighbourhood-plans/new/",
        {
            "district": district_b.pk,
            "title": "X",
            "first_year": "2026",
            "last_year": "2026",
            "summary": "x",
        },
    )
    assert "Choose the district." in response.content.decode()
    assert not NeighbourhoodPlan.objects.exists()


def test_a_priority_with_actions_is_saved_and_audited(cast, client, login_as, draft_plan):
    login_as(cast.team_lead)
    url = f"/neighbourhood-plans/{draft_plan.public_id}/priorities/new/"
    response = client.post(url, _priority_post())
    assert response.status_code == 302
    priority = Priority.objects.get(title="Jongeren een plek in de wijk")
    assert priority.indicators == ["kpi08", "wl05"]  # in the order of the lists
    (action,) = priority.actions.all()
    assert (action.owner_team, action.contact_person, action.status) == (
        "Jongerenwerk",
        "Sanne Jansen",
        "in_progress",
    )
    line = AuditEntry.objects.filter(object_type="neighbourhood_plan").latest("seq")
    assert line.detail["use_case"] == "add_priority" and line.detail["actions"] == 1


def test_changing_a_priority_replaces_its_actions(cast, client, login_as, draft_plan):
    login_as(cast.team_lead)
    priority = draft_plan.priorities.get()
    url = f"/neighbourhood-plans/{draft_plan.public_id}/priorities/{priority.public_id}/"
    form = client.get(url).content.decode()
    assert "Open koffieochtend in de buurtkamer" in form
    data = _priority_post(
        **{
            "action-TOTAL_FORMS": "2",
            "action-INITIAL_FORMS": "1",
            "action-0-DELETE": "on",
            "action-1-what": "Spreekuur geldzaken",
            "action-1-owner_organisation": "Schuldhulp A",
        }
    )
    assert client.post(url, data).status_code == 302
    assert list(priority.actions.values_list("what", flat=True)) == ["Spreekuur geldzaken"]


def test_unknown_indicators_and_reversed_dates_are_named(cast, client, login_as, draft_plan):
    login_as(cast.team_lead)
    url = f"/neighbourhood-plans/{draft_plan.public_id}/priorities/new/"
    response = client.post(
        url, _priority_post(indicators=["kpi99"], **{"action-0-due_on": "2026-01-01"})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose indicators from the list." in page
    assert "An action cannot be ready before it starts." in page
    assert not Priority.objects.filter(title="Jongeren een plek in de wijk").exists()


def test_a_priority_needs_an_indicator(cast, client, login_as, draft_plan):
    login_as(cast.team_lead)
    url = f"/neighbourhood-plans/{draft_plan.public_id}/priorities/new/"
    data = _priority_post()
    del data["indicators"]
    response = client.post(url, data)
    assert "Choose at least one indicator." in response.content.decode()


def test_participation_is_added_and_removed(cast, client, login_as, draft_plan):
    login_as(cast.team_lead)
    base = f"/neighbourhood-plans/{draft_plan.public_id}/participation/"
    bad = client.post(base + "new/", {"kind": "district_conversation", "held_on": "12-13-2025"})
    assert "Give a date like 14-03-2026." in bad.content.decode()
    ok = client.post(
        base + "new/",
        {
            "kind": "district_conversation",
            "held_on": "2025-11-12",
            "description": "35 bewoners in De Boog",
            "partners": "Sociaal Werk A,  Woonstichting A ,",
        },
    )
    assert ok.status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.partners == "Sociaal Werk A, Woonstichting A"
    client.post(base + "remove/", {"engagement": engagement.pk})
    assert not Engagement.objects.exists()


def test_publishing_through_the_page(cast, client, login_as, draft_plan):
    login_as(cast.team_lead)
    url = f"/neighbourhood-plans/{draft_plan.public_id}/status/"
    client.post(url, {"to": "published"})
    draft_plan.refresh_from_db()
    assert draft_plan.status == "published"
    response = client.post(url, {"to": "draft"}, follow=True)
    assert "it cannot become draft" in response.content.decode()
    draft_plan.refresh_from_db()
    assert draft_plan.status == "published"


def test_an_archived_plan_has_no_edit_pages(cast, client, login_as, draft_plan):
    login_as(cast.team_lead)
    client.post(f"/neighbourhood-plans/{draft_plan.public_id}/status/", {"to": "archived"})
    assert client.get(f"/neighbourhood-plans/{draft_plan.public_id}/edit/").status_code == 404
    page = client.get(f"/neighbourhood-plans/{draft_plan.public_id}/").content.decode()
    assert "Add a priority" not in page
