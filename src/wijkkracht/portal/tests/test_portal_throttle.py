"""Anonymous questions are throttled per sender: after the limit, a friendly 429."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from wijkkracht.intake.models import SupportRequest
from wijkkracht.portal.tests.helpers import fresh_token, send

pytestmark = pytest.mark.django_db


def test_the_sixth_question_within_an_hour_gets_a_friendly_429(client, cast):
    for _ in range(5):
        assert send(client, cast.mun_a).status_code == 302

    response = send(client, cast.mun_a)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Please try again in an hour." in response.content.decode()
    assert SupportRequest.objects.count() == 5


def test_the_limit_is_per_sender(client, cast):
    for _ in range(5):
        send(client, cast.mun_a, ip="192.0.2.10")

    assert send(client, cast.mun_a, ip="192.0.2.11").status_code == 302


def test_the_limit_comes_from_the_settings(client, cast, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 2
    send(client, cast.mun_a)
    send(client, cast.mun_a)

    assert send(client, cast.mun_a).status_code == 429


def test_questions_older_than_an_hour_do_not_count(client, cast, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 1
    send(client, cast.mun_a)
    SupportRequest.objects.update(received_at=timezone.now() - timedelta(minutes=61))

    assert send(client, cast.mun_a).status_code == 302


def test_a_retry_of_a_sent_question_is_not_throttled(client, cast, settings):
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 1
    token = fresh_token(client, cast.mun_a)
    first = send(client, cast.mun_a, token=token)

    retry = send(client, cast.mun_a, token=token)

    # The same thank-you page: the same question id (the signature's timestamp may differ
    # when the retry falls in the next second).
    assert retry.status_code == 302
    assert retry["Location"].split(":")[0] == first["Location"].split(":")[0]
    assert SupportRequest.objects.count() == 1
