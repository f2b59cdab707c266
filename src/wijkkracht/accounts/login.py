"""Logging in and out, the use cases behind the login pages.

Staff log in in two steps: username and password, then a six-digit code from an
authenticator app (TOTP). Residents log in with username and password only: in production
they would use DigiD instead, which brings its own second factor.

Every completed login, every failed attempt (wrong password or wrong code) and every
logout writes an audit line. Failed attempts are counted by django-axes per username;
after ``AXES_FAILURE_LIMIT`` the account is locked for ``AXES_COOLOFF_TIME``.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as reset_failed_attempts
from django.contrib import auth
from django.contrib.auth.signals import user_login_failed
from django.db import transaction

from wijkkracht.accounts.models import User
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose

# Steps of a login, as written in the audit line.
PASSWORD = "password"  # noqa: S105 - a step name, not a secret
SECOND_FACTOR = "second_factor"
OIDC = "oidc"

# Session key: how the first step was passed (password or OIDC), for the audit line.
FIRST_STEP_SESSION_KEY = "wijkkracht_first_step"


def record_failed_login(
    *, request, username: str, step: str, locked_out: bool = False, reason: str = ""
) -> None:
    """Audit a failed attempt. Known accounts are named by their user; for an unknown
    username the attempted name goes into the detail."""
    user = User.objects.filter(username=username).first() if username else None
    detail: dict[str, object] = {"step": step}
    if user is None:
        detail["username"] = username[:150]
    if locked_out:
        detail["locked_out"] = True
    if reason:
        detail["reason"] = reason
    record(
        user=user,
        action=Action.LOGIN_FAILED,
        purpose=Purpose.AUTHENTICATION,
        outcome=Outcome.DENIED,
        detail=detail,
    )


def is_locked_out(*, request, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": username})


def reject_code(*, request, user: User) -> bool:
    """A wrong second-factor code counts as a failed login. Returns True when this attempt
    locked the account; the half-finished session is then ended."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
    locked_out = bool(getattr(request, "axes_locked_out", False))
    record_failed_login(
        request=request, username=user.get_username(), step=SECOND_FACTOR, locked_out=locked_out
    )
    if locked_out:
        end_half_login(request=request)
    return locked_out


def end_half_login(*, request) -> None:
    """Forget a login that passed the password but not the code (no logout line: the
    person never got in)."""
    request.session.flush()
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()


def pass_first_step(*, request, user: User, step: str = PASSWORD) -> None:
    """The password (or the organisation's account via OIDC) was right.

    Residents are logged in completely. Staff are logged in without second factor: the
    SecondFactorRequiredMiddleware lets them reach only the login pages until the code."""
    auth.login(request, user)
    request.session[FIRST_STEP_SESSION_KEY] = step
    if not user.needs_second_factor:
        complete_login(request=request, user=user)


def complete_login(*, request, user: User, device=None) -> None:
    """The last step passed: write the login line and clear the failure counter.

    The counter is cleared here and not by django-axes on ``user_logged_in``
    (AXES_RESET_ON_SUCCESS is off): otherwise the right password alone would clear the
    count of wrong codes and allow endless guessing of the code."""
    from django_otp import login as otp_login

    with transaction.atomic():
        if device is not None:
            otp_login(request, device)
            # New privileges, new session key (session fixation).
            request.session.cycle_key()
        first_step = request.session.get(FIRST_STEP_SESSION_KEY, PASSWORD)
        steps = [first_step] + ([SECOND_FACTOR] if device is not None else [])
        record(
            user=user,
            action=Action.LOGIN,
            purpose=Purpose.AUTHENTICATION,
            detail={"steps": steps},
        )
    reset_failed_attempts(username=user.get_username())


def log_out(*, request) -> None:
    """Write the logout line and end the session (``auth.logout`` flushes it)."""
    user = request.user
    if user.is_authenticated:
        record(user=user, action=Action.LOGOUT, purpose=Purpose.AUTHENTICATION)
    auth.logout(request)
