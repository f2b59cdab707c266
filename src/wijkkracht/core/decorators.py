"""View decorators: a page names the capability it needs (see accounts.roles)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from wijkkracht.accounts.roles import Capability, has_capability


def capability_required(capability: Capability):
    """Log in first (anonymous users go to the login page); a role without
    ``capability`` gets a 404, as for a person outside need-to-know: nothing a role may
    not use is shown to exist. Access to a *person* is decided afterwards by the access
    helpers."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_capability(request.user, capability):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator
