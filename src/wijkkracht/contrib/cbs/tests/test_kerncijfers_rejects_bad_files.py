"""Bad input: a clear message naming the place and the problem, and nothing written."""

import json

import pytest
from django.core.management import CommandError, call_command

from wijkkracht.audit.models import AuditEntry
from wijkkracht.contrib.cbs import figure_import
from wijkkracht.contrib.cbs.models import FigureImport, FigureTable, FigureValue, Measure

pytestmark = pytest.mark.django_db

HEADER = '"ID","WijkenEnBuurten","Gemeentenaam_1","AantalInwoners_5","WmoClienten_89"\n'
GOOD = [
    '0,"GM0034    ","Almere",218096,9875\n',
    '1,"WK003401  ","Almere",7625,420\n',
    '2,"BU00340101","Almere",1420,.\n',
]


def assert_nothing_written():
    assert not FigureValue.objects.exists()
    assert not FigureImport.objects.exists()
    assert not Measure.objects.exists()
    assert not FigureTable.objects.exists()
    assert not AuditEntry.objects.filter(object_type="cbs_figures").exists()


def run(tmp_path, codebook, lines, *, header=HEADER, name="85318NED.csv", **options):
    path = tmp_path / name
    path.write_text(header + "".join(lines), encoding="utf-8")
    call_command("import_kerncijfers", str(path), properties=str(codebook), **options)


def test_an_unknown_column_is_named(tmp_path, kerncijfers_codebook):
    header = HEADER.replace('"WmoClienten_89"', '"WmoKlanten_89"')
    with pytest.raises(CommandError, match="1 column.s. are not in the codebook: WmoKlanten_89"):
        run(tmp_path, kerncijfers_codebook, GOOD, header=header)
    assert_nothing_written()


def test_a_missing_area_column_is_named(tmp_path, kerncijfers_codebook):
    header = HEADER.replace('"WijkenEnBuurten"', '"Regio"')
    with pytest.raises(CommandError, match="the column WijkenEnBuurten with the area codes"):
        run(tmp_path, kerncijfers_codebook, GOOD, header=header)
    assert_nothing_written()


def test_a_wrong_area_code_names_line_and_column(tmp_path, kerncijfers_codebook):
    lines = [*GOOD, '3,"BU0034010X","Almere",12,1\n']
    with pytest.raises(
        CommandError, match='Line 5, column WijkenEnBuurten: "BU0034010X" is not a CBS area code'
    ):
        run(tmp_path, kerncijfers_codebook, lines)
    assert_nothing_written()


def test_a_bad_number_names_line_column_and_value(tmp_path, kerncijfers_codebook):
    lines = [*GOOD, '3,"BU00340102","Almere",veel,1\n']
    with pytest.raises(
        CommandError, match='Line 5, column AantalInwoners_5: "veel" is not a number'
    ):
        run(tmp_path, kerncijfers_codebook, lines)
    assert_nothing_written()


def test_an_area_twice_is_refused(tmp_path, kerncijfers_codebook):
    lines = [*GOOD, '3,"WK003401  ","Almere",1,1\n']
    with pytest.raises(
        CommandError, match=r"Line 5: WK003401 \(2022\) appears twice \(also at Line 3\)"
    ):
        run(tmp_path, kerncijfers_codebook, lines)
    assert_nothing_written()


def test_a_problem_after_figures_were_written_leaves_nothing(
    tmp_path, kerncijfers_codebook, monkeypatch
):
    monkeypatch.setattr(figure_import, "BATCH", 2)  # rows 1-2 are flushed before line 5
    lines = [*GOOD, '3,"BU00340102","Almere",1e99,1\n']
    with pytest.raises(CommandError, match="is not a number"):
        run(tmp_path, kerncijfers_codebook, lines)
    assert_nothing_written()


def test_a_municipality_not_in_the_file_is_refused(tmp_path, kerncijfers_codebook):
    with pytest.raises(CommandError, match="no figures for municipality GM0363"):
        run(tmp_path, kerncijfers_codebook, GOOD, municipality="GM0363")
    assert_nothing_written()


def test_a_malformed_municipality_code_is_refused(tmp_path, kerncijfers_codebook):
    with pytest.raises(CommandError, match="GM34 is not a valid CBS municipality code"):
        run(tmp_path, kerncijfers_codebook, GOOD, municipality="GM34")
    assert_nothing_written()


def test_a_file_that_is_not_a_codebook_is_refused(tmp_path):
    codebook = tmp_path / "DataProperties.csv"
    codebook.write_text('"Naam","Waarde"\n"a","b"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="is not a CBS codebook"):
        run(tmp_path, codebook, GOOD)
    assert_nothing_written()


def test_without_codebook_the_command_asks_for_one(tmp_path):
    path = tmp_path / "85318NED.csv"
    path.write_text(HEADER + "".join(GOOD), encoding="utf-8")
    with pytest.raises(CommandError, match="give the table's DataProperties.csv"):
        call_command("import_kerncijfers", str(path))
    assert_nothing_written()


def test_json_that_is_not_a_typed_dataset_is_refused(tmp_path, kerncijfers_codebook):
    path = tmp_path / "85318NED.json"
    path.write_text(json.dumps({"value": "nope"}), encoding="utf-8")
    with pytest.raises(CommandError, match="is not an OData TypedDataSet"):
        call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))
    assert_nothing_written()


def test_a_bad_number_in_json_names_the_record(tmp_path, kerncijfers_codebook):
    path = tmp_path / "85318NED.json"
    records = [
        {"ID": 0, "WijkenEnBuurten": "GM0034    ", "AantalInwoners_5": 218096},
        {"ID": 1, "WijkenEnBuurten": "WK003401  ", "AantalInwoners_5": True},
    ]
    path.write_text(json.dumps({"value": records}), encoding="utf-8")
    with pytest.raises(CommandError, match='Record 2, column AantalInwoners_5: "true"'):
        call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))
    assert_nothing_written()


def test_the_year_of_an_unknown_table_must_be_given(tmp_path, gebieden):
    codebook = gebieden.parent / "DataProperties.csv"  # no MapYear; TableInfos is beside it
    path = tmp_path / "99999NED.csv"
    path.write_text('"ID","RegioS","Inwonertal_54"\n0,"GM0034    ",218096\n', encoding="utf-8")
    call_command("import_kerncijfers", str(path), properties=str(codebook), table="99999NED")
    assert FigureValue.objects.get().year == 2022  # from TableInfos.csv next to the codebook


def test_a_dutch_spreadsheet_export_with_semicolons_and_decimal_commas_is_read(
    tmp_path, kerncijfers_codebook
):
    header = '"ID";"WijkenEnBuurten";"GemiddeldInkomenPerInwoner_72"\n'
    run(tmp_path, kerncijfers_codebook, ['0;"GM0034    ";26,1\n'], header=header)
    assert str(FigureValue.objects.get().value.normalize()) == "26.1"
