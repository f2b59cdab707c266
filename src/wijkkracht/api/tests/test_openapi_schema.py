import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_committed_openapi_file_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    subprocess.run(
        [
            sys.executable,
            str(settings.PROJECT_DIR / "manage.py"),
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--lang",
            "en",  # the API speaks English (msgids), whatever LANGUAGE_CODE says
            "--file",
            str(generated),
        ],
        check=True,
        capture_output=True,
    )
    committed = Path(settings.PROJECT_DIR / "docs" / "openapi.yaml").read_text()
    assert generated.read_text() == committed, "run `make schema` and commit docs/openapi.yaml"


def test_no_bsn_in_any_api_path(tmp_path):
    committed = Path(settings.PROJECT_DIR / "docs" / "openapi.yaml").read_text()
    assert "{bsn}" not in committed
