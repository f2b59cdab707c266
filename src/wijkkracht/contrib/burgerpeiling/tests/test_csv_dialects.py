"""CSV in the dialects SPSS and spreadsheet programs write."""

from __future__ import annotations

import pytest

from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.models import Respondent
from wijkkracht.contrib.burgerpeiling.reader import REQUIRED, SurveyFileError

from .conftest import respondent, write_csv

ROWS = [
    respondent(wijknr="WK905001", weging=1.25, wl01=8, zw13_0=1, zw13_3=1),
    respondent(wijknr="WK905002", weging=0.5, wl01=6, zw13_10=1),
]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_each_separator_is_recognised(town, tmp_path, delimiter):
    path = write_csv(tmp_path / "peiling.csv", ROWS, delimiter=delimiter)
    survey = import_survey(municipality=town.municipality, year=2024, path=path, actor=None)
    assert survey.file_format == "csv"
    assert sorted(Respondent.objects.values_list("weight", "wl01", "zw13")) == [
        (0.5, 6, 1 << 10),
        (1.25, 8, 0b1001),
    ]


def test_byte_order_mark_quotes_upper_case_names_and_decimal_commas(town, tmp_path):
    header = ";".join(f'"{name.upper()}"' for name in REQUIRED)
    values = {"wijknr": '"WK905001"', "weging": '"0,75"', "wl01": "7"}
    line = ";".join(values.get(name, "") for name in REQUIRED)
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + header + "\r\n" + line + "\r\n\r\n").encode("utf-8"))
    survey = import_survey(municipality=town.municipality, year=2024, path=path, actor=None)
    assert survey.respondents == 1
    assert Respondent.objects.get().weight == 0.75


def test_value_labels_instead_of_codes_are_refused(town, tmp_path):
    path = write_csv(
        tmp_path / "labels.csv", [respondent(wijknr="WK905001", wl04="ja, meestal wel")]
    )
    with pytest.raises(SurveyFileError) as error:
        import_survey(municipality=town.municipality, year=2024, path=path, actor=None)
    assert 'wl04 is "ja, meestal wel", which is not an answer code' in error.value.problems[0]
    assert error.value.problems[0].startswith("line 2 (respondent 1)")
