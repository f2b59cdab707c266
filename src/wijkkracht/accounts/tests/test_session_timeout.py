import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_sessions_last_at_most_an_hour_without_activity():
    assert settings.SESSION_COOKIE_AGE <= 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_an_expired_session_sends_you_to_the_login_page(cast, login_as):
    client = login_as(cast.coordinator)
    home = resolve_url(settings.LOGIN_REDIRECT_URL)
    assert client.get(home).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_every_request_moves_the_end_of_the_session(cast, login_as):
    client = login_as(cast.coordinator)
    session = Session.objects.filter(session_key=client.session.session_key)
    session.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    client.get(resolve_url(settings.LOGIN_REDIRECT_URL))
    expires = Session.objects.get(session_key=client.session.session_key).expire_date
    assert expires > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
