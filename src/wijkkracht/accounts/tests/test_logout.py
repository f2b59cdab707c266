import pytest
from django.urls import reverse

from wijkkracht.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def test_logout_by_get_is_not_allowed(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert "_auth_user_id" in client.session
    assert not AuditEntry.objects.filter(action=Action.LOGOUT).exists()


def test_logout_ends_the_session_and_writes_a_logout_line(cast, login_as):
    client = login_as(cast.coordinator)
    old_key = client.session.session_key
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert client.session.session_key != old_key
    line = AuditEntry.objects.get(action=Action.LOGOUT)
    assert line.user_id_value == cast.coordinator.pk


def test_logout_without_session_writes_nothing(db, client):
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert not AuditEntry.objects.exists()
