"""View decorators: a page names the capability it needs (see accounts.roles)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from wijkkracht.accounts.roles import Capability, has_capability


def capability_required(capability: Capability):
    """Log in first; then 403 for a role without ``capability``. Access to a *person* is
    decided afterwards by the access helpers (404 without need-to-know)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not has_capability(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
