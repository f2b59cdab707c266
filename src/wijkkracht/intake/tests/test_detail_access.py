"""The question's page: only for who may see the question (404 and an audit line
otherwise); every read audited with the purpose intake."""

from __future__ import annotations

import pytest

from wijkkracht.audit.models import Action, AuditEntry, Outcome, Purpose
from wijkkracht.intake.matching import confirm_match
from wijkkracht.intake.tests.question_helpers import english, question_about  # noqa: F401

pytestmark = pytest.mark.django_db


def detail_url(question) -> str:
    return f"/intake/{question.public_id}/"


@pytest.mark.parametrize("who", ["coordinator", "colleague", "team_lead"])
def test_members_of_the_routed_team_see_the_question(cast, login_as, who):
    question = question_about(cast.mother)  # routed to Wijkteam A1

    response = login_as(getattr(cast, who)).get(detail_url(question))

    assert response.status_code == 200
    assert question.reference in response.content.decode()


@pytest.mark.parametrize(
    "who", ["other_team", "outsider", "decision_officer", "policy_analyst", "privacy_officer"]
)
def test_everyone_else_gets_404(cast, login_as, who):
    question = question_about(cast.mother)

    response = login_as(getattr(cast, who)).get(detail_url(question))

    assert response.status_code == 404


def test_a_resident_account_gets_404(cast, client):
    question = question_about(cast.mother)
    client.force_login(cast.resident_user)

    assert client.get(detail_url(question)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(cast, client):
    question = question_about(cast.mother)

    response = client.get(detail_url(question))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_refused_look_is_audited_as_denied(cast, login_as):
    question = question_about(cast.mother)

    login_as(cast.other_team).get(detail_url(question))

    line = AuditEntry.objects.get(user_id_value=cast.other_team.pk, object_type="support_request")
    assert (line.action, line.outcome, line.purpose) == (
        Action.READ,
        Outcome.DENIED,
        Purpose.INTAKE,
    )
    assert line.object_id == str(question.public_id)


def test_a_read_is_audited_with_the_linked_resident(cast, login_as):
    question = question_about(cast.mother)
    confirm_match(support_request=question, resident=cast.mother, actor=cast.coordinator)

    login_as(cast.colleague).get(detail_url(question))

    line = AuditEntry.objects.get(
        user_id_value=cast.colleague.pk, object_type="support_request", action=Action.READ
    )
    assert line.outcome == Outcome.ALLOWED and line.purpose == Purpose.INTAKE
    assert line.resident_pseudonym == str(cast.mother.public_id)


def test_the_registrant_sees_what_they_registered(cast, login_as):
    question = question_about(cast.mother, actor=cast.decision_officer, channel="desk")

    response = login_as(cast.decision_officer).get(detail_url(question))

    assert response.status_code == 200


def test_the_page_shows_the_question_and_its_handling(cast, login_as):
    question = question_about(
        cast.mother,
        actor=cast.decision_officer,
        channel="school",
        referrer_name="Meester Jansen",
        referrer_organisation=cast.decision_officer.organisation,
        life_domains=["finances", "housing"],
        bsn=cast.mother.bsn,
    )

    html = login_as(cast.coordinator).get(detail_url(question)).content.decode()

    assert "Ik kom er financieel niet meer uit." in html
    assert "School" in html
    assert "Meester Jansen" in html and "Gemeente A (organisatie)" in html
    assert "Wijkteam A1" in html
    assert question.routing_note in html
    assert question.first_contact_due.strftime("%Y") in html
    assert "finances, housing" in html
    assert cast.mother.bsn not in html
    assert "******" + cast.mother.bsn[-3:] in html


def test_the_queue_without_team_is_named(cast, login_as):
    question = question_about(
        cast.mother, actor=cast.coordinator, channel="phone", postcode="", house_number=None
    )

    html = login_as(cast.coordinator).get(detail_url(question)).content.decode()

    assert "Intake queue of Gemeente A" in html


def test_a_linked_question_links_to_the_resident(cast, login_as):
    question = question_about(cast.mother)
    confirm_match(support_request=question, resident=cast.mother, actor=cast.coordinator)

    html = login_as(cast.coordinator).get(detail_url(question)).content.decode()

    assert f'href="/residents/{cast.mother.public_id}/"' in html
    assert "Possible matches" not in html
