"""manage.py import_burgerpeiling"""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from wijkkracht.audit.models import AuditEntry
from wijkkracht.contrib.burgerpeiling.models import Survey

from .conftest import respondent, write_csv


def test_the_command_imports_a_file(town, tmp_path, capsys):
    rows = [respondent(wijknr="7", wl01=6)] * 3 + [respondent(wijknr="WK905001", wl01=8)]
    path = write_csv(tmp_path / "peiling.csv", rows)
    mapping = tmp_path / "wijken.txt"
    mapping.write_text("7=WK905003\n")
    call_command(
        "import_burgerpeiling",
        str(path),
        "--municipality",
        "gm9050",
        "--year",
        "2024",
        "--wijknr-map",
        str(mapping),
    )
    out = capsys.readouterr().out
    assert "Burgerpeiling 2024 for Proefdorp (GM9050): 4 respondents (0 without a district)" in out
    survey = Survey.objects.get()
    assert survey.results.get(district=town.south, indicator="wl01").respondents == 3
    assert AuditEntry.objects.get(object_type="burgerpeiling_survey").username == ""


def test_the_command_lists_the_problems(town, tmp_path):
    path = write_csv(tmp_path / "peiling.csv", [respondent(wijknr="WK905001", wl01=0)])
    with pytest.raises(CommandError) as error:
        call_command(
            "import_burgerpeiling", str(path), "--municipality", "GM9050", "--year", "2024"
        )
    assert str(error.value).startswith("Nothing was imported.\n- line 2 (respondent 1): wl01 is 0")
    assert not Survey.objects.exists()


def test_an_unknown_municipality_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="Municipality GM0001 is not known here"):
        call_command(
            "import_burgerpeiling",
            str(tmp_path / "x.csv"),
            "--municipality",
            "GM0001",
            "--year",
            "2024",
        )
