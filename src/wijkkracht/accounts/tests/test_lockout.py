import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.tests.conftest import code_for, wrong_code_for
from wijkkracht.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def test_the_limit_is_five_failed_attempts():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(
    cast, client, enter_password
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert enter_password("coordinator", "wrong-password").status_code == 400
    locked = enter_password("coordinator", "wrong-password")
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    html = locked.content.decode()
    assert "30" in html  # minutes until the next try
    assert "functional administrator" in html
    again = enter_password("coordinator")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    failed = AuditEntry.objects.filter(action=Action.LOGIN_FAILED)
    assert failed.count() == settings.AXES_FAILURE_LIMIT + 1
    assert failed.filter(detail__locked_out=True).exists()


def test_five_wrong_codes_lock_the_account_and_end_the_half_login(
    cast, client, enter_password, enter_code, no_throttle
):
    device = TOTPDevice.objects.get(user=cast.coordinator)
    enter_password("coordinator")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert enter_code(wrong_code_for(device)).status_code == 400
    locked = enter_code(wrong_code_for(device))
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # The password alone does not get back in while locked.
    assert enter_password("coordinator").status_code == 429


def test_the_right_password_does_not_clear_the_count_of_wrong_codes(
    cast, client, enter_password, enter_code, no_throttle
):
    device = TOTPDevice.objects.get(user=cast.coordinator)
    enter_password("coordinator")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        enter_code(wrong_code_for(device))
    client.post(reverse("accounts:logout"))
    assert enter_password("coordinator").status_code == 302
    assert enter_code(wrong_code_for(device)).status_code == 429


def test_a_completed_login_clears_the_count(cast, client, enter_password, enter_code, no_throttle):
    from axes.models import AccessAttempt

    device = TOTPDevice.objects.get(user=cast.coordinator)
    enter_password("coordinator", "wrong-password")
    enter_password("coordinator")
    enter_code(wrong_code_for(device))
    assert enter_code(code_for(device)).status_code == 302
    assert not AccessAttempt.objects.filter(username="coordinator").exists()


def test_locking_one_account_leaves_colleagues_alone(cast, enter_password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        enter_password("coordinator", "wrong-password")
    assert enter_password("colleague").status_code == 302
