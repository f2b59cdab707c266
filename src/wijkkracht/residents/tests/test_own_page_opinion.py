"""The resident's own page leads to giving an opinion on the help once it is evaluated."""

import pytest
from django.urls import reverse

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.cases.tests.scenario import build

pytestmark = pytest.mark.django_db


def own_page(client) -> str:
    response = client.get(reverse("residents:own"), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_case_being_evaluated_asks_for_the_residents_opinion(cast, login_as):
    case = build(cast).case
    client = login_as(cast.resident_user)
    link = reverse("cases:satisfaction", args=[case.public_id])
    page = own_page(client)
    assert link in page and "Give your opinion" in page
    client.post(link, {"satisfaction": "7", "comment": ""})
    page = own_page(client)
    assert link in page and "Change your opinion" in page


def test_no_question_before_the_evaluation(cast, login_as):
    case = build(cast, evaluation=False).case
    page = own_page(login_as(cast.resident_user))
    assert reverse("cases:satisfaction", args=[case.public_id]) not in page


def test_another_residents_page_does_not_show_the_case(cast, login_as):
    case = build(cast).case
    other = UserFactory(resident_account=True, resident=cast.resident_b)
    page = own_page(login_as(other))
    assert reverse("cases:satisfaction", args=[case.public_id]) not in page
