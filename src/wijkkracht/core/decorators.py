"""View decorators: a page names the capability it needs (see accounts.roles)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose


def capability_required(*capabilities: Capability):
    """Log in first (anonymous users go to the login page); a role without any of
    ``capabilities`` gets a 404, as for a person outside need-to-know: nothing a role may
    not use is shown to exist. Several capabilities: a page that several roles use, each
    seeing their part. Access to a *person* is decided afterwards by the access
    helpers."""
    if not capabilities:
        raise TypeError("capability_required needs at least one capability")

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not any(has_capability(request.user, c) for c in capabilities):
                # Audited like a need-to-know denial: who tried to reach what.
                match = request.resolver_match
                record(
                    user=request.user,
                    action=Action.READ,
                    purpose=Purpose.CARE,
                    object_type=match.view_name if match else request.path[:50],
                    object_id=str(kwargs.get("public_id", "")),
                    outcome=Outcome.DENIED,
                    detail={"capability": " or ".join(str(c) for c in capabilities)},
                )
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator
