"""The SVG choropleth: valid XML, one path per area, suppressed areas marked, CSP-safe."""

from decimal import Decimal
from xml.etree import ElementTree

from wijkkracht.contrib.cbs.maps import PALETTE, MapArea, choropleth, classify

SVG = "{http://www.w3.org/2000/svg}"


def square(x, y, size=1000):
    return [[[x, y, x + size, y, x + size, y + size, x, y + size, x, y]]]


def areas(values):
    return [
        MapArea(
            code=f"WK0034{i:02d}", name=f"Wijk <{i}> & co", polygons=square(i * 1000, 0), value=v
        )
        for i, v in enumerate(values, start=1)
    ]


def parse(svg):
    return ElementTree.fromstring(str(svg))  # noqa: S314 - our own output


def test_the_map_is_valid_svg_with_one_path_per_area_and_its_title():
    root = parse(choropleth(areas([10, 20, 30, None]), title="Inwoners", unit="per km²"))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Inwoners"
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == 4
    assert [p.get("data-code") for p in paths] == ["WK003401", "WK003402", "WK003403", "WK003404"]
    assert paths[0].find(f"{SVG}title").text == "Wijk <1> & co: 10 per km²"  # escaped in XML


def test_areas_without_a_figure_are_hatched_marked_and_named_in_the_legend():
    svg = choropleth(areas([10, None]), title="Bijstand", no_data_label="fewer than 10")
    root = parse(svg)
    paths = root.findall(f".//{SVG}path")

    assert "wk-map__area--no-data" in paths[1].get("class")
    assert paths[1].get("fill") == "url(#wk-map-no-data)"
    assert paths[1].find(f"{SVG}title").text.endswith(": fewer than 10")
    assert "wk-map__area--no-data" not in paths[0].get("class")
    legend = "".join(root.find(f".//{SVG}g[@class='wk-map__legend']").itertext())
    assert "fewer than 10 (1)" in legend


def test_no_inline_styles_and_no_script_under_the_content_security_policy():
    svg = str(choropleth(areas([1, 2, 3]), title="x"))
    assert "style=" not in svg
    assert "<script" not in svg
    assert "on" + "load" not in svg


def test_classes_use_the_colour_blind_safe_palette_light_to_dark():
    root = parse(choropleth(areas(range(1, 11)), title="x", classes=5))
    fills = [p.get("fill") for p in root.findall(f".//{SVG}path")]
    assert set(fills) <= set(PALETTE)
    assert fills[0] == PALETTE[0] and fills[-1] == PALETTE[-1]
    assert len(set(fills)) == 5


def test_quantile_classes_cover_every_value_once():
    classes = classify([Decimal(v) for v in (1, 2, 2, 3, 8, 9, 40)] + [None], 3)
    assert sum(c.count for c in classes) == 7
    assert classes[0].lower == 1 and classes[-1].upper == 40
    assert classify([None, None]) == []
    assert len(classify([5, 5, 5])) == 1


def test_areas_without_outline_are_left_out_and_said_so():
    items = [*areas([1]), MapArea(code="WK003499", name="Zonder", polygons=[], value=3)]
    root = parse(choropleth(items, title="x"))
    assert len(root.findall(f".//{SVG}path")) == 1
    assert "1 areas have no outline" in root.find(f"{SVG}desc").text


def test_two_maps_on_one_page_have_their_own_ids():
    first = choropleth(areas([1]), title="a", id_prefix="map-a")
    second = choropleth(areas([1]), title="b", id_prefix="map-b")
    assert 'id="map-a-title"' in first and 'id="map-b-title"' in second
