import io

import pytest
from django.core.management import CommandError, call_command

from wijkkracht.areas.models import Municipality
from wijkkracht.areas.tests.factories import MunicipalityFactory
from wijkkracht.audit.log import verify
from wijkkracht.audit.models import AuditEntry
from wijkkracht.residents.models import Resident

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_every_login_the_password_and_the_second_factor():
    output = run("--residents", "120")
    for username in (
        "regisseur",
        "collega",
        "teamleider",
        "beschikker",
        "beleid",
        "privacy",
        "beheer",
        "inwoner",
    ):
        assert username in output
    assert "wijkkracht-demo" in output
    assert "make totp WHO=regisseur" in output
    assert "manage.py totp_code inwoner" not in output


def test_an_existing_demo_municipality_is_not_overwritten_without_replace():
    run("--residents", "100")
    with pytest.raises(CommandError, match="already exists; use --replace"):
        run("--residents", "100")
    assert Resident.objects.count() == 100


def test_replace_starts_afresh_and_keeps_the_audit_lines():
    run("--residents", "100")
    lines_before = list(AuditEntry.objects.values_list("seq", "hash"))

    run("--residents", "150", "--replace")

    assert Resident.objects.count() == 150
    assert Municipality.objects.count() == 1
    lines_after = dict(AuditEntry.objects.values_list("seq", "hash"))
    assert all(lines_after[seq] == hash_ for seq, hash_ in lines_before)
    assert len(lines_after) > len(lines_before)
    assert verify() == []


def test_a_real_municipality_is_never_replaced():
    MunicipalityFactory(code="GM0034", name="Almere", is_synthetic=False)
    with pytest.raises(CommandError, match="real municipality"):
        run("--residents", "50", "--municipality-code", "GM0034", "--replace")
    assert Municipality.objects.get(code="GM0034").name == "Almere"


def test_a_malformed_code_is_refused():
    with pytest.raises(CommandError, match="not a valid CBS municipality code"):
        run("--residents", "50", "--municipality-code", "1999")


def test_a_second_demo_municipality_gets_its_own_usernames():
    run("--residents", "60")
    output = run("--residents", "60", "--municipality-code", "GM1998", "--name", "Beekveld")
    assert "regisseur-gm1998" in output
    assert Municipality.objects.count() == 2


def test_logins_option_prints_the_existing_accounts_without_generating(db):
    from io import StringIO

    from django.core.management import call_command

    from wijkkracht.residents.models import Resident

    call_command("demo", residents=200, stdout=StringIO())
    before = Resident.objects.count()
    out = StringIO()
    call_command("demo", logins=True, stdout=out)
    assert Resident.objects.count() == before
    assert "make totp WHO=anderteam" in out.getvalue()
    assert "beheer" in out.getvalue()


def test_if_empty_generates_once_and_then_only_prints_logins(db):
    from io import StringIO

    from django.core.management import call_command

    from wijkkracht.residents.models import Resident

    call_command("demo", residents=150, if_empty=True, stdout=StringIO())
    first = Resident.objects.count()
    assert first == 150
    out = StringIO()
    call_command("demo", residents=150, if_empty=True, stdout=out)
    assert Resident.objects.count() == first
    assert "regisseur" in out.getvalue()
