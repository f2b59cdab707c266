import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from wijkkracht.audit.models import Action, AuditEntry, Outcome, Purpose

pytestmark = pytest.mark.django_db


def test_login_page_has_labelled_username_and_password_fields(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert '<label class="utrecht-form-label" for="id_password">' in html
    assert "utrecht-button--primary-action" in html


def test_resident_logs_in_with_password_only_and_gets_a_login_line(cast, client, enter_password):
    response = enter_password("inwoner")
    assert response.status_code == 302
    assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL)
    home = client.get(resolve_url(settings.LOGIN_REDIRECT_URL))
    assert home.status_code == 200
    line = AuditEntry.objects.get(action=Action.LOGIN)
    assert line.user_id_value == cast.resident_user.pk
    assert line.purpose == Purpose.AUTHENTICATION
    assert line.detail == {"steps": ["password"]}


def test_staff_with_the_right_password_are_sent_to_the_code_step(cast, client, enter_password):
    response = enter_password("coordinator")
    assert response.status_code == 302
    assert response.url == reverse("accounts:verify")
    # Not logged in completely: every other page sends them back to the code step.
    home = client.get(resolve_url(settings.LOGIN_REDIRECT_URL))
    assert home.status_code == 302
    assert home.url == reverse("accounts:verify")
    assert not AuditEntry.objects.filter(action=Action.LOGIN).exists()


def test_half_logged_in_staff_get_401_from_the_api(cast, client, enter_password):
    enter_password("coordinator")
    assert client.get("/api/").status_code == 401


def test_wrong_password_writes_a_failed_login_line_naming_the_account(cast, enter_password):
    response = enter_password("coordinator", "not-the-password")
    assert response.status_code == 400
    assert "not correct" in response.content.decode()
    line = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert line.user_id_value == cast.coordinator.pk
    assert line.outcome == Outcome.DENIED
    assert line.detail["step"] == "password"
    assert "username" not in line.detail


def test_failed_login_of_an_unknown_username_puts_that_name_in_the_detail(db, enter_password):
    enter_password("nobody-here", "whatever-password")
    line = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert line.user_id_value is None
    assert line.detail["username"] == "nobody-here"
    assert line.username == "nobody-here"


def test_a_form_without_password_is_no_login_attempt(db, enter_password):
    response = enter_password("coordinator", "")
    assert response.status_code == 400
    assert "id_password_error" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_login_keeps_a_safe_next_address(cast, enter_password):
    response = enter_password("inwoner", next="/residents/me/")
    assert response.url == "/residents/me/"


def test_login_ignores_a_next_address_on_another_site(cast, enter_password):
    response = enter_password("inwoner", next="https://evil.example/")
    assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL)


def test_logged_in_user_opening_the_login_page_goes_on(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 302
    assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL)
