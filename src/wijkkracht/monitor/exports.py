"""CSV and XLSX of a monitor page's table: the rows as the page shows them (suppressed
cells as the marker, empty cells empty), with the light and trend in words."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from wijkkracht.monitor.pages import Profile, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_sheet(table: Table | None) -> list[list]:
    """Header and one row per line: level, code, name, then per column value, light and
    trend."""
    if table is None:
        return [["level", "code", "name"]]
    header = ["level", "code", "name"]
    for column in table.columns:
        header += [column.code, f"{column.code}_light", f"{column.code}_trend"]
    rows = [header]
    for line in table.lines:
        row = [line.level, line.key, line.label]
        for cell in table.cells(line):
            row += [cell.export_value, cell.light_label, cell.trend_label]
        rows.append(row)
    return rows


def profile_sheet(profile: Profile) -> list[list]:
    """The profile's sections: figure, the area's value, the municipality's value."""
    rows = [["section", "figure", "unit", profile.area.key, profile.municipality.key]]
    for title, items in profile.sections:
        for column, area, municipality in items:
            rows.append(
                [
                    str(title),
                    column.label,
                    column.unit,
                    area.export_value,
                    municipality.export_value,
                ]
            )
    for line in profile.neighbourhoods:
        rows.append(
            [str(_("Neighbourhoods")), line.label, "count", line.cell("residents").export_value, ""]
        )
    return rows


def _safe(value):
    """Keep spreadsheet programs from reading a name as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and value != "-":
        return f"'{value}"
    return value


def response(sheet: list[list], *, fmt: str, filename: str) -> HttpResponse:
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        ws = book.create_sheet("wijkmonitor")
        for row in sheet:
            ws.append([_safe(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        out = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        writer = csv.writer(text)
        for row in sheet:
            writer.writerow([_safe(v) for v in row])
        out = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    out["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return out
