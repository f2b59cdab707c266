"""The demo's synthetic Burgerpeiling, and the .sav writer on values of every kind."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pyreadstat

from wijkkracht.contrib.burgerpeiling.models import IndicatorResult, Survey
from wijkkracht.contrib.burgerpeiling.results import indicator_results
from wijkkracht.contrib.burgerpeiling.savwriter import SavVariable, write_sav
from wijkkracht.demo import burgerpeiling as demo_burgerpeiling


def test_the_demo_writes_the_national_format_and_imports_it(town, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    demo = SimpleNamespace(
        municipality=town.municipality, total=5000, seed=7, today=datetime.date(2024, 3, 1)
    )
    counts = demo_burgerpeiling.generate(demo)
    survey = Survey.objects.get()
    assert counts == {"burgerpeiling_respondents": survey.respondents}
    assert survey.is_synthetic and survey.year == 2024
    assert survey.respondents >= 100  # about one per 50 residents
    per_district = {
        r.district_id: r.respondents
        for r in IndicatorResult.objects.filter(indicator="zw06_3").exclude(district=None)
    }
    assert len(per_district) == 3 and min(per_district.values()) >= 30
    path = tmp_path / "demo" / "burgerpeiling-GM9050-2024.sav"
    _data, meta = pyreadstat.read_sav(str(path), output_format="dict", metadataonly=True)
    assert len(meta.column_names) == 178 and meta.file_label.startswith("SYNTHETISCH")
    # the districts differ
    figures = indicator_results(town.municipality)
    assert len({figures[code]["wl01"].value for code in ("WK905001", "WK905002", "WK905003")}) > 1
    demo_burgerpeiling.delete(town.municipality)
    assert not Survey.objects.exists()


def test_the_writer_keeps_every_kind_of_value(tmp_path):
    variables = [
        SavVariable("a_long_variable_name", "F8.2", "label é", value_labels={"1": "één"}),
        SavVariable("a_long_variable_name_2", "F8.0"),
        SavVariable("tekst", "A20", "text"),
    ]
    cases = [
        [1, 123456789, "WK036301"],
        [-99, 151.0, ""],
        [None, -100, "twintig tekens lang!"],
        [0.125, 152, None],
        [1e300, -1.5, "ß"],
    ]
    write_sav(tmp_path / "x.sav", variables, cases)
    data, meta = pyreadstat.read_sav(str(tmp_path / "x.sav"), output_format="dict")
    assert meta.column_names == ["a_long_variable_name", "a_long_variable_name_2", "tekst"]
    assert meta.variable_value_labels == {"a_long_variable_name": {1.0: "één"}}
    assert data["a_long_variable_name"] == [1.0, -99.0, None, 0.125, 1e300]
    assert data["a_long_variable_name_2"] == [123456789.0, 151.0, -100.0, 152.0, -1.5]
    assert data["tekst"] == ["WK036301", "", "twintig tekens lang!", "", "ß"]
