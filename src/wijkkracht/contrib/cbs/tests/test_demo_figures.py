"""The demo's figures and outlines: CBS's layout, loaded by the real importers, labelled
synthetic, and consistent with the demo's own registry."""

import csv
import datetime
import json
import random
from decimal import Decimal
from types import SimpleNamespace

import pytest

from wijkkracht.areas.tests.factories import (
    AddressFactory,
    DistrictFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from wijkkracht.contrib.cbs.figure_import import import_figures_file
from wijkkracht.contrib.cbs.figures import boundaries, figures_profile, key_figures
from wijkkracht.contrib.cbs.models import AreaBoundary, FigureImport, FigureValue
from wijkkracht.contrib.cbs.typed_dataset import read_codebook_file
from wijkkracht.demo import figures as demo_figures
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.households.tests.factories import HouseholdFactory, HouseholdMembershipFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def demo():
    """A small demo registry: 2 districts, 5 neighbourhoods, households of every kind."""
    municipality = MunicipalityFactory(code="GM1999", name="Lindewaard", is_synthetic=True)
    districts = [
        DistrictFactory(municipality=municipality, code=f"WK1999{d:02d}", name=f"Wijk {d}")
        for d in (1, 2)
    ]
    neighbourhoods = [
        NeighbourhoodFactory(district=districts[0], code="BU19990101", name="Oost"),
        NeighbourhoodFactory(district=districts[0], code="BU19990102", name="West"),
        NeighbourhoodFactory(district=districts[0], code="BU19990103", name="Zuid"),
        NeighbourhoodFactory(district=districts[1], code="BU19990201", name="Dorp"),
        NeighbourhoodFactory(district=districts[1], code="BU19990202", name="Polder"),
    ]
    ages = (3, 17, 30, 50, 70)
    for index, nb in enumerate(neighbourhoods):
        for kind in range(3 + index):
            household = HouseholdFactory(address=AddressFactory(neighbourhood=nb))
            head_age = ages[(index + kind) % 5] if kind % 3 else 40
            born = TODAY.replace(year=TODAY.year - max(head_age, 18))
            HouseholdMembershipFactory(household=household, resident__date_of_birth=born)
            if kind % 3 == 1:  # with a child
                HouseholdMembershipFactory(
                    household=household,
                    relation=HouseholdMembership.Relation.CHILD,
                    resident__date_of_birth=TODAY.replace(year=TODAY.year - 8),
                )
            if kind % 3 == 2:  # a couple
                HouseholdMembershipFactory(
                    household=household, relation=HouseholdMembership.Relation.PARTNER
                )
    HouseholdMembershipFactory(  # moved out: not counted
        household=HouseholdFactory(address=AddressFactory(neighbourhood=neighbourhoods[0])),
        ended=True,
    )
    return SimpleNamespace(
        municipality=municipality,
        neighbourhoods=neighbourhoods,
        total=HouseholdMembership.objects.filter(ended_on__isnull=True).count(),
        rng=random.Random(5),
        today=TODAY,
    )


def registry_counts():
    counts = {}
    for m in HouseholdMembership.objects.filter(ended_on__isnull=True).select_related(
        "household__address__neighbourhood"
    ):
        code = m.household.address.neighbourhood.code
        counts.setdefault(code, {"residents": 0, "households": set()})
        counts[code]["residents"] += 1
        counts[code]["households"].add(m.household_id)
    return counts


def test_the_demo_figures_match_the_registry_and_are_synthetic(demo):
    counts = demo_figures.generate(demo)

    figures = key_figures("GM1999")
    registry = registry_counts()
    for code, expected in registry.items():
        assert figures[code]["AantalInwoners_5"] == expected["residents"]
        assert figures[code]["HuishoudensTotaal_28"] == len(expected["households"])
    assert figures["GM1999"]["AantalInwoners_5"] == sum(r["residents"] for r in registry.values())
    assert figures["WK199902"]["AantalInwoners_5"] == (
        registry["BU19990201"]["residents"] + registry["BU19990202"]["residents"]
    )
    for code, row in figures.items():
        ages = ("k_0Tot15Jaar_8", "k_15Tot25Jaar_9", "k_25Tot45Jaar_10", "k_45Tot65Jaar_11")
        assert sum(row[k] for k in ages) + row["k_65JaarOfOuder_12"] == row["AantalInwoners_5"]
        assert (
            row["Eenpersoonshuishoudens_29"]
            + row["HuishoudensZonderKinderen_30"]
            + row["HuishoudensMetKinderen_31"]
            == row["HuishoudensTotaal_28"]
        ), code
    # Small neighbourhoods get CBS's "." for income, as CBS does.
    assert figures["BU19990101"]["GemiddeldInkomenPerInwoner_72"] is None
    assert FigureImport.objects.get().is_synthetic
    assert set(AreaBoundary.objects.values_list("is_synthetic", flat=True)) == {True}
    assert figures_profile("GM1999").is_synthetic
    assert counts == {"cbs_figures": FigureValue.objects.count(), "area_boundaries": 7}


def test_every_neighbourhood_lies_inside_its_district(demo):
    demo_figures.generate(demo)

    outlines = boundaries("GM1999")
    assert set(outlines) == {"WK199901", "WK199902"} | {nb.code for nb in demo.neighbourhoods}
    for nb in demo.neighbourhoods:
        district = AreaBoundary.objects.get(area_code="WK" + nb.code[2:8])
        inner = AreaBoundary.objects.get(area_code=nb.code)
        assert district.min_x <= inner.min_x and inner.max_x <= district.max_x
        assert district.min_y <= inner.min_y and inner.max_y <= district.max_y
    assert outlines["BU19990101"].name == "Oost"


def test_the_demo_writes_exactly_the_typed_dataset_layout(demo, tmp_path, kerncijfers_codebook):
    counted = demo_figures.count_registry(demo.municipality, TODAY)
    districts = list(demo.municipality.districts.order_by("code"))
    outlines = demo_figures.plan_outlines(districts, demo.neighbourhoods, demo.total, demo.rng)
    rows = demo_figures.figure_rows(
        demo.municipality, districts, demo.neighbourhoods, counted, outlines, demo.rng
    )
    path = tmp_path / "85318NED_TypedDataSet.csv"
    demo_figures.write_typed_dataset_csv(rows, path)

    codebook = read_codebook_file(kerncijfers_codebook)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        records = list(reader)
    assert set(reader.fieldnames) <= {"ID", "WijkenEnBuurten", *codebook.topics}
    assert reader.fieldnames[:2] == ["ID", "WijkenEnBuurten"]
    assert [r["WijkenEnBuurten"] for r in records[:3]] == ["GM1999    ", "WK199901  ", "BU19990101"]
    assert records[0]["SoortRegio_2"].strip() == "Gemeente"

    json_path = tmp_path / "85318NED.json"
    json_path.write_text(json.dumps(demo_figures.typed_dataset_json(rows)), encoding="utf-8")
    result = import_figures_file(path=json_path, properties=kerncijfers_codebook, is_synthetic=True)
    assert result.table_id == "85318NED" and result.years == [2022]
    assert key_figures("GM1999")["GM1999"]["AantalInwoners_5"] == Decimal(demo.total)


def test_deleting_the_demo_removes_its_figures_and_outlines(demo):
    demo_figures.generate(demo)

    demo_figures.delete(demo.municipality)

    assert not FigureValue.objects.exists()
    assert not FigureImport.objects.exists()
    assert not AreaBoundary.objects.exists()


def test_without_the_shared_codebook_the_demo_writes_its_own(demo, monkeypatch, tmp_path):
    monkeypatch.setattr(demo_figures, "SHARED_CODEBOOK", tmp_path / "absent.csv")

    demo_figures.generate(demo)

    assert key_figures("GM1999")["GM1999"]["AantalInwoners_5"] == demo.total
