"""The national data format itself: the VNG file beside the repository, and files
written in exactly that format (by the synthetic writer) read back by pyreadstat."""

from __future__ import annotations

import pyreadstat
import pytest

from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.models import Respondent, Survey
from wijkkracht.contrib.burgerpeiling.reader import SurveyFileError, data_format
from wijkkracht.contrib.burgerpeiling.savwriter import SavVariable, write_sav
from wijkkracht.contrib.burgerpeiling.synthetic import (
    SYNTHETIC_LABEL,
    DistrictSample,
    write_synthetic_sav,
)

from .conftest import NATIONAL_FILE

pytestmark = pytest.mark.skipif(
    not NATIONAL_FILE.exists(), reason="../shared/data is not beside the repository"
)


def national_metadata():
    _data, meta = pyreadstat.read_sav(str(NATIONAL_FILE), output_format="dict")
    return meta


def test_the_embedded_format_is_the_national_file():
    meta = national_metadata()
    spec = data_format()["variables"]
    assert [v["name"] for v in spec] == meta.column_names
    assert len(spec) == 178
    for v in spec:
        assert v["format"] == meta.original_variable_types[v["name"]]
        assert v["label"] == (meta.column_names_to_labels[v["name"]] or "")
        labels = meta.variable_value_labels.get(v["name"], {})
        assert v["value_labels"] == {str(int(k)): text for k, text in labels.items()}


def test_the_national_file_is_recognised_and_its_empty_example_row_skipped(town):
    with pytest.raises(SurveyFileError) as error:
        import_survey(municipality=town.municipality, year=2022, path=NATIONAL_FILE, actor=None)
    assert error.value.problems == [
        "The file holds no respondents: every row is empty. Nothing was imported."
    ]
    assert not Survey.objects.exists()


def test_a_file_with_the_national_files_own_dictionary_imports(town, tmp_path):
    """Variables, formats, labels and value labels as read from the VNG file now."""
    meta = national_metadata()
    variables = [
        SavVariable(
            name=name,
            format=meta.original_variable_types[name],
            label=meta.column_names_to_labels[name] or "",
            value_labels={
                str(int(k)): t for k, t in meta.variable_value_labels.get(name, {}).items()
            },
        )
        for name in meta.column_names
    ]
    rows = []
    for number, wijknr in enumerate(["WK905001"] * 6 + ["WK905003"] * 6 + [""], start=1):
        values = dict.fromkeys(meta.column_names)
        values.update(respondent=number, gemnr=9050, jr=2022, weging=0.875, wijknr=wijknr)
        values.update(wl01=7 + number % 3, wl04=1 + number % 6, zw13_2=1, zw13_10=None)
        rows.append([values[name] for name in meta.column_names])
    path = tmp_path / "peiling.sav"
    write_sav(path, variables, rows)
    survey = import_survey(municipality=town.municipality, year=2022, path=path, actor=None)
    assert (survey.respondents, survey.without_district, survey.file_format) == (13, 1, "sav")
    assert Respondent.objects.filter(survey=survey, district=town.north).count() == 6
    assert Respondent.objects.filter(survey=survey, zw13=0b100).count() == 13
    assert set(Respondent.objects.values_list("weight", flat=True)) == {0.875}


def test_a_synthetic_file_has_exactly_the_national_dictionary(tmp_path):
    path = tmp_path / "synthetisch.sav"
    districts = [DistrictSample("WK905001", 40, 0.5, -0.2), DistrictSample("WK905002", 35, -1, 1)]
    assert write_synthetic_sav(path, districts=districts, gemnr=9050, year=2024, seed=3) == 75
    data, meta = pyreadstat.read_sav(str(path), output_format="dict")
    national = national_metadata()
    assert meta.column_names == national.column_names
    assert meta.original_variable_types == national.original_variable_types
    assert meta.column_names_to_labels == national.column_names_to_labels
    assert meta.variable_value_labels == national.variable_value_labels
    assert meta.variable_measure == national.variable_measure
    assert meta.file_label == SYNTHETIC_LABEL
    assert meta.number_rows == 75
    assert data["wijknr"][:1] == ["WK905001"] and data["wijknr"][-1] == "WK905002"
    for name, values in data.items():
        codes = national.variable_value_labels.get(name)
        if codes:
            assert {v for v in values if v is not None} <= set(codes), name


def test_a_synthetic_file_imports(town, tmp_path):
    path = tmp_path / "synthetisch.sav"
    districts = [DistrictSample(code, 30, 0.0, 0.0) for code in ("WK905001", "WK905002")]
    write_synthetic_sav(path, districts=districts, gemnr=9050, year=2024, seed=1)
    survey = import_survey(municipality=town.municipality, year=2024, path=path, actor=None)
    assert survey.respondents == 60
    assert survey.results.filter(district=None).count() == 11
