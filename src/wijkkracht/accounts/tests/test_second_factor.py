import base64

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.tests.conftest import code_for, wrong_code_for
from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def test_the_right_code_logs_staff_in_and_writes_one_login_line(
    cast, client, enter_password, enter_code
):
    enter_password("coordinator", next="/audit/")
    device = TOTPDevice.objects.get(user=cast.coordinator)
    response = enter_code(code_for(device), next="/audit/")
    assert response.status_code == 302
    assert response.url == "/audit/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    line = AuditEntry.objects.get(action=Action.LOGIN)
    assert line.user_id_value == cast.coordinator.pk
    assert line.detail == {"steps": ["password", "second_factor"]}
    home = client.get(resolve_url(settings.LOGIN_REDIRECT_URL))
    assert home.status_code == 200


def test_the_code_step_gets_a_new_session_key(cast, client, enter_password, enter_code):
    enter_password("coordinator")
    key_after_password = client.session.session_key
    enter_code(code_for(TOTPDevice.objects.get(user=cast.coordinator)))
    assert client.session.session_key != key_after_password


def test_a_wrong_code_is_refused_and_counted_as_a_failed_login(
    cast, client, enter_password, enter_code
):
    from axes.models import AccessAttempt

    enter_password("coordinator")
    device = TOTPDevice.objects.get(user=cast.coordinator)
    response = enter_code(wrong_code_for(device))
    assert response.status_code == 400
    assert "id_code_error" in response.content.decode()
    line = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert line.user_id_value == cast.coordinator.pk
    assert line.detail["step"] == "second_factor"
    assert AccessAttempt.objects.get(username="coordinator").failures_since_start == 1
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_code_cannot_be_used_twice(cast, client, enter_password, enter_code, no_throttle):
    device = TOTPDevice.objects.get(user=cast.coordinator)
    enter_password("coordinator")
    code = code_for(device)
    assert enter_code(code).status_code == 302
    client.post(reverse("accounts:logout"))
    enter_password("coordinator")
    assert enter_code(code).status_code == 400


def test_a_code_typed_too_soon_after_a_wrong_one_is_not_checked(cast, enter_password, enter_code):
    from axes.models import AccessAttempt

    device = TOTPDevice.objects.get(user=cast.coordinator)
    enter_password("coordinator")
    enter_code(wrong_code_for(device))
    response = enter_code(code_for(device))
    assert response.status_code == 400
    assert "wait a few seconds" in response.content.decode()
    assert AccessAttempt.objects.get(username="coordinator").failures_since_start == 1


def test_code_with_the_space_the_app_shows_is_accepted(cast, enter_password, enter_code):
    device = TOTPDevice.objects.get(user=cast.coordinator)
    enter_password("coordinator")
    code = code_for(device)
    assert enter_code(f"{code[:3]} {code[3:]}").status_code == 302


def test_code_step_without_password_step_sends_to_login(client):
    response = client.get(reverse("accounts:verify"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_staff_without_an_app_see_a_qr_code_and_the_key_to_set_it_up(cast, client, enter_password):
    newcomer = UserFactory(username="newcomer", municipalities=[cast.mun_a])
    enter_password("newcomer")
    response = client.get(reverse("accounts:verify"))
    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=newcomer)
    assert not device.confirmed
    assert "<svg" in html
    assert "<label" in html and 'for="id_code"' in html
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in html
    shown = html.split('<code class="utrecht-code"')[1].split(">", 1)[1].split("</code>")[0]
    assert shown.replace(" ", "") == secret


def test_confirming_the_first_code_sets_up_the_app_and_logs_in(
    cast, client, enter_password, enter_code
):
    newcomer = UserFactory(username="newcomer", municipalities=[cast.mun_a])
    enter_password("newcomer")
    device = TOTPDevice.objects.get(user=newcomer)
    response = enter_code(code_for(device))
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert AuditEntry.objects.filter(action=Action.LOGIN, user_id_value=newcomer.pk).exists()


def test_setup_can_be_started_again_with_a_new_key(cast, client, enter_password):
    newcomer = UserFactory(username="newcomer", municipalities=[cast.mun_a])
    enter_password("newcomer")
    first = TOTPDevice.objects.get(user=newcomer)
    response = client.post(reverse("accounts:verify"), {"action": "start_setup"})
    assert response.status_code == 302
    second = TOTPDevice.objects.get(user=newcomer)
    assert second.pk != first.pk
    assert second.key != first.key


def test_showing_the_setup_page_creates_nothing(cast, client, enter_password):
    newcomer = UserFactory(username="newcomer", municipalities=[cast.mun_a])
    enter_password("newcomer")
    TOTPDevice.objects.filter(user=newcomer).delete()
    response = client.get(reverse("accounts:verify"))
    assert response.status_code == 200
    assert "start_setup" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_a_code_of_the_unconfirmed_device_does_not_pass_once_an_app_is_set_up(
    cast, enter_password, enter_code
):
    stray = TOTPDevice.objects.create(user=cast.coordinator, name="stray", confirmed=False)
    enter_password("coordinator")
    assert enter_code(code_for(stray)).status_code == 400
