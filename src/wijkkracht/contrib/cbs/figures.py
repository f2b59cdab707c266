"""Reading CBS figures and boundaries: what the neighbourhood profile and the monitor call.

- ``key_figures(municipality, year=None)``: ``{area_code: {measure_key: value}}`` for the
  municipality (GM…), its districts (WK…) and neighbourhoods (BU…), one query.
- ``figures_profile(municipality, year=None)``: the same values with the curated list of
  measures to show (``PROFILE_MEASURES``) resolved to the keys of that year, with label,
  unit and decimals, and whether the figures are synthetic. Two queries.
- ``boundaries(municipality, year=None)``: ``{area_code: Boundary}``, one query.
- ``area_map(...)``: an SVG choropleth of districts or neighbourhoods (``maps.choropleth``).

CBS renumbers keys between tables (``GemiddeldeWoningwaarde_35`` in 2022); the curated
list therefore names the key without its number (the *stem*) and, where CBS renamed a
variable, the older and newer stems.

The values are as CBS published them (CBS applies its own disclosure control: ``None``
where CBS shows "."). Further suppression (fewer than 10) is the caller's (monitor).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from wijkkracht.contrib.cbs.maps import MapArea, choropleth
from wijkkracht.contrib.cbs.models import AreaBoundary, FigureValue, Measure

LEVEL_PREFIX = {"municipality": "GM", "district": "WK", "neighbourhood": "BU"}


@dataclass(frozen=True)
class ProfileMeasure:
    """A measure of the neighbourhood profile; ``stems`` match CBS keys of any year."""

    stems: tuple[str, ...]
    label: str | Promise
    is_count: bool = False  # a number of persons or households (subject to suppression)
    per: str = ""  # the base of a count, for "per 1,000": "residents" or "households"


PROFILE_MEASURES: tuple[ProfileMeasure, ...] = (
    ProfileMeasure(("AantalInwoners",), _("Residents"), is_count=True),
    ProfileMeasure(("k_0Tot15Jaar",), _("Aged 0 to 15"), is_count=True, per="residents"),
    ProfileMeasure(("k_15Tot25Jaar",), _("Aged 15 to 25"), is_count=True, per="residents"),
    ProfileMeasure(("k_25Tot45Jaar",), _("Aged 25 to 45"), is_count=True, per="residents"),
    ProfileMeasure(("k_45Tot65Jaar",), _("Aged 45 to 65"), is_count=True, per="residents"),
    ProfileMeasure(("k_65JaarOfOuder",), _("Aged 65 or over"), is_count=True, per="residents"),
    ProfileMeasure(("HuishoudensTotaal",), _("Households"), is_count=True),
    ProfileMeasure(
        ("Eenpersoonshuishoudens",), _("Single-person households"), True, per="households"
    ),
    ProfileMeasure(
        ("HuishoudensMetKinderen",), _("Households with children"), True, per="households"
    ),
    ProfileMeasure(("GemiddeldeHuishoudensgrootte",), _("Average household size")),
    ProfileMeasure(("Bevolkingsdichtheid",), _("Population density")),
    ProfileMeasure(
        ("GemiddeldeWoningwaarde", "GemiddeldeWOZWaardeVanWoningen"),
        _("Average property value (WOZ)"),
    ),
    ProfileMeasure(("HuurwoningenTotaal",), _("Rented homes")),
    ProfileMeasure(("InBezitWoningcorporatie",), _("Homes of a housing corporation")),
    ProfileMeasure(("GemiddeldInkomenPerInwoner",), _("Average income per resident")),
    ProfileMeasure(("HuishoudensMetEenLaagInkomen",), _("Households with a low income")),
    ProfileMeasure(
        ("HuishOnderOfRondSociaalMinimum",), _("Households at or below the social minimum")
    ),
    ProfileMeasure(("Nettoarbeidsparticipatie",), _("Net labour participation")),
    ProfileMeasure(
        ("PersonenPerSoortUitkeringBijstand",),
        _("Residents on social assistance (bijstand)"),
        is_count=True,
        per="residents",
    ),
    ProfileMeasure(
        ("JongerenMetJeugdzorgInNatura",),
        _("Young people receiving youth care"),
        is_count=True,
        per="residents",
    ),
    ProfileMeasure(("PercentageJongerenMetJeugdzorg",), _("Young people receiving youth care (%)")),
    ProfileMeasure(("WmoClienten",), _("Wmo clients"), is_count=True, per="residents"),
    ProfileMeasure(("WmoClientenRelatief",), _("Wmo clients per 1,000 residents")),
)


@dataclass(frozen=True)
class ResolvedMeasure:
    key: str  # the CBS key in the table of that year, e.g. AantalInwoners_5
    label: str | Promise
    unit: str
    decimals: int
    is_count: bool
    per: str
    title: str  # CBS's own title


@dataclass
class FiguresProfile:
    year: int | None
    measures: list[ResolvedMeasure] = field(default_factory=list)
    values: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)
    is_synthetic: bool = False

    def of(self, area_code: str) -> dict[str, Decimal | None]:
        return self.values.get(area_code, {})


@dataclass(frozen=True)
class Boundary:
    code: str
    name: str
    year: int
    polygons: list
    is_synthetic: bool


def _code(municipality) -> str:
    return municipality if isinstance(municipality, str) else municipality.code


def stem_of(key: str) -> str:
    """AantalInwoners_5 -> AantalInwoners; k_0Tot15Jaar_8 -> k_0Tot15Jaar."""
    return re.sub(r"_\d+$", "", key)


def latest_year(municipality) -> int | None:
    return FigureValue.objects.of_municipality(_code(municipality)).aggregate(y=Max("year"))["y"]


def _values(municipality, year: int | None):
    code = _code(municipality)
    rows = FigureValue.objects.of_municipality(code)
    if year is None:
        latest = (
            FigureValue.objects.of_municipality(code).order_by().values("municipality_code")
        ).annotate(y=Max("year"))
        rows = rows.filter(year__in=latest.values("y"))
    else:
        rows = rows.filter(year=year)
    return (
        (area_code, key, _as_published(value, decimals), value_year, synthetic)
        for area_code, key, value, decimals, value_year, synthetic in rows.values_list(
            "area_code",
            "measure__key",
            "value",
            "measure__decimals",
            "year",
            "source__is_synthetic",
        )
    )


def _as_published(value: Decimal | None, decimals: int) -> Decimal | None:
    """With the number of decimals of the codebook (3000, not 3000.0000)."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-decimals)) if decimals >= 0 else value


def key_figures(municipality, year: int | None = None) -> dict[str, dict[str, Decimal | None]]:
    """``{area_code: {measure_key: value}}`` of the latest year (or ``year``); one query.
    ``None`` is a figure CBS did not publish."""
    result: dict[str, dict[str, Decimal | None]] = {}
    for area_code, key, value, _year, _synthetic in _values(municipality, year):
        result.setdefault(area_code, {})[key] = value
    return result


def resolve_profile_measures(keys: Iterable[str]) -> list[ResolvedMeasure]:
    """The curated measures present among ``keys``, in the curated order; one query."""
    by_stem = {stem_of(key): key for key in keys}
    wanted = []
    for measure in PROFILE_MEASURES:
        key = next((by_stem[s] for s in measure.stems if s in by_stem), None)
        if key is not None:
            wanted.append((measure, key))
    meta = {
        m.key: m
        for m in Measure.objects.filter(key__in=[key for _m, key in wanted]).order_by("-table_id")
    }
    resolved = []
    for measure, key in wanted:
        info = meta.get(key)
        resolved.append(
            ResolvedMeasure(
                key=key,
                label=measure.label,
                unit=info.unit if info else "",
                decimals=info.decimals if info else 0,
                is_count=measure.is_count,
                per=measure.per,
                title=info.title if info else key,
            )
        )
    return resolved


def figures_profile(municipality, year: int | None = None) -> FiguresProfile:
    """The figures of the latest year (or ``year``) with the curated measures; two queries."""
    profile = FiguresProfile(year=year)
    keys: set[str] = set()
    for area_code, key, value, value_year, synthetic in _values(municipality, year):
        profile.values.setdefault(area_code, {})[key] = value
        profile.year = value_year
        profile.is_synthetic = profile.is_synthetic or synthetic
        keys.add(key)
    profile.measures = resolve_profile_measures(keys) if keys else []
    return profile


def boundaries(municipality, year: int | None = None) -> dict[str, Boundary]:
    """Outlines of the municipality's areas of the latest year (or ``year``); one query."""
    code = _code(municipality)
    rows = AreaBoundary.objects.of_municipality(code)
    if year is None:
        latest = (
            AreaBoundary.objects.of_municipality(code).order_by().values("municipality_code")
        ).annotate(y=Max("year"))
        rows = rows.filter(year__in=latest.values("y"))
    else:
        rows = rows.filter(year=year)
    return {
        b.area_code: Boundary(
            code=b.area_code,
            name=b.name,
            year=b.year,
            polygons=b.polygons,
            is_synthetic=b.is_synthetic,
        )
        for b in rows.only("area_code", "name", "year", "polygons", "is_synthetic")
    }


def area_map(
    municipality,
    values: dict[str, Decimal | float | int | None],
    *,
    level: str = "district",
    title: str,
    unit: str = "",
    decimals: int = 0,
    names: dict[str, str] | None = None,
    no_data_label: str | None = None,
    id_prefix: str = "wk-map",
    outlines: dict[str, Boundary] | None = None,
) -> SafeString:
    """A choropleth of the municipality's districts (or neighbourhoods) coloured by
    ``values`` (``{area_code: value}``; ``None`` or absent = no figure, hatched). Pass the
    values after your own suppression. One query unless ``outlines`` are given."""
    prefix = LEVEL_PREFIX[level]
    outlines = boundaries(municipality) if outlines is None else outlines
    names = names or {}
    areas = [
        MapArea(
            code=code,
            name=names.get(code) or outline.name or code,
            polygons=outline.polygons,
            value=values.get(code),
        )
        for code, outline in sorted(outlines.items())
        if code.startswith(prefix)
    ]
    return choropleth(
        areas,
        title=title,
        unit=unit,
        decimals=decimals,
        id_prefix=id_prefix,
        no_data_label=no_data_label,
    )
