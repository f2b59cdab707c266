import pytest
from django.urls import reverse

from wijkkracht.plans.compare import compare
from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.models import PlanVersion
from wijkkracht.plans.tests.conftest import action, goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(cast, case):
    plan = save_plan(
        case=case,
        goals_and_actions=[
            goal("Blijft", actions=[action("Oude actie"), action("Verdwijnt")]),
            goal("Wordt geschrapt"),
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    kept = plan.goals.get(description="Blijft")
    old_action = kept.actions.get(what="Oude actie")
    save_plan(
        case=case,
        goals_and_actions=[
            goal(
                "Blijft",
                id=kept.pk,
                status="partly",
                actions=[action("Oude actie", id=old_action.pk, due_on="2027-01-15")],
            ),
            goal("Nieuw doel", life_domain="housing", actions=[action("Nieuwe actie")]),
        ],
        expected_version=1,
        actor=cast.coordinator,
    )
    return plan


def test_the_comparison_names_goals_and_actions_added_removed_and_changed(two_versions):
    old = PlanVersion.objects.get(number=1).snapshot
    new = PlanVersion.objects.get(number=2).snapshot
    result = compare(old, new)
    goals = {(c.kind, (c.new or c.old)["description"]): c for c in result.goals}
    assert set(goals) == {
        ("changed", "Blijft"),
        ("added", "Nieuw doel"),
        ("removed", "Wordt geschrapt"),
    }
    assert goals["changed", "Blijft"].fields == ["status"]
    actions = {(c.kind, (c.new or c.old)["what"]): c for c in result.actions}
    assert set(actions) == {
        ("changed", "Oude actie"),
        ("added", "Nieuwe actie"),
        ("removed", "Verdwijnt"),
    }
    assert actions["changed", "Oude actie"].fields == ["due_on"]


def test_a_version_compared_with_itself_has_no_changes(two_versions):
    snapshot = PlanVersion.objects.get(number=2).snapshot
    assert compare(snapshot, snapshot).unchanged


def test_the_versions_page_lists_every_version_and_shows_what_changed(
    cast, case, two_versions, login_as
):
    response = login_as(cast.colleague).get(
        reverse("plans:versions", args=[case.public_id]), {"from": 1, "to": 2}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "What changed from version 1 to version 2" in page
    assert "Goal added" in page and "Nieuw doel" in page
    assert "Goal removed" in page and "Wordt geschrapt" in page
    assert "Action removed" in page and "Verdwijnt" in page
    assert "15-01-2027" in page
