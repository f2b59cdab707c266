import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.tests.conftest import action, goal, plan_post

pytestmark = pytest.mark.django_db


def test_the_plan_page_groups_goals_by_life_domain_and_marks_overdue_actions_in_words(
    cast, case, login_as
):
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    save_plan(
        case=case,
        goals_and_actions=[
            goal("Huur betalen", life_domain="housing", actions=[action("Bellen met corporatie")]),
            goal(
                "Schulden op een rij",
                member=cast.mother,
                actions=[action("Afspraak schuldhulp", due_on=yesterday)],
            ),
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    page = login_as(cast.coordinator).get(reverse("plans:detail", args=[case.public_id]))
    html = page.content.decode()
    assert html.index("Finances") < html.index("Schulden op een rij") < html.index("Housing")
    assert "Goal for Fatima Bakker" in html
    assert "overdue" in html
    assert html.count("overdue") == 1


def test_the_edit_form_saves_a_new_plan_without_javascript(cast, case, login_as):
    client = login_as(cast.coordinator)
    url = reverse("plans:edit", args=[case.public_id])
    form = client.get(url).content.decode()
    assert 'name="goal-0-description"' in form and 'name="goal-0-action-0-what"' in form
    response = client.post(
        url,
        plan_post(
            [goal("Ik wil werk", life_domain="work_education", actions=[action("CV maken")])],
            expected_version=0,
        ),
    )
    assert response.status_code == 302
    assert case.plan.goals.get().actions.get().what == "CV maken"


def test_the_edit_form_shows_errors_and_saves_nothing(cast, case, login_as):
    data = plan_post([goal("Zonder domein", life_domain="")], expected_version=0)
    response = login_as(cast.coordinator).post(reverse("plans:edit", args=[case.public_id]), data)
    assert response.status_code == 400
    assert "Choose a life domain." in response.content.decode()
    assert not hasattr(case, "plan") or case.plan is None


def plan_with(case, actor, n):
    return save_plan(
        case=case,
        goals_and_actions=[
            goal(f"Doel {i}", actions=[action(f"Actie {i}.{j}") for j in range(3)])
            for i in range(n)
        ],
        expected_version=case.plan.version if hasattr(case, "plan") else 0,
        actor=actor,
    )


@pytest.mark.parametrize("page", ["plans:detail", "plans:edit", "plans:versions", "plans:pdf"])
def test_query_counts_do_not_grow_with_the_number_of_goals_and_actions(cast, case, login_as, page):
    client = login_as(cast.coordinator)
    url = reverse(page, args=[case.public_id])
    client.get(url)  # the first request of a session writes session state
    counts = []
    for n in (2, 8):
        plan_with(case, cast.coordinator, n)
        case.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
