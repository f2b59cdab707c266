"""Permissions declared per action, as in Open Zaak:

    required_capabilities = {"create": Capability.REGISTER_INTAKE}  # staff (roles)
    required_scopes = {"create": Scope.INTAKE_CREATE}               # partner systems

An action without a declaration is closed. Staff without the capability get a 404, as on
the pages (nothing a role may not use is shown to exist). A partner system gets a 404 for
an action not open to partner systems at all, and a 403 naming the scope when the action
is open to partner systems but its client lacks the scope."""

from __future__ import annotations

from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import BasePermission

from wijkkracht.accounts.models import Role
from wijkkracht.accounts.roles import has_capability
from wijkkracht.api.models import ApiClient
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose


class MissingScope(PermissionDenied):
    default_code = "missing_scope"

    def __init__(self, scope: str):
        self.scope = str(scope)
        super().__init__(f"This API client lacks the scope {self.scope}.")


def api_client_of(request) -> ApiClient | None:
    """The ApiClient that authenticated this request (JWT), or None for staff."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiClient) else None


class HasCapability(BasePermission):
    """Staff: ``required_capabilities``; partner systems: ``required_scopes``."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False  # 401/403 from the authentication layer
        action = getattr(view, "action", None)
        client = api_client_of(request)
        if client is not None or user.role == Role.PARTNER_SYSTEM:
            scope = getattr(view, "required_scopes", {}).get(action)
            if scope is None:
                _audit_denial(request, view)
                raise NotFound
            if client is None or not client.has_scope(scope):
                _audit_denial(request, view)
                raise MissingScope(scope)
            return True
        required = getattr(view, "required_capabilities", {}).get(action)
        if required is None or not has_capability(user, required):
            _audit_denial(request, view)
            raise NotFound
        return True


def _audit_denial(request, view) -> None:
    """The attempt on personal data is audited like any other denial."""
    public_id = view.kwargs.get("public_id", "")
    object_type = getattr(view, "audit_object_type", "")
    record(
        user=request.user,
        action=Action.SEARCH if view.action == "search" else Action.READ,
        purpose=Purpose.CARE,
        object_type=object_type,
        object_id=str(public_id),
        resident=public_id if object_type == "resident" and public_id else None,
        outcome=Outcome.DENIED,
    )
