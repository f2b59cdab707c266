"""The access matrix for the plan pages: only users who may see the case reach them; the
others get a 404 and a denied audit line; every read is audited."""

import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.cases.models import Case, CaseStatus
from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.models import SupportPlan
from wijkkracht.plans.tests.conftest import goal, plan_post

pytestmark = pytest.mark.django_db

PAGES = ["plans:detail", "plans:edit", "plans:versions", "plans:pdf", "plans:evaluate"]
ALLOWED = {"coordinator": True, "colleague": True, "other_team": False, "policy_analyst": False}


@pytest.fixture
def plan(cast, case):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.EVALUATION)
    case.refresh_from_db()
    return save_plan(
        case=case, goals_and_actions=[goal("Doel")], expected_version=0, actor=cast.coordinator
    )


def user_for(cast, name):
    return cast.resident_user if name == "resident" else getattr(cast, name)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", [*ALLOWED, "outsider", "resident"])
def test_only_users_who_may_see_the_case_reach_the_plan_pages(
    cast, case, plan, login_as, page, who
):
    user = user_for(cast, who)
    before = AuditEntry.objects.filter(user_id_value=user.pk).count()
    response = login_as(user).get(reverse(page, args=[case.public_id]))
    allowed = ALLOWED.get(who, False)
    assert response.status_code == (200 if allowed else 404)
    lines = AuditEntry.objects.filter(user_id_value=user.pk).order_by("seq")[before:]
    assert lines, "every read (or refused read) is audited"
    assert {line.outcome for line in lines} == ({"allowed"} if allowed else {"denied"})


@pytest.mark.parametrize("who", ["other_team", "policy_analyst", "outsider", "resident"])
def test_users_who_may_not_see_the_case_cannot_change_the_plan(cast, case, plan, login_as, who):
    response = login_as(user_for(cast, who)).post(
        reverse("plans:edit", args=[case.public_id]),
        plan_post([goal("Ingebroken")], expected_version=1),
    )
    assert response.status_code == 404
    plan = SupportPlan.objects.get(case=case)
    assert plan.version == 1
    assert [g.description for g in plan.goals.all()] == ["Doel"]


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, case):
    response = client.get(reverse("plans:detail", args=[case.public_id]))
    assert response.status_code == 302
