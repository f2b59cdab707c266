import io

import pytest
from django.core.management import call_command

from wijkkracht.areas.models import District, Municipality, Neighbourhood
from wijkkracht.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ROWS = [
    ("GM0034", "Almere", "GM0034"),
    ("WK003401", "Centrum Almere Haven", "GM0034"),
    ("BU00340101", "Centrum Haven Noord", "GM0034"),
    ("BU00340102", "Centrum Haven Zuid", "GM0034"),
    ("GM0363", "Amsterdam", "GM0363"),
    ("WK036300", "Burgwallen-Oude Zijde", "GM0363"),
]


def snapshot():
    return (
        list(Municipality.objects.values_list("pk", "code", "name", "year")),
        list(District.objects.values_list("pk", "code", "name", "municipality_id")),
        list(Neighbourhood.objects.values_list("pk", "code", "name", "district_id")),
    )


def test_running_the_import_twice_changes_nothing(cbs_file):
    call_command("import_areas", "GM0034", file=cbs_file)
    before = snapshot()
    audit_lines = AuditEntry.objects.count()
    out = io.StringIO()

    call_command("import_areas", "GM0034", file=cbs_file, stdout=out)

    assert snapshot() == before
    assert AuditEntry.objects.count() == audit_lines
    assert "0 created, 0 updated" in out.getvalue()


def test_only_the_requested_municipality_is_imported(write_csv):
    path = write_csv(ROWS)

    call_command("import_areas", "GM0034", file=path, year=2022)

    assert list(Municipality.objects.values_list("code", flat=True)) == ["GM0034"]
    assert District.objects.count() == 1
    assert Neighbourhood.objects.count() == 2


def test_renamed_areas_are_renamed_and_keep_their_identity(write_csv):
    call_command("import_areas", "GM0034", file=write_csv(ROWS), year=2022)
    ids = dict(Neighbourhood.objects.values_list("code", "pk"))
    renamed = [
        (key, "Haven-Noord" if key == "BU00340101" else title, municipality)
        for key, title, municipality in ROWS
    ]

    call_command("import_areas", "GM0034", file=write_csv(renamed), year=2022)

    neighbourhood = Neighbourhood.objects.get(code="BU00340101")
    assert neighbourhood.name == "Haven-Noord"
    assert neighbourhood.pk == ids["BU00340101"]
    assert Neighbourhood.objects.get(code="BU00340102").name == "Centrum Haven Zuid"
    assert AuditEntry.objects.order_by("seq").last().detail["updated"] == 1
