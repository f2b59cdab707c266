"""The team lead overview page: who may see it, which teams, the quarter selector, and
that no person ever appears on it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkkracht.intake.figures import Quarter
from wijkkracht.intake.models import Channel, SupportRequest
from wijkkracht.teams.models import Team

URL = "/intake/overview/"


def questions(cast, team, n, *, received=None, name="Fatima Bakker"):
    received = received or timezone.now()
    SupportRequest.objects.bulk_create(
        [
            SupportRequest(
                municipality=team.municipality,
                team=team,
                channel=Channel.PORTAL,
                description="Vraag over schulden",
                name=name,
                received_at=received,
                first_contact_due=timezone.localdate(received) + dt.timedelta(days=7),
                reference=f"HV-{team.pk % 10000:04d}-{i:04d}",
            )
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("who", ["coordinator", "colleague", "privacy_officer", "admin"])
def test_roles_without_aggregates_or_rerouting_get_404(cast, login_as, who):
    assert login_as(cast.staff()[who]).get(URL).status_code == 404


def test_anonymous_visitor_is_sent_to_the_login_page(cast, client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_team_lead_sees_the_figures_of_the_teams_they_lead_only(cast, login_as):
    a1 = Team.objects.get(name="Wijkteam A1")
    questions(cast, a1, 12)
    response = login_as(cast.team_lead).get(URL)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.name for row in rows] == ["Wijkteam A1"]
    assert rows[0].figures.questions_in.value == 12
    content = response.content.decode()
    assert "Wijkteam A2" not in content
    assert "Fatima" not in content and "HV-OV" not in content


def test_policy_analyst_sees_the_municipality_its_teams_and_the_queue(cast, login_as):
    questions(cast, Team.objects.get(name="Wijkteam A2"), 11)
    response = login_as(cast.policy_analyst).get(URL)
    rows = response.context["rows"]
    assert [row.level for row in rows] == ["municipality", "team", "team", "queue"]
    assert rows[0].figures.questions_in.value == 11
    assert rows[1].figures.questions_in.suppressed  # A1: none at all
    assert "Wijkteam B1" not in response.content.decode()


def test_small_numbers_are_shown_as_fewer_than_ten(cast, login_as):
    questions(cast, Team.objects.get(name="Wijkteam A1"), 4)
    response = login_as(cast.team_lead).get(URL)
    assert response.context["rows"][0].figures.questions_in.suppressed
    assert "&lt;10" in response.content.decode()


def test_the_quarter_selector_chooses_the_period(cast, login_as):
    a1 = Team.objects.get(name="Wijkteam A1")
    previous = Quarter.containing(timezone.localdate()).previous()
    questions(
        cast, a1, 10, received=timezone.make_aware(dt.datetime.combine(previous.start, dt.time(12)))
    )
    client = login_as(cast.team_lead)
    assert client.get(URL).context["rows"][0].figures.questions_in.suppressed
    response = client.get(URL, {"period": str(previous)})
    assert response.context["period"] == previous
    assert response.context["rows"][0].figures.questions_in.value == 10
    # An unknown or far-away quarter falls back to the current one.
    assert client.get(URL, {"period": "1999-Q1"}).context["period"] == Quarter.containing(
        timezone.localdate()
    )


def test_query_count_does_not_grow_with_the_number_of_questions(cast, login_as):
    client = login_as(cast.policy_analyst)
    a1 = Team.objects.get(name="Wijkteam A1")
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    questions(cast, a1, 200)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
