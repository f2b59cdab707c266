"""The second factor: a TOTP authenticator app (django-otp), set up on first login."""

from __future__ import annotations

from base64 import b32encode
from enum import StrEnum

import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.models import User

DEVICE_NAME = "authenticator app"


class CodeCheck(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TOO_FAST = "too_fast"  # django-otp throttles after a wrong code: wait a few seconds


def confirmed_devices(user: User):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def has_confirmed_device(user: User) -> bool:
    return confirmed_devices(user).exists()


def enrolment_device(user: User) -> TOTPDevice | None:
    """The device being set up: the newest unconfirmed one."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()


def start_enrolment(*, user: User) -> TOTPDevice:
    """A new, unconfirmed device with a fresh secret; earlier unfinished ones are removed."""
    with transaction.atomic():
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def check_code(*, user: User, code: str) -> tuple[CodeCheck, TOTPDevice | None]:
    """Check a code against the user's confirmed devices, or, while setting up, against the
    device being set up (which is then confirmed). A code is accepted once only."""
    devices = list(confirmed_devices(user))
    enrolling = not devices
    if enrolling:
        device = enrolment_device(user)
        devices = [device] if device is not None else []
    throttled = 0
    for device in devices:
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            allowed, _data = device.verify_is_allowed()
            if not allowed:
                throttled += 1
                continue
            if device.verify_token(code):
                if enrolling:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                return CodeCheck.ACCEPTED, device
    if devices and throttled == len(devices):
        return CodeCheck.TOO_FAST, None
    return CodeCheck.REJECTED, None


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now (for the local demo and tests)."""
    value = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return str(value).zfill(device.digits)


def secret_base32(device: TOTPDevice) -> str:
    """The secret for typing into the app by hand, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The setup QR code as inline SVG (no request to any outside service)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )
