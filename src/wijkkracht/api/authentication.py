from rest_framework.authentication import SessionAuthentication


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
