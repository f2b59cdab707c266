from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from wijkkracht.accounts.roles import has_capability


class HasCapability(BasePermission):
    """Permissions declared per action: ``required_capabilities = {"retrieve": ...}``."""

    def has_permission(self, request, view) -> bool:
        required = getattr(view, "required_capabilities", {}).get(getattr(view, "action", None))
        if not request.user or not request.user.is_authenticated:
            return False  # 401/403 from the authentication layer
        if required is None or not has_capability(request.user, required):
            # An action without a declared capability is closed. A role without the
            # capability gets a 404, as on the pages: nothing is shown to exist.
            raise NotFound
        return True
