import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkkracht.accounts.middleware import SessionActivityMiddleware

pytestmark = pytest.mark.django_db


def test_sessions_last_at_most_an_hour_without_activity():
    assert settings.SESSION_COOKIE_AGE <= 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert "wijkkracht.accounts.middleware.SessionActivityMiddleware" in settings.MIDDLEWARE
    assert 0 < settings.SESSION_REFRESH_SECONDS <= 60


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


def _last_activity_ago(client, seconds: int) -> None:
    session = client.session
    session[SessionActivityMiddleware.KEY] = int(timezone.now().timestamp()) - seconds
    session.save()


def test_activity_after_a_minute_moves_the_end_of_the_session(cast, login_as):
    client = login_as(cast.coordinator)
    _last_activity_ago(client, settings.SESSION_REFRESH_SECONDS)
    session = Session.objects.filter(session_key=client.session.session_key)
    session.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    client.get(resolve_url(settings.LOGIN_REDIRECT_URL))
    expires = Session.objects.get(session_key=client.session.session_key).expire_date
    assert expires > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_requests_within_the_minute_do_not_write_the_session(cast, login_as):
    client = login_as(cast.coordinator)
    home = resolve_url(settings.LOGIN_REDIRECT_URL)
    client.get(home)  # the first request after logging in stamps the activity
    with CaptureQueriesContext(connection) as queries:
        assert client.get(home).status_code == 200
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert writes == []
