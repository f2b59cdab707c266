import pytest
from django.urls import reverse

from wijkkracht.plans.editing import PlanConflict, save_plan
from wijkkracht.plans.models import PlanDraft, SupportPlan
from wijkkracht.plans.tests.conftest import action, goal, plan_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast, case):
    return save_plan(
        case=case, goals_and_actions=[goal("Basis")], expected_version=0, actor=cast.coordinator
    )


def test_two_saves_from_the_same_version_the_second_is_refused_and_kept(cast, case, plan):
    save_plan(
        case=case,
        goals_and_actions=[goal("Van de regisseur")],
        expected_version=1,
        actor=cast.coordinator,
    )
    with pytest.raises(PlanConflict) as refused:
        save_plan(
            case=case,
            goals_and_actions=[goal("Van de collega", actions=[action("Bellen")])],
            expected_version=1,
            actor=cast.colleague,
        )
    assert refused.value.current_version == 2
    plan.refresh_from_db()
    assert plan.version == 2
    assert [g.description for g in plan.goals.all()] == ["Van de regisseur"]
    draft = PlanDraft.objects.get(plan=plan, author=cast.colleague)
    assert draft.based_on_version == 1
    assert draft.data["goals"][0]["description"] == "Van de collega"
    assert draft.data["goals"][0]["actions"][0]["what"] == "Bellen"


def test_the_refused_editor_sees_both_versions_and_can_take_over_their_changes(
    cast, case, plan, login_as
):
    client = login_as(cast.colleague)
    url = reverse("plans:edit", args=[case.public_id])
    save_plan(
        case=case,
        goals_and_actions=[goal("Van de regisseur")],
        expected_version=1,
        actor=cast.coordinator,
    )
    response = client.post(url, plan_post([goal("Van de collega")], expected_version=1))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this plan at" in page
    assert "Van de regisseur" in page and "Van de collega" in page
    draft = PlanDraft.objects.get(author=cast.colleague)
    assert f"?draft={draft.pk}" in page

    response = client.get(url, {"draft": draft.pk})
    page = response.content.decode()
    assert "Van de collega" in page
    assert 'name="expected_version" value="2"' in page

    merged = [goal("Van de regisseur"), goal("Van de collega")]
    response = client.post(url, plan_post(merged, expected_version=2))
    assert response.status_code == 302
    plan = SupportPlan.objects.get(case=case)
    assert plan.version == 3
    assert sorted(g.description for g in plan.goals.all()) == ["Van de collega", "Van de regisseur"]
    assert not PlanDraft.objects.filter(author=cast.colleague).exists()


def test_another_users_draft_is_not_offered(cast, case, plan, login_as):
    draft = PlanDraft.objects.create(
        plan=plan, author=cast.coordinator, based_on_version=0, data={"goals": [goal("Geheim")]}
    )
    response = login_as(cast.colleague).get(
        reverse("plans:edit", args=[case.public_id]), {"draft": draft.pk}
    )
    assert response.status_code == 200
    assert "Geheim" not in response.content.decode()
