import time

from django.conf import settings
from django.shortcuts import redirect

# Paths a logged-in staff member may reach before passing the second factor.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/oidc/")


class SecondFactorRequiredMiddleware:
    """Staff who passed the password but not yet the second factor reach only the login
    pages; everything else sends them to the second-factor step (API: 401)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_second_factor
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                from wijkkracht.api.problems import problem_response

                return problem_response(
                    status=401,
                    title="Second factor required",
                    detail="Log in with your second factor first.",
                )
            return redirect("accounts:verify")
        return self.get_response(request)


class SessionActivityMiddleware:
    """Moves the end of a session on activity, at most once a minute.

    The idle timeout (``SESSION_COOKIE_AGE``, at most 60 minutes) counts from the last
    time the session was saved. Saving it on every request (``SESSION_SAVE_EVERY_REQUEST``)
    would cost every page a write and a disk flush; instead the session is saved when its
    last save is ``SESSION_REFRESH_SECONDS`` or more ago. A session therefore ends between
    ``SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS`` and ``SESSION_COOKIE_AGE`` after the
    last request: never later than the configured idle time."""

    KEY = "_wk_active"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        last = session.get(self.KEY)
        stale = not isinstance(last, int) or now - last >= settings.SESSION_REFRESH_SECONDS
        if session.modified or stale:
            session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response


def stamp_activity_at_login(sender, request, user, **kwargs) -> None:
    """Logging in saves the session anyway: stamp it then, so the first page after it does
    not write the session again (``user_logged_in``, connected in ``AccountsConfig``)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SessionActivityMiddleware.KEY] = int(time.time())
