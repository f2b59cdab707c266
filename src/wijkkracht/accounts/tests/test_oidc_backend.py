"""The staff single sign-on backend matches accounts; it never calls the network here."""

import pytest
from django.test import RequestFactory

from wijkkracht.accounts.models import Role, User
from wijkkracht.accounts.oidc import StaffOIDCBackend
from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "wijkkracht"
    settings.OIDC_RP_CLIENT_SECRET = "test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.invalid/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.invalid/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.invalid/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_CREATE_USER = False
    return StaffOIDCBackend()


def sign_in(backend, claims):
    """Run the part after the provider's tokens were checked, with these claims."""
    request = RequestFactory().get("/oidc/callback/")
    request.session = {}
    backend.request = request
    backend.get_userinfo = lambda access_token, id_token, payload: claims
    return backend.get_or_create_user("access", "id", {}), request


def test_an_active_staff_member_is_found_by_email_ignoring_case(cast, backend):
    user, request = sign_in(backend, {"email": "COORDINATOR@example.org"})
    assert user == cast.coordinator
    assert request.session["wijkkracht_first_step"] == "oidc"


def test_an_unknown_address_logs_nobody_in_and_creates_no_account(cast, backend):
    count = User.objects.count()
    user, _ = sign_in(backend, {"email": "someone.new@example.org"})
    assert user is None
    assert User.objects.count() == count
    line = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert line.detail == {
        "step": "oidc",
        "username": "someone.new@example.org",
        "reason": "no_matching_staff_account",
    }


def test_a_resident_account_is_never_logged_in(cast, backend):
    cast.resident_user.email = "fatima@example.org"
    cast.resident_user.save()
    user, _ = sign_in(backend, {"email": "fatima@example.org"})
    assert user is None
    assert cast.resident_user.role == Role.RESIDENT


def test_an_inactive_account_is_not_logged_in(cast, backend):
    cast.colleague.is_active = False
    cast.colleague.save()
    assert sign_in(backend, {"email": cast.colleague.email})[0] is None


def test_two_accounts_with_one_address_log_nobody_in(cast, backend):
    UserFactory(username="twin", email=cast.coordinator.email)
    assert sign_in(backend, {"email": cast.coordinator.email})[0] is None


def test_an_address_the_provider_marks_unverified_is_refused(cast, backend):
    claims = {"email": cast.coordinator.email, "email_verified": False}
    assert sign_in(backend, claims)[0] is None


def test_claims_without_email_are_refused(cast, backend):
    assert sign_in(backend, {"sub": "abc"})[0] is None


def test_create_user_never_creates(cast, backend):
    assert backend.create_user({"email": "x@example.org"}) is None
    assert not User.objects.filter(email="x@example.org").exists()


def test_user_can_authenticate_refuses_residents(cast, backend):
    assert backend.user_can_authenticate(cast.coordinator)
    assert not backend.user_can_authenticate(cast.resident_user)


def test_login_page_shows_the_organisation_button_only_when_enabled(db, client, settings):
    assert (
        "Log in with your organisation account"
        not in client.get("/accounts/login/").content.decode()
    )
    settings.OIDC_ENABLED = True
    settings.ROOT_URLCONF = "wijkkracht.accounts.tests.urls_with_oidc"
    html = client.get("/accounts/login/").content.decode()
    assert "Log in with your organisation account" in html
    assert 'href="/oidc/authenticate/"' in html


def test_oidc_urls_are_absent_when_not_enabled(settings):
    from django.urls import NoReverseMatch, reverse

    assert not settings.OIDC_ENABLED
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")


def test_project_urls_include_oidc_only_when_enabled(settings):
    import importlib

    from django.urls import clear_url_caches

    import wijkkracht.urls

    def oidc_included() -> bool:
        return any(str(p.pattern) == "oidc/" for p in wijkkracht.urls.urlpatterns)

    assert not oidc_included()
    settings.OIDC_ENABLED = True
    try:
        importlib.reload(wijkkracht.urls)
        assert oidc_included()
    finally:
        settings.OIDC_ENABLED = False
        importlib.reload(wijkkracht.urls)
        clear_url_caches()
    assert not oidc_included()
