"""Area boundaries from the CBS/PDOK wijk- en buurtkaart as GeoJSON.

A FeatureCollection with one feature per area: ``properties.statcode`` (GM…, WK…, BU…),
``properties.statnaam``, and a Polygon or MultiPolygon. PDOK delivers coordinates in RD
New (EPSG:28992, metres) or in WGS84 (degrees; longitude first as in RFC 7946, or
latitude first under ``urn:ogc:def:crs:EPSG::4326``): all are read. Outlines are stored
in RD New, in whole metres, simplified (Douglas-Peucker) to keep them compact.

WGS84 is converted with the approximation formulas of Schreutelkamp and Strang van
Hees ("Benaderingsformules voor de transformatie tussen RD- en WGS84-kaartcoördinaten"),
accurate to about a metre: plenty for a map of districts, and no GIS library needed.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.contrib.cbs.models import AreaBoundary, municipality_code_of
from wijkkracht.contrib.cbs.typed_dataset import AREA_CODE, FigureFileError

DEFAULT_TOLERANCE = 5.0  # metres
CODE_PROPERTIES = ("statcode", "buurtcode", "wijkcode", "gemeentecode")
NAME_PROPERTIES = ("statnaam", "buurtnaam", "wijknaam", "gemeentenaam")

# RD New <-> WGS84 (Schreutelkamp & Strang van Hees), reference point Amersfoort.
X0, Y0 = 155000.0, 463000.0
PHI0, LAM0 = 52.15517440, 5.38720621
_R = ((0, 1, 190094.945), (1, 1, -11832.228), (2, 1, -114.221), (0, 3, -32.391),
      (1, 0, -0.705), (3, 1, -2.340), (1, 3, -0.608), (0, 2, -0.008), (2, 3, 0.148))  # fmt: skip
_S = ((1, 0, 309056.544), (0, 2, 3638.893), (2, 0, 73.077), (1, 2, -157.984),
      (3, 0, 59.788), (0, 1, 0.433), (2, 2, -6.439), (1, 1, -0.032), (0, 4, 0.092),
      (1, 4, -0.054))  # fmt: skip
_K = ((0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978),
      (0, 3, -0.06550), (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530),
      (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012))  # fmt: skip
_L = ((1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885),
      (1, 3, 0.05594), (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256),
      (1, 4, 0.00128), (0, 2, 0.00022), (2, 0, -0.00022), (5, 0, 0.00026))  # fmt: skip


def wgs84_to_rd(lon: float, lat: float) -> tuple[float, float]:
    dphi = 0.36 * (lat - PHI0)
    dlam = 0.36 * (lon - LAM0)
    x = X0 + sum(c * dphi**p * dlam**q for p, q, c in _R)
    y = Y0 + sum(c * dphi**p * dlam**q for p, q, c in _S)
    return x, y


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(longitude, latitude) of an RD New point."""
    dx = (x - X0) * 1e-5
    dy = (y - Y0) * 1e-5
    lat = PHI0 + sum(c * dx**p * dy**q for p, q, c in _K) / 3600
    lon = LAM0 + sum(c * dx**p * dy**q for p, q, c in _L) / 3600
    return lon, lat


@dataclass(frozen=True)
class BoundaryFeature:
    number: int
    area_code: str
    name: str
    year: int | None
    polygons: list  # [[ring, ...], ...]; ring = [x0, y0, x1, y1, ...] in whole metres


# --- geometry helpers -------------------------------------------------------------------
def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on an open or closed line (iterative: no recursion limit)."""
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _compact_ring(points: list[tuple[float, float]], tolerance: float) -> list[int] | None:
    """A closed ring simplified and rounded to whole metres, or None when it collapses."""
    if points[0] != points[-1]:
        points = [*points, points[0]]
    # Split at the point farthest from the start, so that the closing point stays.
    far = max(range(len(points)), key=lambda i: (points[i][0] - points[0][0]) ** 2
              + (points[i][1] - points[0][1]) ** 2)  # fmt: skip
    line = simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)
    flat: list[int] = []
    last = None
    for x, y in line:
        point = (round(x), round(y))
        if point != last:
            flat.extend(point)
            last = point
    if len(flat) < 8 or abs(ring_area(flat)) < 1:
        return None
    return flat


def ring_area(ring: list[int]) -> float:
    """Signed area (shoelace) of a flat ring, in m²."""
    total = 0.0
    for i in range(0, len(ring) - 2, 2):
        total += ring[i] * ring[i + 3] - ring[i + 2] * ring[i + 1]
    return total / 2


def area_m2(polygons: list) -> float:
    """Area of stored polygons: outer rings minus holes."""
    total = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area = abs(ring_area(ring))
            total += area if index == 0 else -area
    return total


def bounding_box(polygons: list) -> tuple[int, int, int, int]:
    xs = [v for polygon in polygons for ring in polygon for v in ring[0::2]]
    ys = [v for polygon in polygons for ring in polygon for v in ring[1::2]]
    return min(xs), min(ys), max(xs), max(ys)


# --- reading ----------------------------------------------------------------------------
def _problem(number: int, message: str) -> FigureFileError:
    return FigureFileError(
        _("Feature %(number)d: %(problem)s") % {"number": number, "problem": message}
    )


def _axis_mode(document: dict, sample: tuple[float, float] | None) -> str:
    """ "rd", "lonlat" or "latlon", from the crs member and the coordinates themselves."""
    crs = ""
    if isinstance(document.get("crs"), dict):
        crs = str((document["crs"].get("properties") or {}).get("name", ""))
    if sample is None:
        return "rd"
    a, b = sample
    if "28992" in crs or (abs(a) > 360 or abs(b) > 360):
        if not (-10000 <= a <= 300000 and 280000 <= b <= 640000):
            raise FigureFileError(
                _(
                    "The coordinates (%(x).0f, %(y).0f) are not in RD New (EPSG:28992) within the "
                    "Netherlands."
                )
                % {"x": a, "y": b}
            )
        return "rd"
    if 50 <= a <= 54 and 2 <= b <= 8:
        return "latlon"
    if 2 <= a <= 8 and 50 <= b <= 54:
        return "lonlat"
    raise FigureFileError(
        _(
            "The coordinates (%(x)s, %(y)s) are neither RD New (EPSG:28992) nor WGS84 degrees "
            "within the Netherlands."
        )
        % {"x": a, "y": b}
    )


def _first_position(coordinates):
    while isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    if isinstance(coordinates, list) and len(coordinates) >= 2:
        try:
            return float(coordinates[0]), float(coordinates[1])
        except (TypeError, ValueError):
            return None
    return None


def read_boundaries(
    handle: IO[str], *, name: str, tolerance: float = DEFAULT_TOLERANCE, municipality_code: str = ""
) -> list[BoundaryFeature]:
    """Read and check a FeatureCollection; FigureFileError on the first problem."""
    try:
        document = json.load(handle)
    except json.JSONDecodeError as exc:
        raise FigureFileError(
            _("File %(name)s is not valid JSON: %(error)s (line %(line)d).")
            % {"name": name, "error": exc.msg, "line": exc.lineno}
        ) from exc
    except UnicodeDecodeError as exc:
        raise FigureFileError(
            _("File %(name)s is not a text file in UTF-8.") % {"name": name}
        ) from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise FigureFileError(
            _("File %(name)s is not a GeoJSON FeatureCollection.") % {"name": name}
        )
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise FigureFileError(_("File %(name)s has no features.") % {"name": name})
    sample = None
    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("geometry"), dict):
            sample = _first_position(feature["geometry"].get("coordinates"))
            if sample:
                break
    mode = _axis_mode(document, sample)
    result: list[BoundaryFeature] = []
    seen: dict[tuple[str, int | None], int] = {}
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise _problem(number, _("not a GeoJSON Feature."))
        properties = feature.get("properties") or {}
        code = next((str(properties[p]).strip() for p in CODE_PROPERTIES if properties.get(p)), "")
        if not AREA_CODE.match(code.upper()) or code.upper() == "NL00":
            raise _problem(
                number,
                _("%(code)s is not a CBS area code in statcode (GM0034, WK003401 or BU00340101).")
                % {"code": f'"{code[:20]}"'},
            )
        code = code.upper()
        if municipality_code and municipality_code_of(code) != municipality_code:
            continue
        name_value = next(
            (str(properties[p]).strip() for p in NAME_PROPERTIES if properties.get(p)), ""
        )
        year = _year_of(properties, number)
        key = (code, year)
        if key in seen:
            raise _problem(
                number,
                _("%(code)s appears twice (also feature %(other)d).")
                % {"code": code, "other": seen[key]},
            )
        seen[key] = number
        polygons = _polygons(feature.get("geometry"), number, mode, tolerance)
        result.append(
            BoundaryFeature(
                number=number, area_code=code, name=name_value[:150], year=year, polygons=polygons
            )
        )
    if not result:
        raise FigureFileError(
            _("The file has no areas of municipality %(code)s.") % {"code": municipality_code}
        )
    return result


def _year_of(properties: dict, number: int) -> int | None:
    for key in ("jaarcode", "jaar"):
        value = str(properties.get(key) or "").strip()
        if value:
            if value.isdigit() and 1990 <= int(value) <= 2100:
                return int(value)
            raise _problem(number, _("%(value)s is not a year.") % {"value": f'"{value[:10]}"'})
    match = re.match(r"^(\d{4})(?:GM|WK|BU)", str(properties.get("jrstatcode") or ""))
    return int(match.group(1)) if match else None


def _polygons(geometry, number: int, mode: str, tolerance: float) -> list:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else "null"
        raise _problem(
            number,
            _("the geometry is %(kind)s; a Polygon or MultiPolygon is needed.") % {"kind": kind},
        )
    coordinates = geometry.get("coordinates")
    parts = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(parts, list) or not parts:
        raise _problem(number, _("the geometry has no coordinates."))
    polygons = []
    for part in parts:
        if not isinstance(part, list) or not part:
            raise _problem(number, _("a polygon has no rings."))
        rings = []
        for index, ring in enumerate(part):
            points = _points(ring, number, mode)
            compact = _compact_ring(points, tolerance)
            if compact is None:
                if index == 0:
                    break  # the outer ring vanishes at this scale: drop the polygon
                continue
            rings.append(compact)
        if rings:
            polygons.append(rings)
    if not polygons:  # too small to simplify: keep it unsimplified
        for part in parts:
            compact = _compact_ring(_points(part[0], number, mode), 0)
            if compact:
                polygons.append([compact])
    if not polygons:
        raise _problem(number, _("the area has no surface."))
    return polygons


def _points(ring, number: int, mode: str) -> list[tuple[float, float]]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise _problem(number, _("a ring needs at least four positions."))
    points = []
    for position in ring:
        try:
            a, b = float(position[0]), float(position[1])
        except (TypeError, ValueError, IndexError, KeyError):
            raise _problem(number, _("a position is not a pair of numbers.")) from None
        if not (math.isfinite(a) and math.isfinite(b)):
            raise _problem(number, _("a position is not a pair of numbers."))
        if mode == "rd":
            points.append((a, b))
        elif mode == "lonlat":
            points.append(wgs84_to_rd(a, b))
        else:
            points.append(wgs84_to_rd(b, a))
    return points


# --- writing ----------------------------------------------------------------------------
@transaction.atomic
def import_boundaries(
    *,
    features: list[BoundaryFeature],
    year: int | None,
    is_synthetic: bool = False,
    actor=None,
    file_name: str = "",
) -> int:
    """Create or replace the outlines per (area code, year). ``year`` is used for
    features that carry none (``jaarcode``/``jrstatcode``). One audit line."""
    rows = []
    for feature in features:
        feature_year = feature.year or year
        if feature_year is None:
            raise FigureFileError(
                _(
                    "The year of the boundaries is unknown (no jaarcode in the file); give it "
                    "with --year."
                )
            )
        min_x, min_y, max_x, max_y = bounding_box(feature.polygons)
        rows.append(
            AreaBoundary(
                area_code=feature.area_code,
                municipality_code=municipality_code_of(feature.area_code),
                year=feature_year,
                name=feature.name,
                polygons=feature.polygons,
                min_x=min_x,
                min_y=min_y,
                max_x=max_x,
                max_y=max_y,
                is_synthetic=is_synthetic,
            )
        )
    AreaBoundary.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["area_code", "year"],
        update_fields=[
            "municipality_code",
            "name",
            "polygons",
            "min_x",
            "min_y",
            "max_x",
            "max_y",
            "is_synthetic",
        ],  # fmt: skip
    )
    municipalities = sorted({row.municipality_code for row in rows})
    record(
        user=actor,
        action=Action.CREATE,
        purpose=Purpose.ADMINISTRATION,
        object_type="cbs_boundaries",
        object_id=municipalities[0] if len(municipalities) == 1 else "",
        detail={
            "file": file_name[:100],
            "areas": len(rows),
            "municipalities": len(municipalities),
            "years": sorted({row.year for row in rows}),
            "synthetic": is_synthetic,
        },
    )
    return len(rows)


def import_boundaries_file(
    *,
    path: Path,
    year: int | None = None,
    municipality_code: str = "",
    tolerance: float = DEFAULT_TOLERANCE,
    is_synthetic: bool = False,
    actor=None,
) -> int:
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise FigureFileError(_("File %(path)s does not exist.") % {"path": path}) from exc
    except OSError as exc:
        raise FigureFileError(
            _("File %(path)s cannot be read: %(error)s") % {"path": path, "error": exc.strerror}
        ) from exc
    with handle:
        features = read_boundaries(
            handle, name=path.name, tolerance=tolerance, municipality_code=municipality_code
        )
    return import_boundaries(
        features=features, year=year, is_synthetic=is_synthetic, actor=actor, file_name=path.name
    )
