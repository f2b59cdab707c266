import pytest
from django.core.management import CommandError, call_command

from wijkkracht.areas.models import District, Municipality, Neighbourhood
from wijkkracht.contrib.cbs.tests.conftest import HEADER

pytestmark = pytest.mark.django_db

GOOD = [
    ("GM0034", "Almere", "GM0034"),
    ("WK003401", "Centrum Almere Haven", "GM0034"),
    ("BU00340101", "Centrum Haven Noord", "GM0034"),
]


def assert_nothing_written():
    assert not Municipality.objects.exists()
    assert not District.objects.exists()
    assert not Neighbourhood.objects.exists()


def run(path, code="GM0034"):
    call_command("import_areas", code, file=path, year=2022)


def test_an_unknown_municipality_code_is_refused(write_csv):
    with pytest.raises(CommandError, match="GM0999 does not appear"):
        run(write_csv(GOOD), "GM0999")
    assert_nothing_written()


def test_a_malformed_municipality_code_is_refused(write_csv):
    with pytest.raises(CommandError, match="GM34 is not a valid CBS municipality code"):
        run(write_csv(GOOD), "GM34")
    assert_nothing_written()


def test_a_malformed_neighbourhood_code_names_line_and_field(write_csv):
    rows = [*GOOD, ("BU0034010X", "Kapot", "GM0034")]
    with pytest.raises(
        CommandError,
        match=r"Line 5, field Key: BU0034010X is not a valid CBS "
        r"neighbourhood code",
    ):
        run(write_csv(rows))
    assert_nothing_written()


def test_a_code_of_another_municipality_is_refused(write_csv):
    rows = [*GOOD, ("WK036301", "Verdwaald", "GM0034")]
    with pytest.raises(CommandError, match="Line 5, field Key: WK036301 does not belong"):
        run(write_csv(rows))
    assert_nothing_written()


def test_an_empty_name_names_the_title_field(write_csv):
    rows = [GOOD[0], GOOD[1], ("BU00340101", "", "GM0034")]
    with pytest.raises(CommandError, match="Line 4, field Title: the name is empty"):
        run(write_csv(rows))
    assert_nothing_written()


def test_a_neighbourhood_whose_district_is_missing_is_refused(write_csv):
    rows = [*GOOD, ("BU00340201", "Zonder wijk", "GM0034")]
    with pytest.raises(
        CommandError,
        match="Line 5, field Key: neighbourhood BU00340201 lies in "
        "district WK003402, which is not in the file",
    ):
        run(write_csv(rows))
    assert_nothing_written()


def test_a_duplicate_code_is_refused(write_csv):
    rows = [*GOOD, ("BU00340101", "Nog eens", "GM0034")]
    with pytest.raises(
        CommandError,
        match=r"Line 5, field Key: BU00340101 appears twice \(also "
        r"on line 4\)",
    ):
        run(write_csv(rows))
    assert_nothing_written()


def test_missing_columns_are_named(write_csv):
    path = write_csv([], header='"Key","Description","DetailRegionCode"\n')
    with pytest.raises(CommandError, match="Line 1: the column.s. Title, Municipality are missing"):
        run(path)
    assert_nothing_written()


def test_a_file_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe" * 10)
    with pytest.raises(CommandError, match="is not a CSV text file in UTF-8"):
        run(path)
    assert_nothing_written()


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run(tmp_path / "nope.csv")


def test_a_line_with_more_values_than_columns_is_refused(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text(
        HEADER + '"GM0034    ","Almere","","GM0034","GM0034","extra"\n', encoding="utf-8"
    )
    with pytest.raises(CommandError, match="Line 2, field Key: the line has more values"):
        run(path)
    assert_nothing_written()


def test_without_table_information_the_year_must_be_given(write_csv):
    with pytest.raises(CommandError, match="--year"):
        call_command("import_areas", "GM0034", file=write_csv(GOOD))
    assert_nothing_written()


def test_a_failure_while_writing_leaves_nothing_behind(write_csv, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Neighbourhood.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        run(write_csv(GOOD))
    assert_nothing_written()
