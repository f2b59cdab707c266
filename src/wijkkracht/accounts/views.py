"""Login (password, then code), second-factor setup, logout."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from wijkkracht.accounts import login as login_cases
from wijkkracht.accounts import second_factor
from wijkkracht.accounts.forms import CodeForm, LoginForm
from wijkkracht.accounts.lockout import lockout_response


def _next_url(request: HttpRequest) -> str:
    """Where to go after logging in: a safe ``next`` from the form or query string."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _after_login(request: HttpRequest) -> HttpResponse:
    return redirect(_next_url(request) or resolve_url(settings.LOGIN_REDIRECT_URL))


def _to_verify(request: HttpRequest) -> HttpResponse:
    url = reverse("accounts:verify")
    next_url = _next_url(request)
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return redirect(url)


def _fully_logged_in(user) -> bool:
    return user.is_authenticated and (not user.needs_second_factor or user.is_verified())


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: username and password."""
    if request.user.is_authenticated and request.method == "GET":
        return _after_login(request) if _fully_logged_in(request.user) else _to_verify(request)
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            login_cases.pass_first_step(request=request, user=user)
            if not user.needs_second_factor:
                return _after_login(request)
            if not second_factor.has_confirmed_device(user):
                second_factor.start_enrolment(user=user)
            return _to_verify(request)
        username = request.POST.get("username", "").strip()
        if username and request.POST.get("password"):
            login_cases.record_failed_login(
                request=request,
                username=username,
                step=login_cases.PASSWORD,
                locked_out=bool(getattr(request, "axes_locked_out", False)),
            )
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.is_bound else 200,
    )


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2 for staff: the six-digit code, or setting up the app the first time."""
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
    if _fully_logged_in(user):
        return _after_login(request)
    credentials = {"username": user.get_username()}
    if login_cases.is_locked_out(request=request, username=user.get_username()):
        if request.method == "POST":
            login_cases.end_half_login(request=request)
        return lockout_response(request, None, credentials)

    form = CodeForm(data=request.POST if request.method == "POST" else None)
    enrolling = not second_factor.has_confirmed_device(user)
    if request.method == "POST" and request.POST.get("action") == "start_setup":
        if enrolling:
            second_factor.start_enrolment(user=user)
        return _to_verify(request)
    if request.method == "POST" and form.is_valid():
        result, device = second_factor.check_code(user=user, code=form.cleaned_data["code"])
        if result == second_factor.CodeCheck.ACCEPTED:
            login_cases.complete_login(request=request, user=user, device=device)
            return _after_login(request)
        if result == second_factor.CodeCheck.TOO_FAST:
            form.add_error("code", _("Code: wait a few seconds, then enter the new code."))
        else:
            if login_cases.reject_code(request=request, user=user):
                # AxesMiddleware turns this into the lock-out page.
                return lockout_response(request, None, credentials)
            form.add_error(
                "code",
                _("Code: this code is not correct. Enter the code your app shows now."),
            )
    context = {"form": form, "next": _next_url(request), "enrolling": enrolling}
    if enrolling:
        device = second_factor.enrolment_device(user)
        if device is not None:
            context.update(
                {
                    "device": device,
                    "qr_svg": second_factor.qr_code_svg(device),
                    "secret": second_factor.secret_base32(device),
                }
            )
    return render(
        request,
        "accounts/setup_second_factor.html" if enrolling else "accounts/verify.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )


@csrf_protect
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    login_cases.log_out(request=request)
    return redirect(settings.LOGOUT_REDIRECT_URL)
