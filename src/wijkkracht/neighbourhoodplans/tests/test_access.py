"""Who may edit which plan, and what the public sees: published plans only, no personal
data."""

import pytest

from wijkkracht.audit.models import AuditEntry, Outcome
from wijkkracht.neighbourhoodplans.models import NeighbourhoodPlan
from wijkkracht.neighbourhoodplans.tests.factories import NeighbourhoodPlanFactory

MANAGERS = ["team_lead", "policy_analyst"]
NOT_MANAGERS = ["coordinator", "colleague", "decision_officer", "privacy_officer", "admin"]


def _staff_urls(plan):
    base = f"/neighbourhood-plans/{plan.public_id}/"
    return [
        "/neighbourhood-plans/",
        "/neighbourhood-plans/new/",
        base,
        base + "edit/",
        base + "participation/new/",
        base + "priorities/new/",
        base + f"priorities/{plan.priorities.get().public_id}/",
    ]


@pytest.mark.parametrize("who", MANAGERS)
def test_team_leads_and_policy_analysts_keep_their_municipalitys_plans(
    cast, client, login_as, draft_plan, who
):
    login_as(cast.staff()[who])
    for url in _staff_urls(draft_plan):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", NOT_MANAGERS)
def test_other_roles_get_404(cast, client, login_as, draft_plan, who):
    login_as(cast.staff()[who])
    for url in _staff_urls(draft_plan):
        assert client.get(url).status_code == 404, url
    assert AuditEntry.objects.latest("seq").outcome == Outcome.DENIED


def test_anonymous_visitors_are_sent_to_the_login_page(client, draft_plan):
    for url in _staff_urls(draft_plan):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_municipalitys_plan_is_not_editable(cast, client, login_as, draft_plan, planner_b):
    login_as(planner_b)
    for url in _staff_urls(draft_plan)[2:]:
        assert client.get(url).status_code == 404, url
    base = f"/neighbourhood-plans/{draft_plan.public_id}/"
    assert client.post(base + "status/", {"to": "published"}).status_code == 404
    assert client.post(base + "edit/", {"title": "Overgenomen"}).status_code == 404
    draft_plan.refresh_from_db()
    assert (draft_plan.status, draft_plan.title) == ("draft", "Wijkplan Noord (concept)")
    denied = AuditEntry.objects.filter(
        object_type="neighbourhood_plan", outcome=Outcome.DENIED, username="planner_b"
    )
    assert denied.exists()


def test_the_list_shows_only_the_own_municipalitys_districts(
    cast, client, login_as, draft_plan, planner_b
):
    login_as(planner_b)
    page = client.get("/neighbourhood-plans/").content.decode()
    assert "WK900201" in page and "WK900101" not in page
    assert draft_plan.title not in page


def test_the_public_page_shows_a_published_plan_without_login(client, published_plan):
    response = client.get("/neighbourhood-plans/public/GM9001/WK900101/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wijkplan Noord" in page
    assert "Minder eenzaamheid" in page
    assert "Open koffieochtend in de buurtkamer" in page
    assert "Sociaal Werk A" in page
    assert "40 bewoners in buurthuis De Linde" in page


def test_the_public_page_holds_no_personal_data(cast, client, published_plan):
    published_plan.updated_by = cast.team_lead
    published_plan.save()
    page = client.get("/neighbourhood-plans/public/GM9001/WK900101/").content.decode()
    assert "Jan de Vries" not in page  # the action's contact person stays internal
    assert cast.team_lead.last_name not in page
    assert cast.team_lead.get_username() not in page


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_the_public_sees_no_draft_or_archived_plan(client, district_a, status):
    NeighbourhoodPlanFactory(district=district_a, status=status, title="Geheim concept")
    assert client.get("/neighbourhood-plans/public/GM9001/WK900101/").status_code == 404
    index = client.get("/neighbourhood-plans/public/GM9001/").content.decode()
    assert "Geheim concept" not in index


def test_a_plan_is_public_only_under_its_own_municipality(client, published_plan):
    assert client.get("/neighbourhood-plans/public/GM9002/WK900101/").status_code == 404
    assert client.get("/neighbourhood-plans/public/GM9999/").status_code == 404
    assert client.get("/neighbourhood-plans/public/gm9001/wk900101/").status_code == 200


def test_the_public_index_lists_the_districts_with_their_published_plan(
    client, published_plan, district_b
):
    page = client.get("/neighbourhood-plans/public/GM9001/").content.decode()
    assert "Wijkplan Noord" in page
    assert "/neighbourhood-plans/public/GM9001/WK900101/" in page
    landing = client.get("/neighbourhood-plans/public/").content.decode()
    assert "Gemeente A" in landing and "Gemeente B" not in landing


def test_a_malformed_plan_id_is_404(cast, client, login_as):
    login_as(cast.policy_analyst)
    assert client.get("/neighbourhood-plans/not-a-uuid/").status_code == 404
    assert not NeighbourhoodPlan.objects.exists()
