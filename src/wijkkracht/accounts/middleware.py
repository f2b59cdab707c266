from django.shortcuts import redirect

# Paths a logged-in staff member may reach before passing the second factor.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/oidc/")


class SecondFactorRequiredMiddleware:
    """Staff who passed the password but not yet the second factor reach only the login
    pages; everything else sends them to the second-factor step (API: 401)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.needs_second_factor
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                from wijkkracht.api.problems import problem_response

                return problem_response(
                    status=401,
                    title="Second factor required",
                    detail="Log in with your second factor first.",
                )
            return redirect("accounts:verify")
        return self.get_response(request)
