from __future__ import annotations

import re
import uuid

from django.conf import settings

from wijkkracht.core.context import RequestContext, current

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id (or keeps the load balancer's) and remembers the origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current.set(RequestContext(request_id=request_id, ip=_client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response["X-Request-ID"] = request_id
        return response


def _client_ip(request) -> str:
    """The client's address. Behind our own load balancer (BEHIND_TLS_PROXY) it is the
    last address in X-Forwarded-For, the one the balancer appended; earlier entries are
    whatever the client sent and are never trusted (throttling, audit origin)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:45]
    return request.META.get("REMOTE_ADDR", "")[:45]


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages with personal data are never kept in shared or browser caches.
            response.setdefault("Cache-Control", "no-store")
        return response
