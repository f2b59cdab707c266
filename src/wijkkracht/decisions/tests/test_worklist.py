"""The decision officer's work list: most urgent first, overdue marked, filters, ending
soon, and a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from wijkkracht.decisions.models import Decision
from wijkkracht.decisions.requesting import request_decision
from wijkkracht.decisions.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _more_requests(cast, case, plan_action, n):
    for i in range(n):
        request_decision(
            case=case,
            resident=cast.son if i % 2 else cast.mother,
            plan_action=plan_action,
            requested_volume=Decimal("1"),
            requested_frequency="2",
            actor=cast.coordinator,
        )


def test_overdue_requests_are_marked_and_come_first(cast, requested, case, plan_action, login_as):
    _more_requests(cast, case, plan_action, 2)
    Decision.objects.filter(pk=requested.pk).update(decide_by=TODAY - dt.timedelta(days=3))
    response = login_as(cast.decision_officer).get(reverse("decisions:worklist"))
    rows = response.context["rows"]
    assert rows[0].pk == requested.pk and rows[0].overdue
    assert not rows[1].overdue
    assert response.content.decode().count('data-overdue="yes"') == 1


def test_wmo_requests_get_two_weeks(requested):
    assert requested.decide_by == requested.requested_at.date() + dt.timedelta(days=14)


def test_filter_by_law_and_status(cast, requested, granted, login_as):
    client = login_as(cast.decision_officer)
    assert client.get(reverse("decisions:worklist"), {"law": "jeugdwet"}).context["rows"] == []
    rows = client.get(reverse("decisions:worklist"), {"status": "granted"}).context["rows"]
    assert [d.pk for d in rows] == [granted.pk]


def test_decisions_ending_soon_are_listed(cast, granted, login_as):
    client = login_as(cast.decision_officer)
    assert client.get(reverse("decisions:worklist")).context["ending"] == []
    Decision.objects.filter(pk=granted.pk).update(end_date=TODAY + dt.timedelta(weeks=7))
    assert [d.pk for d in client.get(reverse("decisions:worklist")).context["ending"]] == [
        granted.pk
    ]


def test_the_number_of_queries_does_not_grow_with_the_rows(
    cast, requested, case, plan_action, login_as, django_assert_max_num_queries
):
    client = login_as(cast.decision_officer)
    client.get(reverse("decisions:worklist"))  # warm caches (content types, session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("decisions:worklist"))
    _more_requests(cast, case, plan_action, 6)
    with CaptureQueriesContext(connection) as seven:
        response = client.get(reverse("decisions:worklist"))
    assert len(response.context["rows"]) == 7
    assert len(seven.captured_queries) == len(one.captured_queries)
    assert len(one.captured_queries) <= 20
