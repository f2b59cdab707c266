"""Handling from the queue page: each form posts, the use case runs, and the browser is
sent back to the same queue and page (post/redirect/get) with a message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from wijkkracht.intake.models import Channel, IntakeOutcome, RoutingChange, Status, SupportRequest
from wijkkracht.intake.registration import register_request
from wijkkracht.teams.models import Team


@pytest.fixture
def question(cast):
    address = cast.household.address
    question, _created = register_request(
        actor=None,
        municipality=cast.mun_a,
        channel=Channel.PORTAL,
        description="Hulp nodig bij de administratie.",
        postcode=address.postcode,
        house_number=address.house_number,
    )
    SupportRequest.objects.filter(pk=question.pk).update(
        received_at=timezone.now() - dt.timedelta(days=1)
    )
    return question


def url(question, action):
    return f"/intake/queue/{question.public_id}/{action}/"


def stored(question):
    return SupportRequest.objects.get(pk=question.pk)


def test_assigning_redirects_back_to_the_same_queue_and_page(cast, login_as, question):
    client = login_as(cast.coordinator)
    team = Team.objects.get(name="Wijkteam A1")
    response = client.post(
        url(question, "assign"),
        {"to_user": cast.colleague.pk, "queue": f"team-{team.pk}", "page": "2"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/intake/queue/?queue=team-{team.pk}&page=2"
    assert stored(question).assigned_to == cast.colleague


def test_the_redirect_ignores_anything_but_a_queue_key_and_a_page_number(cast, login_as, question):
    response = login_as(cast.coordinator).post(
        url(question, "assign"),
        {"to_user": cast.colleague.pk, "queue": "//evil.example", "page": "x"},
    )
    assert response["Location"] == "/intake/queue/"


def test_a_get_on_a_handling_url_changes_nothing(cast, login_as, question):
    response = login_as(cast.coordinator).get(url(question, "assign"))
    assert response.status_code == 405
    assert stored(question).status == Status.NEW


def test_first_contact_then_close_through_the_forms(cast, login_as, question):
    client = login_as(cast.coordinator)
    contact_at = timezone.localtime() - dt.timedelta(hours=1)
    client.post(
        url(question, "first-contact"),
        {"at": contact_at.strftime("%Y-%m-%dT%H:%M"), "method": "phone", "note": "Gebeld."},
    )
    assert stored(question).status == Status.CONTACTED
    response = client.post(
        url(question, "close"),
        {"outcome": IntakeOutcome.REFERRED, "reason": "Naar de schuldhulp."},
        follow=True,
    )
    assert stored(question).status == Status.CLOSED
    assert question.reference in response.content.decode()  # the success message


def test_a_refused_change_is_reported_with_the_field_and_nothing_changes(cast, login_as, question):
    client = login_as(cast.coordinator)
    response = client.post(
        url(question, "close"), {"outcome": "answered", "reason": "Klaar."}, follow=True
    )
    assert stored(question).status == Status.NEW
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and question.reference in messages[0]

    response = client.post(
        url(question, "first-contact"),
        {"at": "2999-01-01T10:00", "method": "phone", "note": "Gebeld."},
        follow=True,
    )
    assert stored(question).status == Status.NEW
    assert any("future" in str(m) or "toekomst" in str(m) for m in response.context["messages"])


def test_assigning_to_someone_outside_the_team_is_refused(cast, login_as, question):
    response = login_as(cast.coordinator).post(
        url(question, "assign"), {"to_user": cast.other_team.pk}, follow=True
    )
    assert stored(question).assigned_to is None
    assert len(list(response.context["messages"])) == 1


def test_a_question_of_another_team_is_a_404(cast, login_as, question):
    response = login_as(cast.other_team).post(
        url(question, "assign"), {"to_user": cast.other_team.pk}
    )
    assert response.status_code == 404


def test_team_lead_reroutes_from_the_queue(cast, login_as, question):
    a2 = Team.objects.get(name="Wijkteam A2")
    login_as(cast.team_lead).post(
        url(question, "reroute"), {"to_team": a2.pk, "reason": "Verhuisd naar A2."}
    )
    assert stored(question).team == a2
    assert RoutingChange.objects.filter(support_request=question, to_team=a2).exists()


def test_team_lead_sends_to_the_intake_queue(cast, login_as, question):
    login_as(cast.team_lead).post(
        url(question, "reroute"), {"to_team": "queue", "reason": "Geen wijkteamvraag."}
    )
    assert stored(question).team is None


def test_a_professional_cannot_reroute(cast, login_as, question):
    a2 = Team.objects.get(name="Wijkteam A2")
    response = login_as(cast.coordinator).post(
        url(question, "reroute"), {"to_team": a2.pk, "reason": "Verhuisd."}
    )
    assert response.status_code == 404
    assert stored(question).team.name == "Wijkteam A1"


def test_rerouting_to_a_team_of_another_municipality_is_refused(cast, login_as, question):
    b1 = Team.objects.get(name="Wijkteam B1")
    response = login_as(cast.team_lead).post(
        url(question, "reroute"), {"to_team": b1.pk, "reason": "Verhuisd."}, follow=True
    )
    assert stored(question).team.name == "Wijkteam A1"
    assert len(list(response.context["messages"])) == 1
