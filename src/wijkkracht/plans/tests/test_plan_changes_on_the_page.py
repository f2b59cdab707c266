import datetime

import pytest
from django.urls import reverse

from wijkkracht.cases.models import Case, CaseStatus
from wijkkracht.plans.editing import PlanClosed, save_plan
from wijkkracht.plans.models import PlanAction, SupportPlan
from wijkkracht.plans.tests.conftest import action, goal

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast, case):
    return save_plan(
        case=case,
        goals_and_actions=[goal("Doel", actions=[action("Actie")])],
        expected_version=0,
        actor=cast.coordinator,
    )


def test_the_agreement_with_the_resident_is_recorded_from_the_plan_page(cast, case, plan, login_as):
    client = login_as(cast.colleague)
    response = client.post(
        reverse("plans:agree", args=[case.public_id]),
        {"agreed_on": "2026-11-02", "note": "Bij het gezin thuis"},
    )
    assert response.status_code == 302
    assert SupportPlan.objects.get(pk=plan.pk).agreed_with_resident_on == datetime.date(2026, 11, 2)
    page = client.get(reverse("plans:detail", args=[case.public_id])).content.decode()
    assert "Agreed with the resident on 02-11-2026" in page


def test_a_closed_cases_plan_is_no_longer_changed(cast, case, plan, login_as):
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, closing_reason="goals_achieved"
    )
    case.refresh_from_db()
    with pytest.raises(PlanClosed):
        save_plan(case=case, goals_and_actions=[], expected_version=1, actor=cast.coordinator)
    client = login_as(cast.coordinator)
    assert client.get(reverse("plans:edit", args=[case.public_id])).status_code == 404
    assert client.get(reverse("plans:detail", args=[case.public_id])).status_code == 200
    assert SupportPlan.objects.get(pk=plan.pk).goals.get().description == "Doel"


def test_an_action_marked_done_gets_todays_date_and_loses_it_when_reopened(cast, case, plan):
    done = {**action("Actie", id=PlanAction.objects.get().pk), "status": "done"}
    goal_id = plan.goals.get().pk
    save_plan(
        case=case,
        goals_and_actions=[goal("Doel", id=goal_id, actions=[done])],
        expected_version=1,
        actor=cast.coordinator,
    )
    assert PlanAction.objects.get().done_on == datetime.date.today()
    reopened = {**done, "status": "open"}
    save_plan(
        case=case,
        goals_and_actions=[goal("Doel", id=goal_id, actions=[reopened])],
        expected_version=2,
        actor=cast.coordinator,
    )
    assert PlanAction.objects.get().done_on is None


@pytest.mark.parametrize("page", ["plans:detail", "plans:edit"])
def test_the_plan_pages_render_in_dutch(cast, case, plan, login_as, page):
    response = login_as(cast.coordinator).get(
        reverse(page, args=[case.public_id]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Actie" in html
