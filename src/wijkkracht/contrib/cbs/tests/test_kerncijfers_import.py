"""Import of CBS tables in CBS's own layout, from the real files in ../shared/data/cbs."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from wijkkracht.audit.models import AuditEntry
from wijkkracht.contrib.cbs.figure_import import import_figures_file
from wijkkracht.contrib.cbs.models import FigureImport, FigureTable, FigureValue, Measure
from wijkkracht.contrib.cbs.tests.conftest import csv_rows
from wijkkracht.contrib.cbs.typed_dataset import read_codebook_file

pytestmark = pytest.mark.django_db


def values_of(measure_key: str) -> dict[str, Decimal | None]:
    return dict(
        FigureValue.objects.filter(measure__key=measure_key).values_list("area_code", "value")
    )


def to_odata_json(rows: list[dict], codebook_path, *, version: int = 3) -> str:
    """The CSV rows as CBS's OData feed serves them: typed numbers, null for unknown."""
    codebook = read_codebook_file(codebook_path)
    records = []
    for row in rows:
        record = {}
        for key, text in row.items():
            topic = codebook.topics.get(key)
            if key == "ID":
                record[key] = int(text)
            elif topic is not None and topic.is_numeric:
                record[key] = None if text.strip() in ("", ".") else int(text)
            else:
                record[key] = text
        records.append(record)
    url = "https://opendata.cbs.nl/ODataApi/OData/85067NED/$metadata#Cbs.OData.TypedDataSet"
    head = {"odata.metadata": url} if version == 3 else {"@odata.context": url}
    return json.dumps({**head, "value": records}, ensure_ascii=False)


def test_the_real_csv_of_85067ned_is_imported_for_every_municipality(gebieden):
    out = io.StringIO()
    call_command("import_kerncijfers", str(gebieden), stdout=out)

    rows = csv_rows(gebieden)
    expected = {row["RegioS"].strip(): Decimal(row["Inwonertal_54"]) for row in rows}
    assert values_of("Inwonertal_54") == expected
    assert values_of("Inwonertal_54")["GM0034"] == Decimal(
        next(r["Inwonertal_54"] for r in rows if r["RegioS"].strip() == "GM0034")
    )
    assert set(FigureValue.objects.values_list("year", flat=True)) == {2022}
    assert "345 areas, 690 figures" in out.getvalue()


def test_the_codebook_gives_the_measures_and_text_columns_are_not_figures(gebieden):
    call_command("import_kerncijfers", str(gebieden))

    table = FigureTable.objects.get()
    assert table.table_id == "85067NED"
    assert table.title == "Gebieden in Nederland 2022"
    measures = {m.key: m for m in Measure.objects.exclude(datatype="String")}
    assert set(measures) == {"Inwonertal_54", "Omgevingsadressendichtheid_55"}
    assert set(FigureValue.objects.values_list("measure__key", flat=True)) == set(measures)
    assert measures["Inwonertal_54"].title == "Inwonertal"
    assert measures["Inwonertal_54"].unit == "aantal"
    assert measures["Inwonertal_54"].decimals == 0
    assert not FigureValue.objects.filter(measure__key="Naam_2").exists()


@pytest.mark.parametrize("version", [3, 4])
def test_the_odata_json_feed_gives_the_same_figures_as_the_csv(gebieden, tmp_path, version):
    call_command("import_kerncijfers", str(gebieden))
    from_csv = values_of("Inwonertal_54")
    FigureValue.objects.all().delete()
    path = tmp_path / "TypedDataSet.json"
    path.write_text(
        to_odata_json(csv_rows(gebieden), gebieden.parent / "DataProperties.csv", version=version),
        encoding="utf-8",
    )

    result = import_figures_file(path=path, properties=gebieden.parent / "DataProperties.csv")

    assert result.table_id == "85067NED"  # from odata.metadata / @odata.context
    assert result.years == [2022]
    assert values_of("Inwonertal_54") == from_csv


def test_only_the_chosen_municipality_is_imported(gebieden):
    call_command("import_kerncijfers", str(gebieden), municipality="GM0034")

    assert set(FigureValue.objects.values_list("area_code", flat=True)) == {"GM0034"}
    assert FigureImport.objects.get().municipality_code == "GM0034"


def test_the_kerncijfers_codebook_is_read_with_units_decimals_and_map_year(kerncijfers_codebook):
    codebook = read_codebook_file(kerncijfers_codebook)

    assert codebook.geo_dimension == "WijkenEnBuurten"
    assert codebook.map_year == 2022
    residents = codebook.topics["AantalInwoners_5"]
    assert (residents.title, residents.unit, residents.decimals) == ("Aantal inwoners", "aantal", 0)
    income = codebook.topics["GemiddeldInkomenPerInwoner_72"]
    assert (income.unit, income.decimals, income.is_numeric) == ("x 1 000 euro", 1, True)
    assert not codebook.topics["Gemeentenaam_1"].is_numeric
    for key in (
        "k_0Tot15Jaar_8",
        "Eenpersoonshuishoudens_29",
        "HuishOnderOfRondSociaalMinimum_79",
        "PersonenPerSoortUitkeringBijstand_83",
        "JongerenMetJeugdzorgInNatura_87",
        "WmoClienten_89",
    ):
        assert codebook.topics[key].is_numeric


def write_kerncijfers(path, rows):
    """A TypedDataSet of 85318NED for real Almere codes; values are made up (synthetic)."""
    header = '"ID","WijkenEnBuurten","Gemeentenaam_1","SoortRegio_2","Codering_3",'
    header += '"AantalInwoners_5","GemiddeldInkomenPerInwoner_72","WmoClienten_89"\r\n'
    lines = [header]
    for number, (code, residents, income, wmo) in enumerate(rows):
        kind = {"GM": "Gemeente", "WK": "Wijk", "BU": "Buurt"}[code[:2]]
        lines.append(
            f'{number},"{code:<10}","Almere                                  ","{kind:<10}",'
            f'"{code:<10}",{residents},{income},{wmo}\r\n'
        )
    path.write_text("".join(lines), encoding="utf-8")
    return path


ALMERE = [
    ("GM0034", 218096, "26.1", 9875),
    ("WK003401", 7625, "25.0", 420),
    ("BU00340101", 1420, ".", ""),
    ("BU00340102", 1890, "24.8", 95),
]


def test_kerncijfers_in_cbs_layout_with_unknown_figures(kerncijfers_codebook, tmp_path):
    path = write_kerncijfers(tmp_path / "85318NED_TypedDataSet.csv", ALMERE)

    call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))

    assert values_of("AantalInwoners_5") == {
        "GM0034": Decimal(218096),
        "WK003401": Decimal(7625),
        "BU00340101": Decimal(1420),
        "BU00340102": Decimal(1890),
    }
    income = values_of("GemiddeldInkomenPerInwoner_72")
    assert income["BU00340101"] is None  # "." is CBS's unknown
    assert income["BU00340102"] == Decimal("24.8")
    assert values_of("WmoClienten_89")["BU00340101"] is None  # empty is unknown too
    assert set(FigureValue.objects.values_list("year", flat=True)) == {2022}  # MapYear
    assert (
        FigureValue.objects.get(
            area_code="WK003401", measure__key="WmoClienten_89"
        ).municipality_code
        == "GM0034"
    )
    # All numeric variables of the codebook are known, also those not in this file.
    assert Measure.objects.filter(table__table_id="85318NED").count() > 100


def test_importing_the_same_file_twice_changes_no_figure(kerncijfers_codebook, tmp_path):
    path = write_kerncijfers(tmp_path / "85318NED_TypedDataSet.csv", ALMERE)
    call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))
    before = sorted(FigureValue.objects.values_list("pk", "area_code", "measure_id", "value"))
    measures = sorted(Measure.objects.values_list("pk", "key"))

    call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))

    assert (
        sorted(FigureValue.objects.values_list("pk", "area_code", "measure_id", "value")) == before
    )
    assert sorted(Measure.objects.values_list("pk", "key")) == measures
    assert FigureImport.objects.count() == 2
    assert AuditEntry.objects.filter(object_type="cbs_figures").count() == 2


def test_a_corrected_file_replaces_the_figures_it_holds(kerncijfers_codebook, tmp_path):
    path = write_kerncijfers(tmp_path / "85318NED_TypedDataSet.csv", ALMERE)
    call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))
    corrected = [(code, residents + 1, income, wmo) for code, residents, income, wmo in ALMERE[:2]]
    write_kerncijfers(path, corrected)

    call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))

    residents = values_of("AantalInwoners_5")
    assert residents["GM0034"] == Decimal(218097)
    assert residents["BU00340101"] == Decimal(1420)  # not in the corrected file: kept
    latest = FigureImport.objects.order_by("-pk").first()
    assert (
        FigureValue.objects.get(area_code="GM0034", measure__key="AantalInwoners_5").source
        == latest
    )


def test_a_second_file_of_a_known_table_needs_no_codebook(kerncijfers_codebook, tmp_path):
    path = write_kerncijfers(tmp_path / "85318NED_TypedDataSet.csv", ALMERE)
    call_command("import_kerncijfers", str(path), properties=str(kerncijfers_codebook))
    other = tmp_path / "elsewhere"
    other.mkdir()
    again = write_kerncijfers(other / "85318NED.csv", ALMERE[:1])

    call_command("import_kerncijfers", str(again))

    assert FigureImport.objects.count() == 2


def test_the_import_writes_an_audit_line_without_personal_data(gebieden):
    call_command("import_kerncijfers", str(gebieden), municipality="GM0034")

    line = AuditEntry.objects.get(object_type="cbs_figures")
    assert line.object_id == "85067NED"
    assert line.detail["values"] == 2
    assert line.detail["municipality"] == "GM0034"
    assert line.resident_pseudonym == ""
