import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.tests.conftest import code_for
from wijkkracht.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(username: str) -> str:
    out = io.StringIO()
    call_command("totp_code", username, stdout=out)
    return out.getvalue().strip()


def test_prints_the_current_code_in_the_demo(cast, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("WIJKKRACHT_DEMO", "true")
    printed = run("coordinator")
    assert len(printed) == 6 and printed.isdigit()
    assert printed == code_for(TOTPDevice.objects.get(user=cast.coordinator))


def test_the_printed_code_logs_in(cast, settings, monkeypatch, enter_password, enter_code):
    monkeypatch.setenv("WIJKKRACHT_DEMO", "true")
    enter_password("coordinator")
    assert enter_code(run("coordinator")).status_code == 302


def test_works_with_debug_on(cast, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("WIJKKRACHT_DEMO", raising=False)
    assert run("coordinator").isdigit()


def test_refused_on_a_real_installation(cast, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("WIJKKRACHT_DEMO", "false")
    with pytest.raises(CommandError, match="demo"):
        run("coordinator")
    monkeypatch.delenv("WIJKKRACHT_DEMO")
    with pytest.raises(CommandError, match="demo"):
        run("coordinator")


def test_says_so_when_the_user_has_no_app_set_up(db, settings, monkeypatch):
    monkeypatch.setenv("WIJKKRACHT_DEMO", "true")
    UserFactory(username="newcomer")
    with pytest.raises(CommandError, match="no authenticator app"):
        run("newcomer")


def test_says_so_for_an_unknown_user(db, monkeypatch):
    monkeypatch.setenv("WIJKKRACHT_DEMO", "true")
    with pytest.raises(CommandError, match="No user"):
        run("nobody")
