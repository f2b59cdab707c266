"""A confirmation e-mail, after the question is saved, when an address was given:
the reference and the next steps, never the question itself."""

from __future__ import annotations

import pytest
from django.core import mail

from wijkkracht.intake.models import SupportRequest
from wijkkracht.portal.tests.helpers import send

pytestmark = pytest.mark.django_db


def test_confirmation_mail_has_reference_and_next_steps_but_not_the_question(
    client, cast, django_capture_on_commit_callbacks
):
    address = cast.household.address
    with django_capture_on_commit_callbacks(execute=True):
        send(
            client,
            cast.mun_a,
            email="fatima@example.nl",
            postcode=address.postcode,
            house_number=str(address.house_number),
        )

    question = SupportRequest.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatima@example.nl"]
    assert question.reference in message.subject
    assert question.reference in message.body
    assert "Wijkteam A1" in message.body
    assert "schulden" not in message.body and "schulden" not in message.subject
    assert message.alternatives == []  # plain text only


def test_the_mail_is_sent_only_after_the_question_is_saved(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(client, cast.mun_a, email="fatima@example.nl")

    assert len(callbacks) == 1 and mail.outbox == []


def test_no_mail_without_an_address(client, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, cast.mun_a)

    assert mail.outbox == []


def test_a_retry_sends_no_second_mail(client, cast, django_capture_on_commit_callbacks):
    from wijkkracht.portal.tests.helpers import fresh_token

    token = fresh_token(client, cast.mun_a)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, cast.mun_a, token=token, email="fatima@example.nl")
        send(client, cast.mun_a, token=token, email="fatima@example.nl")

    assert len(mail.outbox) == 1


def test_a_failing_mail_server_does_not_lose_the_question(
    client, cast, settings, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("wijkkracht.portal.confirmation.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, cast.mun_a, email="fatima@example.nl")

    assert response.status_code == 302
    assert SupportRequest.objects.count() == 1
