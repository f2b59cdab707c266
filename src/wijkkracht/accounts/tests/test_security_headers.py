import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_carries_the_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) >= 8


def test_pages_of_logged_in_users_are_not_cached(cast, login_as):
    client = login_as(cast.coordinator)
    response = client.get("/")
    assert "no-store" in response["Cache-Control"]


def test_deploy_check_passes_with_the_default_production_settings(tmp_path):
    """``manage.py check --deploy`` with only a secret key set: the defaults must be safe."""
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "SYSTEMROOT", "TMPDIR"}
    }
    env["SECRET_KEY"] = "".join(secrets.choice(alphabet) for _ in range(60))
    env["WIJKKRACHT_VAR_DIR"] = str(tmp_path)
    manage = Path(settings.PROJECT_DIR) / "manage.py"
    result = subprocess.run(  # noqa: S603 - fixed command, our own interpreter
        [sys.executable, str(manage), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("DEBUG", "DATABASE_URL", "WIJKKRACHT_INSECURE_DEMO_KEY"):
        assert name not in env
