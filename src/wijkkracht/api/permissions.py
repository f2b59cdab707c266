from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from wijkkracht.accounts.roles import has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose


class HasCapability(BasePermission):
    """Permissions declared per action: ``required_capabilities = {"retrieve": ...}``."""

    def has_permission(self, request, view) -> bool:
        required = getattr(view, "required_capabilities", {}).get(getattr(view, "action", None))
        if not request.user or not request.user.is_authenticated:
            return False  # 401/403 from the authentication layer
        if required is None or not has_capability(request.user, required):
            # An action without a declared capability is closed. A role without the
            # capability gets a 404, as on the pages: nothing is shown to exist. The
            # attempt on personal data is audited like any other denial.
            public_id = view.kwargs.get("public_id", "")
            record(
                user=request.user,
                action=Action.SEARCH if view.action == "search" else Action.READ,
                purpose=Purpose.CARE,
                object_type=getattr(view, "audit_object_type", ""),
                object_id=str(public_id),
                resident=public_id
                if getattr(view, "audit_object_type", "") == "resident" and public_id
                else None,
                outcome=Outcome.DENIED,
            )
            raise NotFound
        return True
