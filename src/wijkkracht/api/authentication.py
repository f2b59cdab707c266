"""API authentication: staff by their verified session, partner systems by a JWT.

Partner systems authenticate as in the ZGW APIs (Open Zaak): every request carries
``Authorization: Bearer <JWT>``, signed with HS256 and the client's shared secret, with
the claims

- ``client_id`` (or ``iss``): the ApiClient's client id;
- ``iat``: when the token was made; older than one hour, or more than five minutes in
  the future, is refused;
- optional ``user_id`` / ``user_representation``: the professional at the partner on
  whose behalf the system acts. It is written to ``on_behalf_of`` of every audit line.

The client is looked up by the (unverified) client id, then the signature is verified
with its secret. ``request.user`` becomes the client's service user (role
``partner_system``, with its organisation and municipalities); ``request.auth`` the
ApiClient."""

from __future__ import annotations

import time

import jwt
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed

from wijkkracht.api.models import ApiClient

MAX_TOKEN_AGE = 60 * 60  # seconds
MAX_CLOCK_SKEW = 5 * 60  # seconds a token may be dated in the future
ON_BEHALF_OF_MAX_LENGTH = 150


class VerifiedSessionAuthentication(SessionAuthentication):
    """Session login counts for the API only after the second factor (staff)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        if user.needs_second_factor and not user.is_verified():
            return None
        return user, auth


class ApiClientJWTAuthentication(BaseAuthentication):
    """``Authorization: Bearer <JWT>`` signed with the ApiClient's secret (HS256)."""

    keyword = b"bearer"

    def authenticate_header(self, request) -> str:
        # Makes an unauthenticated request a 401 with a challenge instead of a 403.
        return 'Bearer realm="wijkkracht-api"'

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None  # not ours: the session may still authenticate a staff member
        if len(parts) != 2:
            raise AuthenticationFailed("Send the header as: Authorization: Bearer <JWT>.")
        token = parts[1].decode("latin-1")
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthenticationFailed("The bearer token is not a valid JWT.") from exc
        if header.get("alg") != "HS256":
            raise AuthenticationFailed("The JWT must be signed with HS256.")
        client_id = unverified.get("client_id") or unverified.get("iss")
        if not isinstance(client_id, str) or not client_id:
            raise AuthenticationFailed("The JWT has no client_id claim.")
        client = (
            ApiClient.objects.select_related("user", "user__organisation")
            .filter(client_id=client_id)
            .first()
        )
        if client is None:
            raise AuthenticationFailed("Unknown client_id.")
        if not client.is_active or not client.user.is_active:
            raise AuthenticationFailed("This API client is not active.")
        try:
            claims = jwt.decode(
                token,
                client.secret,
                algorithms=["HS256"],
                # iat is checked below with our own limits; exp/nbf are honoured if present.
                options={"require": ["iat"], "verify_iat": False},
            )
        except jwt.MissingRequiredClaimError as exc:
            raise AuthenticationFailed("The JWT has no iat claim.") from exc
        except jwt.ExpiredSignatureError as exc:
            raise AuthenticationFailed("The JWT has expired (exp).") from exc
        except jwt.InvalidSignatureError as exc:
            raise AuthenticationFailed("The JWT signature does not match the client.") from exc
        except jwt.PyJWTError as exc:
            raise AuthenticationFailed("The JWT could not be verified.") from exc
        _check_issued_at(claims.get("iat"))
        user = client.user
        user.on_behalf_of = _on_behalf_of(claims)  # read by audit.log.record
        return user, client


def _check_issued_at(iat) -> None:
    if isinstance(iat, bool) or not isinstance(iat, int | float):
        raise AuthenticationFailed("The iat claim must be a number (seconds since 1970).")
    now = time.time()
    if iat < now - MAX_TOKEN_AGE:
        raise AuthenticationFailed("The JWT is older than one hour (iat); make a new one.")
    if iat > now + MAX_CLOCK_SKEW:
        raise AuthenticationFailed("The JWT is dated in the future (iat); check the clock.")


def _on_behalf_of(claims: dict) -> str:
    """The partner's professional: ``user_representation``, else ``user_id``."""
    for key in ("user_representation", "user_id"):
        value = claims.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()[:ON_BEHALF_OF_MAX_LENGTH]
    return ""
