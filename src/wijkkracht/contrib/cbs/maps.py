"""A choropleth map as inline SVG: each area a path filled by the class of its value.

Accessible and safe under the Content-Security-Policy (``style-src 'self'``): colours
are SVG presentation attributes, never ``style``; no script. The SVG has a title and a
description; each area has a ``<title>`` with its name and value (shown on hover); the
legend names each class and the marker for areas without a figure. Screen-reader users
and keyboard users get the same figures from the table the caller puts beside the map.

The palette is viridis (colour-blind safe, and ordered in lightness, so it also reads in
greyscale); areas without a figure (unknown or suppressed) are hatched, not coloured.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Viridis, light to dark: low values light, high values dark.
PALETTE = ("#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154")
NO_DATA_FILL = "#f0f0f0"
NO_DATA_STROKE = "#767676"
WIDTH = 600
MAX_MAP_HEIGHT = 600
LEGEND_ROW = 24
MARGIN = 4


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    polygons: list  # as AreaBoundary.polygons: RD New metres, y pointing north
    value: Decimal | float | int | None


@dataclass(frozen=True)
class MapClass:
    lower: Decimal | float
    upper: Decimal | float
    colour: str
    count: int


def palette(count: int) -> tuple[str, ...]:
    """``count`` colours spread over the palette, light to dark."""
    if count <= 1:
        return (PALETTE[3],)
    step = (len(PALETTE) - 1) / (count - 1)
    return tuple(PALETTE[round(i * step)] for i in range(count))


def classify(values: Sequence, classes: int = 5) -> list[MapClass]:
    """Quantile classes over the known values (fewer when there are fewer distinct values)."""
    known = sorted(v for v in values if v is not None)
    distinct = sorted(set(known))
    if not distinct:
        return []
    count = max(1, min(classes, len(distinct), len(PALETTE)))
    breaks = [known[0]]
    for i in range(1, count):
        candidate = known[min(len(known) - 1, math.ceil(i * len(known) / count) - 1)]
        if candidate > breaks[-1]:
            breaks.append(candidate)
    if breaks[-1] != known[-1] or len(breaks) == 1:
        breaks.append(known[-1])
    bounds = list(zip(breaks[:-1], breaks[1:], strict=True)) or [(known[0], known[-1])]
    colours = palette(len(bounds))
    result = []
    for index, (lower, upper) in enumerate(bounds):
        first = index == 0
        n = sum(1 for v in known if (lower <= v if first else lower < v) and v <= upper)
        result.append(MapClass(lower=lower, upper=upper, colour=colours[index], count=n))
    return result


def class_of(value, classes: list[MapClass]) -> MapClass | None:
    if value is None:
        return None
    for map_class in classes:
        if value <= map_class.upper:
            return map_class
    return classes[-1] if classes else None


def _number(value, decimals: int) -> str:
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def choropleth(
    areas: Sequence[MapArea],
    *,
    title: str,
    unit: str = "",
    decimals: int = 0,
    classes: int = 5,
    id_prefix: str = "wk-map",
    no_data_label: str | None = None,
    value_format: Callable[[object], str] | None = None,
) -> SafeString:
    """The map as an SVG string, safe to put in a template (``{{ map }}``).

    ``id_prefix`` must be unique on the page when it holds several maps. A ``None``
    value is drawn hatched and named ``no_data_label`` (e.g. "fewer than 10")."""
    no_data_label = no_data_label or _("no figure")
    fmt = value_format or (lambda v: _number(v, decimals))
    with_unit = (lambda text: f"{text} {unit}") if unit else (lambda text: text)
    drawn = [a for a in areas if a.polygons]
    map_classes = classify([a.value for a in drawn], classes)

    xs = [v for a in drawn for polygon in a.polygons for ring in polygon for v in ring[0::2]]
    ys = [v for a in drawn for polygon in a.polygons for ring in polygon for v in ring[1::2]]
    if xs:
        min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
        span_x, span_y = max(max_x - min_x, 1), max(max_y - min_y, 1)
        scale = min((WIDTH - 2 * MARGIN) / span_x, (MAX_MAP_HEIGHT - 2 * MARGIN) / span_y)
        map_height = span_y * scale + 2 * MARGIN
        offset_x = (WIDTH - span_x * scale) / 2
    else:
        min_x = max_y = 0
        scale, map_height, offset_x = 1.0, 0.0, 0.0

    def path_data(polygons) -> str:
        parts = []
        for polygon in polygons:
            for ring in polygon:
                points = [
                    f"{_fmt(offset_x + (ring[i] - min_x) * scale)} "
                    f"{_fmt(MARGIN + (max_y - ring[i + 1]) * scale)}"
                    for i in range(0, len(ring), 2)
                ]
                parts.append("M" + "L".join(points) + "Z")
        return "".join(parts)

    has_no_data = any(a.value is None for a in drawn)
    legend_rows = len(map_classes) + (1 if has_no_data else 0)
    height = math.ceil(map_height + (legend_rows + 1) * LEGEND_ROW + MARGIN)
    pid = escape(id_prefix)
    hatch = f"{pid}-no-data"
    unknown = sum(1 for a in areas if not a.polygons)
    description = _(
        "%(areas)d areas coloured by %(title)s, in %(classes)d classes from light (low) to "
        "dark (high); hatched areas have no figure. The same figures are in the table."
    ) % {"areas": len(drawn), "title": title, "classes": len(map_classes)}
    if unknown:
        description += " " + _("%(count)d areas have no outline and are not drawn.") % {
            "count": unknown
        }

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="wk-map" role="img" aria-labelledby="{pid}-title {pid}-desc" '
        f'preserveAspectRatio="xMidYMin meet">',
        f'<title id="{pid}-title">{escape(title)}</title>',
        f'<desc id="{pid}-desc">{escape(description)}</desc>',
        "<defs>"
        f'<pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{NO_DATA_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{NO_DATA_STROKE}" stroke-width="2"/>'
        "</pattern></defs>",
        '<g class="wk-map__areas" stroke="#ffffff" stroke-width="0.75" '
        'stroke-linejoin="round" fill-rule="evenodd">',
    ]
    for area in drawn:
        map_class = class_of(area.value, map_classes)
        if map_class is None:
            fill, css, shown = f"url(#{hatch})", "wk-map__area wk-map__area--no-data", no_data_label
        else:
            fill, css, shown = map_class.colour, "wk-map__area", with_unit(fmt(area.value))
        out.append(
            f'<path d="{path_data(area.polygons)}" fill="{fill}" class="{css}" '
            f'data-code="{escape(area.code)}"><title>{escape(area.name)}: {escape(shown)}'
            "</title></path>"
        )
    out.append("</g>")

    y = map_height + LEGEND_ROW / 2
    heading = f"{title} ({unit})" if unit else title
    out.append('<g class="wk-map__legend" font-size="14" fill="#000000">')
    out.append(f'<text x="{MARGIN}" y="{_fmt(y + 14)}" font-weight="bold">{escape(heading)}</text>')
    for map_class in map_classes:
        y += LEGEND_ROW
        if map_class.lower == map_class.upper:
            label = fmt(map_class.lower)
        else:
            label = f"{fmt(map_class.lower)} – {fmt(map_class.upper)}"
        out.append(
            f'<rect x="{MARGIN}" y="{_fmt(y)}" width="28" height="18" fill="{map_class.colour}" '
            f'stroke="#767676"/><text x="{MARGIN + 36}" y="{_fmt(y + 14)}">{escape(label)} '
            f"({map_class.count})</text>"
        )
    if has_no_data:
        y += LEGEND_ROW
        count = sum(1 for a in drawn if a.value is None)
        out.append(
            f'<rect x="{MARGIN}" y="{_fmt(y)}" width="28" height="18" fill="url(#{hatch})" '
            f'stroke="#767676"/><text x="{MARGIN + 36}" y="{_fmt(y + 14)}">'
            f"{escape(no_data_label)} ({count})</text>"
        )
    out.append("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
