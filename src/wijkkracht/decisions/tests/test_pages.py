"""The pages end to end: request from the case, grant and change on the decision page."""

import datetime as dt

import pytest
from django.urls import reverse

from wijkkracht.decisions.models import Decision, DecisionStatus
from wijkkracht.decisions.tests.conftest import TODAY
from wijkkracht.provisions.models import DecisionFrame

pytestmark = pytest.mark.django_db


def _request_post(cast, plan_action, provider, **overrides):
    data = {
        "plan_action": plan_action.pk,
        "resident": cast.mother.pk,
        "requested_volume": "3",
        "requested_unit": "",
        "requested_frequency": "2",
        "requested_start": TODAY.isoformat(),
        "requested_end": (TODAY + dt.timedelta(days=90)).isoformat(),
        "preferred_provider": provider.pk,
        "motivation": "Zij verliest het overzicht.",
        "referrer_type": "01",
        "referrer_name": "",
    }
    data.update(overrides)
    return data


def test_request_from_the_case_shows_the_five_answers_to_the_officer(
    cast, case, plan_action, provider, login_as
):
    client = login_as(cast.coordinator)
    url = reverse("decisions:request", args=[case.public_id])
    assert client.get(url).status_code == 200
    response = client.post(url, _request_post(cast, plan_action, provider))
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("decisions:detail", args=[decision.public_id])
    assert decision.requested_unit == "04"  # the provision's unit
    page = login_as(cast.decision_officer).get(response.url).content.decode()
    assert "Overzicht over de post binnen drie maanden." in page
    assert "Grant the provision" in page


def test_request_without_five_answers_shows_the_message_and_writes_nothing(
    cast, case, plan_action, provider, login_as
):
    DecisionFrame.objects.filter(action=plan_action).update(cost="")
    response = login_as(cast.coordinator).post(
        reverse("decisions:request", args=[case.public_id]),
        _request_post(cast, plan_action, provider),
    )
    assert response.status_code == 400
    assert "Answer the five questions for this action in the plan first" in (
        response.content.decode()
    )
    assert not Decision.objects.exists()


def test_grant_and_change_through_the_page(cast, requested, provider, login_as):
    client = login_as(cast.decision_officer)
    detail = reverse("decisions:detail", args=[requested.public_id])
    response = client.post(
        reverse("decisions:grant", args=[requested.public_id]),
        {
            "version": requested.version,
            "start_date": TODAY.isoformat(),
            "end_date": (TODAY - dt.timedelta(days=1)).isoformat(),
            "volume": "3",
            "unit": "04",
            "frequency": "2",
            "provider": provider.pk,
        },
        follow=True,
    )
    assert "cannot end before it starts" in response.content.decode()
    assert Decision.objects.get().status == DecisionStatus.REQUESTED
    client.post(
        reverse("decisions:grant", args=[requested.public_id]),
        {
            "version": requested.version,
            "start_date": TODAY.isoformat(),
            "end_date": (TODAY + dt.timedelta(days=90)).isoformat(),
            "volume": "3",
            "unit": "04",
            "frequency": "2",
            "provider": provider.pk,
        },
    )
    decision = Decision.objects.get()
    assert decision.status == DecisionStatus.GRANTED
    response = client.post(
        reverse("decisions:change", args=[decision.public_id]),
        {
            "change-version": decision.version,
            "change-end_date": (TODAY + dt.timedelta(days=200)).isoformat(),
            "change-volume": "3",
            "change-unit": "04",
            "change-frequency": "2",
            "change-provider": provider.pk,
            "change-reason": "Langer nodig",
        },
    )
    assert response.status_code == 302 and response.url == detail
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CHANGED
    assert decision.end_date == TODAY + dt.timedelta(days=200)
    page = client.get(detail).content.decode()
    assert 'data-step="change"' in page


def test_stale_version_is_refused(cast, requested, provider, login_as):
    client = login_as(cast.decision_officer)
    response = client.post(
        reverse("decisions:refuse", args=[requested.public_id]),
        {"version": requested.version + 5, "reason": "Nee"},
        follow=True,
    )
    assert "Someone else changed this decision" in response.content.decode()
    assert Decision.objects.get().status == DecisionStatus.REQUESTED


def test_case_decisions_page(cast, case, granted, login_as):
    response = login_as(cast.coordinator).get(reverse("decisions:case", args=[case.public_id]))
    assert response.status_code == 200
    assert granted.reference in response.content.decode()
