"""Demo: CBS key figures and area boundaries for the fictional municipality, synthetic.

The figures are written in exactly CBS's layout — the OData TypedDataSet of
"Kerncijfers wijken en buurten 2022" (85318NED) as CSV, with the table's own codebook —
and loaded with the real importer (``import_kerncijfers``), labelled synthetic. The
outlines are written as a GeoJSON FeatureCollection in the CBS/PDOK wijk- en buurtkaart
format (``statcode``, ``statnaam``, RD New) and loaded with ``import_boundaries``. So the
demo proves both importers.

Counts agree with the demo's registry: residents, age groups, households, single-person
households and households with children per neighbourhood are counted from it (one
query); districts and the municipality are the sums of their neighbourhoods. Income,
housing, benefits and care figures are drawn around a per-district level of deprivation,
and left unknown (CBS's ".") for neighbourhoods under 50 residents, as CBS does.
"""

from __future__ import annotations

import csv
import json
import math
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Q

from wijkkracht.areas.models import District
from wijkkracht.contrib.cbs.boundaries import area_m2, import_boundaries_file
from wijkkracht.contrib.cbs.figure_import import import_figures_file
from wijkkracht.contrib.cbs.models import AreaBoundary, FigureImport, FigureValue
from wijkkracht.households.models import HouseholdMembership

TABLE_ID = "85318NED"
YEAR = 2022
SHARED_CODEBOOK = (
    Path(settings.PROJECT_DIR).parent / "shared/data/cbs" / TABLE_ID / "DataProperties.csv"
)
DENSITY = 2500  # residents per km² of land, on average
CENTRE = (172_000, 447_000)  # RD New, somewhere in the middle of the country
SMALL = 50  # neighbourhoods with fewer residents get no income or benefit figures

# The variables generated, as in the 85318NED codebook (used when the shared codebook is
# not available): key, title, unit, decimals, data type.
DEMO_CODEBOOK = (
    ("AantalInwoners_5", "Aantal inwoners", "aantal", 0, "Long"),
    ("Mannen_6", "Mannen", "aantal", 0, "Long"),
    ("Vrouwen_7", "Vrouwen", "aantal", 0, "Long"),
    ("k_0Tot15Jaar_8", "0 tot 15 jaar", "aantal", 0, "Long"),
    ("k_15Tot25Jaar_9", "15 tot 25 jaar", "aantal", 0, "Long"),
    ("k_25Tot45Jaar_10", "25 tot 45 jaar", "aantal", 0, "Long"),
    ("k_45Tot65Jaar_11", "45 tot 65 jaar", "aantal", 0, "Long"),
    ("k_65JaarOfOuder_12", "65 jaar of ouder", "aantal", 0, "Long"),
    ("HuishoudensTotaal_28", "Huishoudens totaal", "aantal", 0, "Long"),
    ("Eenpersoonshuishoudens_29", "Eenpersoonshuishoudens", "aantal", 0, "Long"),
    ("HuishoudensZonderKinderen_30", "Huishoudens zonder kinderen", "aantal", 0, "Long"),
    ("HuishoudensMetKinderen_31", "Huishoudens met kinderen", "aantal", 0, "Long"),
    ("GemiddeldeHuishoudensgrootte_32", "Gemiddelde huishoudensgrootte", "aantal", 1, "Double"),
    ("Bevolkingsdichtheid_33", "Bevolkingsdichtheid", "aantal inwoners per km²", 0, "Long"),
    ("Woningvoorraad_34", "Woningvoorraad", "aantal", 0, "Long"),
    ("GemiddeldeWoningwaarde_35", "Gemiddelde woningwaarde", "x 1 000 euro", 0, "Long"),
    ("Koopwoningen_40", "Koopwoningen", "%", 0, "Long"),
    ("HuurwoningenTotaal_41", "Huurwoningen totaal", "%", 0, "Long"),
    ("InBezitWoningcorporatie_42", "In bezit woningcorporatie", "%", 0, "Long"),
    ("Nettoarbeidsparticipatie_67", "Nettoarbeidsparticipatie", "%", 0, "Long"),
    (
        "GemiddeldInkomenPerInwoner_72",
        "Gemiddeld inkomen per inwoner",
        "x 1 000 euro",
        1,
        "Double",
    ),
    ("HuishoudensMetEenLaagInkomen_78", "Huishoudens met een laag inkomen", "%", 1, "Double"),
    (
        "HuishOnderOfRondSociaalMinimum_79",
        "Huish. onder of rond sociaal minimum",
        "%",
        1,
        "Double",
    ),
    (
        "PersonenPerSoortUitkeringBijstand_83",
        "Personen per soort uitkering; Bijstand",
        "aantal",
        0,
        "Long",
    ),
    ("PersonenPerSoortUitkeringAOW_86", "Personen per soort uitkering; AOW", "aantal", 0, "Long"),
    ("JongerenMetJeugdzorgInNatura_87", "Jongeren met jeugdzorg in natura", "aantal", 0, "Long"),
    ("PercentageJongerenMetJeugdzorg_88", "Percentage jongeren met jeugdzorg", "%", 1, "Double"),
    ("WmoClienten_89", "Wmo-cliënten", "aantal", 0, "Long"),
    ("WmoClientenRelatief_90", "Wmo-cliënten relatief", "per 1 000 inwoners", 0, "Long"),
    ("OppervlakteTotaal_111", "Oppervlakte totaal", "ha", 0, "Long"),
    ("OppervlakteLand_112", "Oppervlakte land", "ha", 0, "Long"),
    ("OppervlakteWater_113", "Oppervlakte water", "ha", 0, "Long"),
)
KEYS = [key for key, *_rest in DEMO_CODEBOOK]
DECIMALS = {key: decimals for key, _t, _u, decimals, _d in DEMO_CODEBOOK}
# Sums over neighbourhoods for districts and the municipality; the rest are weighted means.
COUNTS = {
    "AantalInwoners_5", "Mannen_6", "Vrouwen_7", "k_0Tot15Jaar_8", "k_15Tot25Jaar_9",
    "k_25Tot45Jaar_10", "k_45Tot65Jaar_11", "k_65JaarOfOuder_12", "HuishoudensTotaal_28",
    "Eenpersoonshuishoudens_29", "HuishoudensZonderKinderen_30", "HuishoudensMetKinderen_31",
    "Woningvoorraad_34", "PersonenPerSoortUitkeringBijstand_83",
    "PersonenPerSoortUitkeringAOW_86", "JongerenMetJeugdzorgInNatura_87", "WmoClienten_89",
    "OppervlakteTotaal_111", "OppervlakteLand_112", "OppervlakteWater_113",
}  # fmt: skip
WEIGHT_OF = {  # weighted mean: the count that weighs
    "GemiddeldeWoningwaarde_35": "Woningvoorraad_34",
    "Koopwoningen_40": "Woningvoorraad_34",
    "HuurwoningenTotaal_41": "Woningvoorraad_34",
    "InBezitWoningcorporatie_42": "Woningvoorraad_34",
    "Nettoarbeidsparticipatie_67": "k_25Tot45Jaar_10",
    "GemiddeldInkomenPerInwoner_72": "AantalInwoners_5",
    "HuishoudensMetEenLaagInkomen_78": "HuishoudensTotaal_28",
    "HuishOnderOfRondSociaalMinimum_79": "HuishoudensTotaal_28",
}
TYPED_COLUMNS = [
    "ID",
    "WijkenEnBuurten",
    "Gemeentenaam_1",
    "SoortRegio_2",
    "Codering_3",
    "IndelingswijzigingWijkenEnBuurten_4",
    *KEYS,
]


def generate(demo) -> dict[str, int]:
    municipality = demo.municipality
    neighbourhoods = list(demo.neighbourhoods)
    districts = list(District.objects.filter(municipality=municipality).order_by("code"))
    rng = demo.rng
    counted = count_registry(municipality, demo.today)
    outlines = plan_outlines(districts, neighbourhoods, demo.total, rng)
    rows = figure_rows(municipality, districts, neighbourhoods, counted, outlines, rng)
    with tempfile.TemporaryDirectory(prefix="wijkkracht-cbs-") as folder:
        folder = Path(folder)
        properties = SHARED_CODEBOOK if _codebook_has_keys(SHARED_CODEBOOK) else None
        if properties is None:
            properties = folder / "DataProperties.csv"
            write_codebook(properties)
        data = folder / f"{TABLE_ID}_TypedDataSet.csv"
        write_typed_dataset_csv(rows, data)
        figures = import_figures_file(
            path=data,
            properties=properties,
            table_id=TABLE_ID,
            year=YEAR,
            municipality_code=municipality.code,
            is_synthetic=True,
        )
        geojson = folder / "wijkenbuurten.geojson"
        names = {area.code: area.name for area in (*districts, *neighbourhoods)}
        write_geojson(outlines, geojson, municipality.code, names)
        boundaries = import_boundaries_file(path=geojson, year=YEAR, is_synthetic=True)
    return {"cbs_figures": figures.values, "area_boundaries": boundaries}


def delete(municipality) -> None:
    """The demo municipality's figures, their imports and outlines."""
    FigureValue.objects.filter(municipality_code=municipality.code).delete()
    FigureImport.objects.filter(municipality_code=municipality.code, is_synthetic=True).delete()
    AreaBoundary.objects.filter(municipality_code=municipality.code).delete()


# --- counting the registry --------------------------------------------------------------
def _years_ago(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def count_registry(municipality, today: date) -> dict[int, dict[str, int]]:
    """Per neighbourhood id: residents, age groups, households, single-person households
    and households with children, from current memberships; one query."""
    born_after = {age: _years_ago(today, age) for age in (15, 25, 45, 65)}
    others = [
        HouseholdMembership.Relation.PARTNER,
        HouseholdMembership.Relation.CHILD,
        HouseholdMembership.Relation.PARENT,
        HouseholdMembership.Relation.OTHER,
    ]
    rows = (
        HouseholdMembership.objects.filter(
            household__municipality=municipality,
            ended_on__isnull=True,
            household__ended_on__isnull=True,
        )
        .order_by()
        .values("household__address__neighbourhood_id")
        .annotate(
            residents=Count("id"),
            a0=Count("id", filter=Q(resident__date_of_birth__gt=born_after[15])),
            a15=Count(
                "id",
                filter=Q(
                    resident__date_of_birth__gt=born_after[25],
                    resident__date_of_birth__lte=born_after[15],
                ),
            ),
            a25=Count(
                "id",
                filter=Q(
                    resident__date_of_birth__gt=born_after[45],
                    resident__date_of_birth__lte=born_after[25],
                ),
            ),
            a45=Count(
                "id",
                filter=Q(
                    resident__date_of_birth__gt=born_after[65],
                    resident__date_of_birth__lte=born_after[45],
                ),
            ),
            households=Count("household_id", distinct=True),
            shared=Count("household_id", distinct=True, filter=Q(relation__in=others)),
            with_children=Count(
                "household_id",
                distinct=True,
                filter=Q(relation=HouseholdMembership.Relation.CHILD),
            ),
        )
    )
    result = {}
    for row in rows:
        a65 = row["residents"] - row["a0"] - row["a15"] - row["a25"] - row["a45"]
        result[row["household__address__neighbourhood_id"]] = {
            "residents": row["residents"],
            "a0": row["a0"],
            "a15": row["a15"],
            "a25": row["a25"],
            "a45": row["a45"],
            "a65": a65,
            "households": row["households"],
            "singles": row["households"] - row["shared"],
            "with_children": row["with_children"],
        }
    return result


# --- outlines ---------------------------------------------------------------------------
def plan_outlines(districts, neighbourhoods, residents: int, rng) -> dict[str, list]:
    """A plausible tiling: a lattice with jittered (shared) vertices; each district a block
    of lattice cells, each neighbourhood a block inside its district. ``{code: ring}`` with
    the ring as a list of (x, y) in RD New metres, closed, counter-clockwise."""
    by_district: dict[int, list] = {d.pk: [] for d in districts}
    for nb in neighbourhoods:
        by_district[nb.district_id].append(nb)
    largest = max((len(v) for v in by_district.values()), default=1) or 1
    side = 2 * math.ceil(math.sqrt(largest))  # lattice cells per district block, each way
    columns = math.ceil(math.sqrt(len(districts)))
    rows = math.ceil(len(districts) / columns)
    area_km2 = max(2.0, residents / DENSITY)
    cell = math.sqrt(area_km2 * 1e6 / (len(districts) * side * side))
    nx, ny = columns * side, rows * side
    origin = (CENTRE[0] - nx * cell / 2, CENTRE[1] - ny * cell / 2)
    vertices = [
        [
            (
                origin[0] + (i + rng.uniform(-0.3, 0.3)) * cell,
                origin[1] + (j + rng.uniform(-0.3, 0.3)) * cell,
            )
            for j in range(ny + 1)
        ]
        for i in range(nx + 1)
    ]

    def block(i0: int, j0: int, i1: int, j1: int) -> list[tuple[float, float]]:
        ring = [vertices[i][j0] for i in range(i0, i1 + 1)]
        ring += [vertices[i1][j] for j in range(j0 + 1, j1 + 1)]
        ring += [vertices[i][j1] for i in range(i1 - 1, i0 - 1, -1)]
        ring += [vertices[i0][j] for j in range(j1 - 1, j0 - 1, -1)]
        return ring

    outlines: dict[str, list] = {}
    for index, district in enumerate(districts):
        # Row-major from the north-west, as a map is read.
        i0 = (index % columns) * side
        j0 = (rows - 1 - index // columns) * side
        outlines[district.code] = block(i0, j0, i0 + side, j0 + side)
        members = by_district[district.pk]
        if not members:
            continue
        bands = math.ceil(math.sqrt(len(members)))
        per_band = _split(len(members), bands)
        heights = _split(side, bands)
        top = j0 + side
        position = 0
        for band, height in zip(per_band, heights, strict=True):
            widths = _split(side, band)
            left = i0
            for width in widths:
                nb = members[position]
                outlines[nb.code] = block(left, top - height, left + width, top)
                left += width
                position += 1
            top -= height
    return outlines


def _split(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` whole numbers as equal as possible (each at least 1)."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


# --- figures ----------------------------------------------------------------------------
def _round_to(value: float, step: int) -> int:
    return int(step * round(value / step))


def figure_rows(municipality, districts, neighbourhoods, counted, outlines, rng) -> list[dict]:
    """One dict per area (GM, each WK followed by its BUs), keyed by CBS column."""
    deprivation = {d.pk: rng.betavariate(2, 2.5) for d in districts}
    per_neighbourhood: dict[str, dict] = {}
    for nb in neighbourhoods:
        c = counted.get(nb.pk) or dict.fromkeys(
            (
                "residents",
                "a0",
                "a15",
                "a25",
                "a45",
                "a65",
                "households",
                "singles",
                "with_children",
            ),
            0,
        )
        d = min(1.0, max(0.0, deprivation[nb.district_id] + rng.uniform(-0.12, 0.12)))
        per_neighbourhood[nb.code] = _neighbourhood_figures(c, d, outlines.get(nb.code), rng)
    rows = [_aggregate(municipality.code, municipality.name, "Gemeente", per_neighbourhood)]
    rows[0]["Gemeentenaam_1"] = municipality.name
    by_district: dict[int, list] = {}
    for nb in neighbourhoods:
        by_district.setdefault(nb.district_id, []).append(nb)
    for district in districts:
        members = by_district.get(district.pk, [])
        rows.append(
            _aggregate(
                district.code,
                district.name,
                "Wijk",
                {nb.code: per_neighbourhood[nb.code] for nb in members},
            )
        )
        for nb in members:
            rows.append(
                {
                    "WijkenEnBuurten": nb.code,
                    "SoortRegio_2": "Buurt",
                    "Codering_3": nb.code,
                    **per_neighbourhood[nb.code],
                }
            )
    for number, row in enumerate(rows):
        row["ID"] = number
        row["Gemeentenaam_1"] = municipality.name
        row["IndelingswijzigingWijkenEnBuurten_4"] = "1"
    return rows


def _neighbourhood_figures(c: dict, d: float, ring, rng) -> dict:
    residents, households = c["residents"], c["households"]
    men = round(residents * rng.uniform(0.47, 0.52))
    total_ha = (area_m2([[_flat(ring)]]) / 10_000) if ring else 0.0
    water_ha = total_ha * rng.uniform(0.01, 0.08)
    land_km2 = max((total_ha - water_ha) / 100, 0.01)
    dwellings = round(households * rng.uniform(1.01, 1.05))
    rent = min(95.0, max(5.0, 15 + 60 * d + rng.uniform(-8, 8)))
    figures = {
        "AantalInwoners_5": residents,
        "Mannen_6": men,
        "Vrouwen_7": residents - men,
        "k_0Tot15Jaar_8": c["a0"],
        "k_15Tot25Jaar_9": c["a15"],
        "k_25Tot45Jaar_10": c["a25"],
        "k_45Tot65Jaar_11": c["a45"],
        "k_65JaarOfOuder_12": c["a65"],
        "HuishoudensTotaal_28": households,
        "Eenpersoonshuishoudens_29": c["singles"],
        "HuishoudensZonderKinderen_30": households - c["singles"] - c["with_children"],
        "HuishoudensMetKinderen_31": c["with_children"],
        "GemiddeldeHuishoudensgrootte_32": round(residents / households, 1) if households else None,
        "Bevolkingsdichtheid_33": round(residents / land_km2),
        "Woningvoorraad_34": dwellings,
        "GemiddeldeWoningwaarde_35": round(480 - 250 * d + rng.uniform(-30, 30)),
        "Koopwoningen_40": 100 - round(rent),
        "HuurwoningenTotaal_41": round(rent),
        "InBezitWoningcorporatie_42": round(rent * rng.uniform(0.55, 0.8)),
        "Nettoarbeidsparticipatie_67": round(76 - 16 * d + rng.uniform(-3, 3)),
        "GemiddeldInkomenPerInwoner_72": round(38 - 16 * d + rng.uniform(-2, 2), 1),
        "HuishoudensMetEenLaagInkomen_78": round(3 + 14 * d + rng.uniform(-1, 1), 1),
        "HuishOnderOfRondSociaalMinimum_79": round(2 + 11 * d + rng.uniform(-1, 1), 1),
        "PersonenPerSoortUitkeringBijstand_83": _round_to(
            (c["a15"] + c["a25"] + c["a45"]) * (0.01 + 0.07 * d), 10
        ),
        "PersonenPerSoortUitkeringAOW_86": _round_to(c["a65"] * 0.98, 10),
        "JongerenMetJeugdzorgInNatura_87": _round_to(
            (c["a0"] + c["a15"] * 0.8) * (0.06 + 0.07 * d), 5
        ),
        "WmoClienten_89": _round_to(
            residents * (0.04 + 0.04 * d) + c["a65"] * 0.12 * rng.uniform(0.8, 1.2), 5
        ),
        "OppervlakteTotaal_111": round(total_ha),
        "OppervlakteLand_112": round(total_ha - water_ha),
        "OppervlakteWater_113": round(water_ha),
    }
    young = c["a0"] + c["a15"] * 0.8
    figures["PercentageJongerenMetJeugdzorg_88"] = (
        round(100 * figures["JongerenMetJeugdzorgInNatura_87"] / young, 1) if young else None
    )
    figures["WmoClientenRelatief_90"] = (
        round(1000 * figures["WmoClienten_89"] / residents) if residents else None
    )
    if residents < SMALL:  # CBS publishes no income, housing value or benefit figures here
        for key in (
            "GemiddeldeWoningwaarde_35",
            "Nettoarbeidsparticipatie_67",
            "GemiddeldInkomenPerInwoner_72",
            "HuishoudensMetEenLaagInkomen_78",
            "HuishOnderOfRondSociaalMinimum_79",
            "PersonenPerSoortUitkeringBijstand_83",
            "JongerenMetJeugdzorgInNatura_87",
            "PercentageJongerenMetJeugdzorg_88",
            "WmoClienten_89",
            "WmoClientenRelatief_90",
        ):
            figures[key] = None
    return figures


def _flat(ring) -> list[float]:
    return [v for point in ring for v in point]


def _aggregate(code: str, name: str, kind: str, members: dict[str, dict]) -> dict:
    row = {"WijkenEnBuurten": code, "SoortRegio_2": kind, "Codering_3": code}
    figures = list(members.values())
    for key in COUNTS:
        known = [f[key] for f in figures if f.get(key) is not None]
        row[key] = sum(known) if known else None
    for key, weight_key in WEIGHT_OF.items():
        pairs = [(f[key], f[weight_key] or 0) for f in figures if f.get(key) is not None]
        weight = sum(w for _v, w in pairs)
        mean = sum(v * w for v, w in pairs) / weight if weight else None
        row[key] = None if mean is None else round(mean, DECIMALS[key])
    residents, households = row["AantalInwoners_5"] or 0, row["HuishoudensTotaal_28"] or 0
    row["GemiddeldeHuishoudensgrootte_32"] = (
        round(residents / households, 1) if households else None
    )
    land = (row["OppervlakteLand_112"] or 0) / 100
    row["Bevolkingsdichtheid_33"] = round(residents / land) if land else None
    young = (row["k_0Tot15Jaar_8"] or 0) + (row["k_15Tot25Jaar_9"] or 0) * 0.8
    youth_care = row["JongerenMetJeugdzorgInNatura_87"]
    row["PercentageJongerenMetJeugdzorg_88"] = (
        round(100 * youth_care / young, 1) if young and youth_care is not None else None
    )
    wmo = row["WmoClienten_89"]
    row["WmoClientenRelatief_90"] = (
        round(1000 * wmo / residents) if residents and wmo is not None else None
    )
    return row


# --- CBS's layout -------------------------------------------------------------------------
def _codebook_has_keys(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            keys = {row.get("Key") for row in csv.DictReader(handle)}
    except OSError:
        return False
    return set(KEYS) <= keys


def write_codebook(path: Path) -> None:
    """A DataProperties.csv with only the generated variables (the shared codebook of
    85318NED is used when it is there)."""
    header = ["odata.type", "ID", "Position", "ParentID", "Type", "Key", "Title",
              "Description", "MapYear", "Datatype", "Unit", "Decimals", "Default",
              "PresentationType"]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        writer.writerow(
            [
                "Cbs.OData.GeoDetail",
                0,
                0,
                "",
                "GeoDetail",
                "WijkenEnBuurten",
                "Wijken en buurten",
                "",
                YEAR,
                "",
                "",
                "",
                "",
                "",
            ]  # fmt: skip
        )
        strings = (
            ("Gemeentenaam_1", "Gemeentenaam", "naam"),
            ("SoortRegio_2", "Soort regio", "omschrijving"),
            ("Codering_3", "Codering", "code"),
            ("IndelingswijzigingWijkenEnBuurten_4", "Indelingswijziging wijken en buurten", "code"),
        )
        number = 1
        for key, title, unit in strings:
            writer.writerow(
                [
                    "Cbs.OData.Topic",
                    number,
                    number,
                    "",
                    "Topic",
                    key,
                    title,
                    "",
                    "",
                    "String",
                    unit,
                    0,
                    "Impossible",
                    "",
                ]  # fmt: skip
            )
            number += 1
        for key, title, unit, decimals, datatype in DEMO_CODEBOOK:
            writer.writerow(
                [
                    "Cbs.OData.Topic",
                    number,
                    number,
                    "",
                    "Topic",
                    key,
                    title,
                    "",
                    "",
                    datatype,
                    unit,
                    decimals,
                    "Impossible",
                    "Absolute",
                ]  # fmt: skip
            )
            number += 1


def _typed(key: str, value):
    """A value as the TypedDataSet has it: codes padded to 10, names to 40, numbers typed."""
    if value is None:
        return None
    if key in ("WijkenEnBuurten", "Codering_3", "SoortRegio_2"):
        return f"{value:<10}"
    if key == "Gemeentenaam_1":
        return f"{value:<40}"
    if key in DECIMALS:
        return Decimal(str(value)) if DECIMALS[key] else int(value)
    return value


def write_typed_dataset_csv(rows: list[dict], path: Path) -> None:
    """CSV as the OData TypedDataSet: strings quoted, numbers bare, unknown empty."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(f'"{c}"' for c in TYPED_COLUMNS) + "\r\n")
        for row in rows:
            cells = []
            for column in TYPED_COLUMNS:
                value = _typed(column, row.get(column))
                if value is None:
                    cells.append("")
                elif isinstance(value, str):
                    cells.append('"' + value.replace('"', '""') + '"')
                else:
                    cells.append(str(value))
            handle.write(",".join(cells) + "\r\n")


def typed_dataset_json(rows: list[dict]) -> dict:
    """The same rows as the OData v3 JSON feed (``value``), unknown as null."""

    def number(value):
        return float(value) if isinstance(value, Decimal) else value

    return {
        "odata.metadata": (
            f"https://opendata.cbs.nl/ODataApi/OData/{TABLE_ID}/$metadata#Cbs.OData.TypedDataSet"
        ),
        "value": [
            {column: number(_typed(column, row.get(column))) for column in TYPED_COLUMNS}
            for row in rows
        ],
    }


def write_geojson(
    outlines: dict[str, list], path: Path, municipality_code: str, names: dict[str, str]
) -> None:
    """The outlines as the CBS/PDOK wijk- en buurtkaart: RD New, one feature per area."""
    features = []
    for code, ring in outlines.items():
        closed = [[round(x, 1), round(y, 1)] for x, y in ring] + [
            [round(ring[0][0], 1), round(ring[0][1], 1)]
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "statcode": code,
                    "jrstatcode": f"{YEAR}{code}",
                    "statnaam": names.get(code, code),
                    "gm_code": municipality_code,
                    "water": "NEE",
                },
                "geometry": {"type": "Polygon", "coordinates": [closed]},
            }
        )
    document = {
        "type": "FeatureCollection",
        "name": "wijkenbuurten",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features,
    }
    path.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
