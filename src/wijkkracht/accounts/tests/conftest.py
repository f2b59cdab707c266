import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.tests.factories import PASSWORD


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    """The code an authenticator app would show now (offset in steps of 30 seconds)."""
    device.refresh_from_db()
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0 - offset * device.step,
        digits=device.digits,
        drift=device.drift,
    )
    return str(value).zfill(device.digits)


def wrong_code_for(device: TOTPDevice) -> str:
    right = {code_for(device, offset) for offset in range(-2, 3)}
    return next(c for c in (f"{n:06d}" for n in range(0, 1_000_000, 111_111)) if c not in right)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The cast has ten accounts; the real hasher takes about 0.4 s per password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def no_throttle(settings):
    """django-otp waits longer after each wrong code; tests type faster than people."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def enter_password(client):
    def _enter(username: str, password: str = PASSWORD, **extra):
        return client.post(
            reverse("accounts:login"), {"username": username, "password": password, **extra}
        )

    return _enter


@pytest.fixture
def enter_code(client):
    def _enter(code: str, **extra):
        return client.post(reverse("accounts:verify"), {"code": code, **extra})

    return _enter
