import pytest
from django.core.management import call_command

from wijkkracht.areas.models import District, Municipality, Neighbourhood
from wijkkracht.audit.models import AuditEntry
from wijkkracht.contrib.cbs.tests.conftest import rows_of

pytestmark = pytest.mark.django_db


def test_almere_is_imported_with_all_its_districts_and_neighbourhoods(cbs_file):
    call_command("import_areas", "GM0034", file=cbs_file)

    almere = Municipality.objects.get(code="GM0034")
    assert almere.name == "Almere"
    assert almere.year == 2022
    assert not almere.is_synthetic
    expected_districts = {r["Key"].strip(): r["Title"] for r in rows_of(cbs_file, "GM0034", "WK")}
    expected_neighbourhoods = {
        r["Key"].strip(): r["Title"] for r in rows_of(cbs_file, "GM0034", "BU")
    }
    districts = dict(almere.districts.values_list("code", "name"))
    neighbourhoods = dict(almere.neighbourhoods.values_list("code", "name"))
    assert districts == expected_districts
    assert neighbourhoods == expected_neighbourhoods
    assert District.objects.count() == len(expected_districts)
    assert Neighbourhood.objects.count() == len(expected_neighbourhoods)


def test_every_neighbourhood_lies_in_the_district_its_code_names(cbs_file):
    call_command("import_areas", "GM0034", file=cbs_file)

    pairs = Neighbourhood.objects.values_list("code", "district__code", "district__municipality")
    almere = Municipality.objects.get(code="GM0034")
    for code, district_code, municipality_id in pairs:
        assert district_code == "WK" + code[2:8]
        assert municipality_id == almere.pk
    assert Neighbourhood.objects.get(code="BU00340101").district.code == "WK003401"


def test_the_year_is_taken_from_the_table_unless_given(cbs_file):
    call_command("import_areas", "GM0034", file=cbs_file, year=2023)

    assert Municipality.objects.get(code="GM0034").year == 2023
    assert set(District.objects.values_list("year", flat=True)) == {2023}


def test_the_import_writes_one_audit_line_without_personal_data(cbs_file):
    call_command("import_areas", "GM0034", file=cbs_file)

    line = AuditEntry.objects.get()
    assert line.object_type == "municipality"
    assert line.object_id == "GM0034"
    assert line.resident_pseudonym == ""
    assert line.detail["created"] == 1 + District.objects.count() + Neighbourhood.objects.count()
