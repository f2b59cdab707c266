"""The workflow table walked through: draft → published → archived, and what is refused."""

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.audit.models import AuditEntry
from wijkkracht.neighbourhoodplans import editing
from wijkkracht.neighbourhoodplans.models import NeighbourhoodPlan, PlanStatus
from wijkkracht.neighbourhoodplans.tests.factories import NeighbourhoodPlanFactory
from wijkkracht.neighbourhoodplans.workflow import TRANSITIONS, change_status

ALL = [PlanStatus.DRAFT, PlanStatus.PUBLISHED, PlanStatus.ARCHIVED]


def test_the_table_is_draft_published_archived():
    assert TRANSITIONS == {
        ("draft", "published"): "publish",
        ("published", "archived"): "archive",
        ("draft", "archived"): "archive",
    }


def test_a_plan_goes_from_draft_to_published_to_archived(cast, draft_plan):
    change_status(plan=draft_plan, to="published", actor=cast.policy_analyst)
    draft_plan.refresh_from_db()
    assert draft_plan.status == "published" and draft_plan.published_at is not None
    change_status(plan=draft_plan, to="archived", actor=cast.policy_analyst)
    draft_plan.refresh_from_db()
    assert draft_plan.status == "archived"
    lines = AuditEntry.objects.filter(object_id=str(draft_plan.public_id)).order_by("seq")
    assert [line.detail["use_case"] for line in lines] == ["publish", "archive"]


@pytest.mark.parametrize("current", ALL)
@pytest.mark.parametrize("target", ALL + ["deleted"])
def test_every_other_change_is_refused(cast, district_a, current, target):
    if (current, target) in TRANSITIONS:
        return
    plan = NeighbourhoodPlanFactory(district=district_a, status=current)
    with pytest.raises(ValidationError):
        change_status(plan=plan, to=target, actor=cast.policy_analyst)
    plan.refresh_from_db()
    assert plan.status == current


def test_publishing_archives_the_districts_plan_published_until_then(
    cast, published_plan, draft_plan
):
    change_status(plan=draft_plan, to="published", actor=cast.team_lead)
    published_plan.refresh_from_db()
    assert published_plan.status == "archived"
    assert NeighbourhoodPlan.objects.published().get() == draft_plan


def test_a_plan_without_priorities_cannot_be_published(cast, district_a):
    plan = NeighbourhoodPlanFactory(district=district_a)
    with pytest.raises(ValidationError, match="at least one priority"):
        change_status(plan=plan, to="published", actor=cast.team_lead)


def test_an_archived_plan_can_no_longer_be_changed(cast, district_a):
    plan = NeighbourhoodPlanFactory(district=district_a, archived=True)
    with pytest.raises(ValidationError, match="archived"):
        editing.update_plan(
            plan=plan,
            title="Nieuw",
            first_year=2026,
            last_year=2026,
            summary="x",
            actor=cast.team_lead,
        )
