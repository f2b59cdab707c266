from rest_framework.permissions import BasePermission

from wijkkracht.accounts.roles import has_capability


class HasCapability(BasePermission):
    """Permissions declared per action: ``required_capabilities = {"retrieve": ...}``."""

    def has_permission(self, request, view) -> bool:
        required = getattr(view, "required_capabilities", {}).get(getattr(view, "action", None))
        if required is None:
            return False  # an action without a declared capability is closed
        return has_capability(request.user, required)
