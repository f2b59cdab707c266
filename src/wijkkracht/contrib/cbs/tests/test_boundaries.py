"""Area outlines from GeoJSON in the CBS/PDOK format, in RD New and in WGS84."""

import json
import math

import pytest
from django.core.management import CommandError, call_command

from wijkkracht.audit.models import AuditEntry
from wijkkracht.contrib.cbs.boundaries import area_m2, rd_to_wgs84, simplify, wgs84_to_rd
from wijkkracht.contrib.cbs.models import AreaBoundary

pytestmark = pytest.mark.django_db

RD_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
# Two neighbourhoods of Almere side by side (1 km x 1 km each), with a wiggly edge.
WEST = [(140000, 486000), (141000, 486000), (141000, 487000), (140000, 487000)]
EAST = [(141000, 486000), (142000, 486000), (142000, 487000), (141000, 487000)]


def ring(points, *, detail=0):
    """Closed ring; ``detail`` extra points on the first edge, 1 cm off the line."""
    (x0, y0), (x1, _y1) = points[0], points[1]
    extra = [
        (x0 + (x1 - x0) * i / (detail + 1), y0 + (0.01 if i % 2 else -0.01))
        for i in range(1, detail + 1)
    ]
    return [points[0], *extra, *points[1:], points[0]]


def feature(code, name, rings, *, kind="Polygon", **properties):
    coordinates = [[list(p) for p in r] for r in rings]
    if kind == "MultiPolygon":
        coordinates = [coordinates]
    return {
        "type": "Feature",
        "properties": {"statcode": code, "statnaam": name, **properties},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def write(tmp_path, features, *, crs=RD_CRS, name="buurten.geojson"):
    document = {"type": "FeatureCollection", "features": features}
    if crs:
        document["crs"] = crs
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def almere(transform=lambda x, y: [x, y], **kw):
    return [
        feature(
            "BU00340101",
            "Centrum Haven Noord",
            [[transform(*p) for p in ring(WEST, detail=50)]],
            **kw,
        ),
        feature("BU00340102", "Centrum Haven Zuid", [[transform(*p) for p in ring(EAST)]], **kw),
    ]


def test_rd_new_outlines_are_stored_per_code_and_year_and_simplified(tmp_path):
    call_command("import_boundaries", str(write(tmp_path, almere())), year=2022)

    west = AreaBoundary.objects.get(area_code="BU00340101", year=2022)
    assert west.name == "Centrum Haven Noord"
    assert west.municipality_code == "GM0034"
    assert (west.min_x, west.min_y, west.max_x, west.max_y) == (140000, 486000, 141000, 487000)
    assert len(west.polygons[0][0]) == 2 * 5  # the 50 points within 1 cm are simplified away
    assert area_m2(west.polygons) == pytest.approx(1_000_000)


def test_wgs84_lon_lat_as_pdok_delivers_gives_the_same_outlines(tmp_path):
    path = write(tmp_path, almere(lambda x, y: list(rd_to_wgs84(x, y))), crs=None)

    call_command("import_boundaries", str(path), year=2022)

    east = AreaBoundary.objects.get(area_code="BU00340102")
    assert abs(east.min_x - 141000) <= 2 and abs(east.max_y - 487000) <= 2
    assert area_m2(east.polygons) == pytest.approx(1_000_000, rel=0.01)


def test_wgs84_with_latitude_first_under_epsg_4326_is_read(tmp_path):
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}
    path = write(tmp_path, almere(lambda x, y: list(reversed(rd_to_wgs84(x, y)))), crs=crs)

    call_command("import_boundaries", str(path), year=2022)

    assert abs(AreaBoundary.objects.get(area_code="BU00340101").min_x - 140000) <= 2


def test_the_rd_conversion_is_accurate_to_a_metre():
    assert wgs84_to_rd(5.38720621, 52.15517440) == pytest.approx((155000, 463000), abs=0.01)
    for x, y in ((121000, 487000), (233000, 582000), (176000, 317000)):
        back = wgs84_to_rd(*rd_to_wgs84(x, y))
        assert math.dist(back, (x, y)) < 1.0
    lon, lat = rd_to_wgs84(121000, 487000)  # near the Dam, Amsterdam
    assert lon == pytest.approx(4.89, abs=0.01) and lat == pytest.approx(52.37, abs=0.01)


def test_a_multipolygon_and_the_year_from_jrstatcode(tmp_path):
    features = [
        feature("WK003401", "Haven", [ring(WEST)], kind="MultiPolygon", jrstatcode="2023WK003401")
    ]
    call_command("import_boundaries", str(write(tmp_path, features)))

    assert AreaBoundary.objects.get().year == 2023


def test_importing_again_replaces_the_outline(tmp_path):
    call_command("import_boundaries", str(write(tmp_path, almere())), year=2022)
    moved = [feature("BU00340101", "Haven-Noord", [ring(EAST)])]

    call_command("import_boundaries", str(write(tmp_path, moved)), year=2022)

    assert AreaBoundary.objects.count() == 2
    west = AreaBoundary.objects.get(area_code="BU00340101")
    assert (west.name, west.min_x) == ("Haven-Noord", 141000)
    assert AuditEntry.objects.filter(object_type="cbs_boundaries").count() == 2


def test_only_the_chosen_municipality_is_imported(tmp_path):
    features = [*almere(), feature("BU03630001", "Kop Zeedijk", [ring(EAST)])]
    call_command(
        "import_boundaries", str(write(tmp_path, features)), year=2022, municipality="GM0363"
    )

    assert list(AreaBoundary.objects.values_list("area_code", flat=True)) == ["BU03630001"]


def test_douglas_peucker_keeps_the_corners():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 6), (5, 7), (6, 8)]
    assert simplify(line, 0.5) == [(0, 0), (2, -0.1), (3, 5), (6, 8)]


@pytest.mark.parametrize(
    ("features", "message"),
    [
        (
            [feature("XX1234", "Nergens", [ring(WEST)])],
            'Feature 1: "XX1234" is not a CBS area code',
        ),
        (
            [
                {
                    "type": "Feature",
                    "properties": {"statcode": "BU00340101"},
                    "geometry": {"type": "Point", "coordinates": [140000, 486000]},
                }
            ],
            "Feature 1: the geometry is Point",
        ),
        (
            [
                feature(
                    "BU00340101",
                    "Te klein",
                    [[(140000, 486000), (140001, 486000), (140000, 486000)]],
                )
            ],
            "at least four positions",
        ),
        ([*almere(), almere()[0]], "Feature 3: BU00340101 appears twice"),
    ],
)
def test_bad_features_are_refused_by_number_and_nothing_is_written(tmp_path, features, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_boundaries", str(write(tmp_path, features)), year=2022)
    assert not AreaBoundary.objects.exists()


def test_a_file_that_is_no_feature_collection_is_refused(tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text('{"type": "Feature"}', encoding="utf-8")
    with pytest.raises(CommandError, match="is not a GeoJSON FeatureCollection"):
        call_command("import_boundaries", str(path), year=2022)


def test_coordinates_outside_the_netherlands_are_refused(tmp_path):
    far = [[[x + 10_000_000, y] for x, y in ring(WEST)]]
    path = write(tmp_path, [feature("BU00340101", "Ver weg", far)])
    with pytest.raises(CommandError, match="not in RD New"):
        call_command("import_boundaries", str(path), year=2022)


def test_without_a_year_the_command_asks_for_one(tmp_path):
    with pytest.raises(CommandError, match="--year"):
        call_command("import_boundaries", str(write(tmp_path, almere())))
    assert not AreaBoundary.objects.exists()
