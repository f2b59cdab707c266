"""Single sign-on for staff with their organisation's account (OpenID Connect).

Enabled when ``OIDC_RP_CLIENT_ID`` is set (see settings). The organisation's identity
provider replaces the password step only: the second factor in Wijkkracht still follows.
Accounts are never created here: the functional administrator makes staff accounts, and
the OIDC login is matched to exactly one active staff account by e-mail address.
Residents never log in this way (they would use DigiD)."""

from __future__ import annotations

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from wijkkracht.accounts import login as login_cases
from wijkkracht.accounts.models import Role


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims) -> bool:
        """An e-mail address is needed, and the provider must not say it is unverified."""
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return (
            self.UserModel.objects.filter(email__iexact=email, is_active=True)
            .exclude(role__in=["", Role.RESIDENT])
            .order_by("pk")
        )

    def create_user(self, claims):
        """Never: accounts are made by the functional administrator."""
        return None

    def match_user(self, claims):
        """The one active staff account with this e-mail address, or None (also when two
        accounts share the address: picking one would be guessing)."""
        if not self.verify_claims(claims):
            return None
        users = list(self.filter_users_by_claims(claims)[:2])
        return users[0] if len(users) == 1 else None

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        user = self.match_user(claims)
        request = getattr(self, "request", None)
        if user is None:
            login_cases.record_failed_login(
                request=request,
                username=str(claims.get("email") or ""),
                step=login_cases.OIDC,
                reason="no_matching_staff_account",
            )
            return None
        if request is not None and hasattr(request, "session"):
            request.session[login_cases.FIRST_STEP_SESSION_KEY] = login_cases.OIDC
        return user

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and user.role not in {"", Role.RESIDENT}
