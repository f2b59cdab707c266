from django.conf import settings

from wijkkracht.accounts.roles import Capability, has_capability


def shell(request):
    """What the page shell needs: the user's municipality and role-aware navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"oidc_enabled": settings.OIDC_ENABLED}
    if not hasattr(request, "_shell_municipalities"):
        request._shell_municipalities = list(user.municipalities.all())
    return {
        "oidc_enabled": settings.OIDC_ENABLED,
        "shell_municipalities": request._shell_municipalities,
        "can": {c.value: has_capability(user, c) for c in Capability},
    }
