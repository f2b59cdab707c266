"""Reading CBS tables in CBS's own open-data layout.

- The codebook, ``DataProperties.csv``: one row per dimension, topic group and topic
  (``Key``, ``Title``, ``Unit``, ``Decimals``, ``Datatype``, ...). The geographical
  dimension (``WijkenEnBuurten`` in Kerncijfers wijken en buurten, ``RegioS`` in other
  regional tables) holds the area code; a ``Perioden`` dimension, when present, the year.
- The values, the OData "TypedDataSet": one row per area (and period), one column per
  topic key, as CSV or as the JSON of the OData feed (``{"odata.metadata": ..., "value":
  [...]}`` in OData v3, ``{"@odata.context": ..., "value": [...]}`` in v4). Codes and
  texts are padded with spaces; an empty value, ``null`` or ``.`` means unknown or not
  published (also ``x``: secret, ``?``: unreliable); ``-`` means nil (0).

Everything here only reads and checks; ``figure_import`` writes. Messages name the line
and column and are translated.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

# "Kerncijfers wijken en buurten": one table per year; the table id names the year.
KERNCIJFERS_TABLES = {
    "82339NED": 2013,
    "82931NED": 2014,
    "83220NED": 2015,
    "83487NED": 2016,
    "83765NED": 2017,
    "84286NED": 2018,
    "84583NED": 2019,
    "84799NED": 2020,
    "85039NED": 2021,
    "85318NED": 2022,
    "85618NED": 2023,
    "85984NED": 2024,
    "86165NED": 2025,
}
TABLE_ID = re.compile(r"(?<![0-9A-Z])(\d{5}[A-Z]{3})(?![0-9A-Z])")
AREA_CODE = re.compile(r"^(NL00|GM\d{4}|WK\d{6}|BU\d{8})$")
PERIOD = re.compile(r"^(\d{4})(JJ00|KW0[1-4]|MM(0[1-9]|1[0-2])|X0\d\d)$")
NUMERIC_TYPES = {"long", "double", "integer", "short", "float", "decimal", "int32", "int64"}
GEO_DIMENSIONS = {"WijkenEnBuurten", "RegioS", "Gemeenten", "Regio"}
GEO_TYPES = {"GeoDetail", "GeoDimension"}
TIME_TYPES = {"TimeDimension"}
DIMENSION_TYPES = {"Dimension", *GEO_TYPES, *TIME_TYPES}
UNKNOWN = {"", ".", "x", "?", "null", "None"}
MAX_ABS = Decimal("1e15")
CODEBOOK_COLUMNS = ("Key", "Type", "Title")


class FigureFileError(Exception):
    """The file cannot be imported; the message says where and why (translated)."""


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    unit: str = ""
    decimals: int = 0
    datatype: str = ""
    description: str = ""
    position: int = 0

    @property
    def is_numeric(self) -> bool:
        return self.datatype.lower() in NUMERIC_TYPES


@dataclass
class Codebook:
    topics: dict[str, Topic] = field(default_factory=dict)
    geo_dimension: str = ""
    time_dimension: str = ""
    other_dimensions: list[str] = field(default_factory=list)
    map_year: int | None = None

    @property
    def numeric_topics(self) -> list[Topic]:
        return [t for t in self.topics.values() if t.is_numeric]

    def known_columns(self) -> set[str]:
        columns = {"ID", *self.topics, *self.other_dimensions}
        columns.update(c for c in (self.geo_dimension, self.time_dimension) if c)
        return columns


@dataclass(frozen=True)
class AreaRow:
    line: int
    area_code: str
    year: int | None
    values: dict[str, Decimal | None]


def _open_text(path: Path) -> IO[str]:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError as exc:
        raise FigureFileError(_("File %(path)s does not exist.") % {"path": path}) from exc
    except IsADirectoryError as exc:
        raise FigureFileError(_("%(path)s is a folder, not a file.") % {"path": path}) from exc
    except OSError as exc:
        raise FigureFileError(
            _("File %(path)s cannot be read: %(error)s") % {"path": path, "error": exc.strerror}
        ) from exc


def text_stream(data: bytes | IO[bytes], name: str) -> IO[str]:
    """An uploaded file as UTF-8 text (a BOM is dropped)."""
    raw = data if isinstance(data, bytes) else data.read()
    try:
        return io.StringIO(raw.decode("utf-8-sig"), newline="")
    except UnicodeDecodeError as exc:
        raise FigureFileError(
            _("File %(name)s is not a text file in UTF-8.") % {"name": name}
        ) from exc


# --- codebook --------------------------------------------------------------------------
def read_codebook_file(path: Path) -> Codebook:
    with _open_text(path) as handle:
        return read_codebook(handle, path.name)


def read_codebook(handle: IO[str], name: str = "DataProperties.csv") -> Codebook:
    """Read ``DataProperties.csv``; FigureFileError when it is not a CBS codebook."""
    try:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in CODEBOOK_COLUMNS if c not in header]
        if missing:
            raise FigureFileError(
                _(
                    "%(name)s is not a CBS codebook (DataProperties.csv): the column(s) "
                    "%(missing)s are missing."
                )
                % {"name": name, "missing": ", ".join(missing)}
            )
        codebook = Codebook()
        dimensions: list[tuple[str, str]] = []
        for position, row in enumerate(reader):
            kind = (row.get("Type") or "").strip()
            key = (row.get("Key") or "").strip()
            if not key:
                continue
            if kind in DIMENSION_TYPES:
                dimensions.append((kind, key))
                map_year = (row.get("MapYear") or "").strip()
                if kind in GEO_TYPES and map_year.isdigit():
                    codebook.map_year = int(map_year)
            elif kind == "Topic":
                decimals = (row.get("Decimals") or "0").strip()
                codebook.topics[key] = Topic(
                    key=key,
                    title=(row.get("Title") or key).strip()[:300],
                    unit=(row.get("Unit") or "").strip()[:100],
                    decimals=int(decimals) if decimals.isdigit() else 0,
                    datatype=(row.get("Datatype") or "").strip()[:20],
                    description=(row.get("Description") or "").strip(),
                    position=position,
                )
    except UnicodeDecodeError as exc:
        raise FigureFileError(
            _("File %(name)s is not a text file in UTF-8.") % {"name": name}
        ) from exc
    except csv.Error as exc:
        raise FigureFileError(
            _("File %(name)s is not a valid CSV file: %(error)s") % {"name": name, "error": exc}
        ) from exc
    for kind, key in dimensions:
        if kind in TIME_TYPES or key == "Perioden":
            codebook.time_dimension = key
        elif kind in GEO_TYPES or key in GEO_DIMENSIONS:
            codebook.geo_dimension = codebook.geo_dimension or key
        else:
            codebook.other_dimensions.append(key)
    if not codebook.geo_dimension:
        raise FigureFileError(
            _(
                "%(name)s describes a table without areas (no dimension such as "
                "WijkenEnBuurten or RegioS); only regional CBS tables can be imported."
            )
            % {"name": name}
        )
    if not codebook.numeric_topics:
        raise FigureFileError(
            _("%(name)s describes no numeric variables; there is nothing to import.")
            % {"name": name}
        )
    return codebook


def read_table_info(folder: Path) -> tuple[str, int | None]:
    """Title and year (``Period``) from ``TableInfos.csv`` in ``folder``, if present."""
    try:
        with (folder / "TableInfos.csv").open(encoding="utf-8-sig", newline="") as handle:
            row = next(csv.DictReader(handle), None) or {}
    except (OSError, UnicodeDecodeError, csv.Error):
        return "", None
    period = (row.get("Period") or "").strip()
    return (row.get("Title") or "").strip(), int(period) if period.isdigit() else None


def table_id_in(text: str) -> str:
    match = TABLE_ID.search(text or "")
    return match.group(1) if match else ""


# --- values ----------------------------------------------------------------------------
def where(line: int, *, is_json: bool = False) -> str:
    """How a message names the place: a line of a CSV file, a record of a JSON file."""
    if is_json:
        return _("Record %(number)d") % {"number": line}
    return _("Line %(number)d") % {"number": line}


def parse_value(raw, *, place: str, column: str, decimal_comma: bool = False) -> Decimal | None:
    """A CBS cell as Decimal, or None for unknown/not published."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise _cell_problem(place, column, str(raw).lower())
    if isinstance(raw, int | float):
        text = repr(raw) if isinstance(raw, float) else str(raw)
    else:
        text = str(raw).strip()
    if text in UNKNOWN:
        return None
    if text == "-":
        return Decimal(0)
    if decimal_comma:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _cell_problem(place, column, text) from None
    if not value.is_finite() or abs(value) >= MAX_ABS:
        raise _cell_problem(place, column, text)
    return value.quantize(Decimal("0.0001")) if value.as_tuple().exponent < -4 else value


def _cell_problem(place: str, column: str, text: str) -> FigureFileError:
    return FigureFileError(
        _(
            "%(place)s, column %(column)s: %(value)s is not a number. Use a number with a "
            'decimal point (12.5), or "." for an unknown figure.'
        )
        % {"place": place, "column": column, "value": f'"{text[:40]}"'}
    )


@dataclass
class Dataset:
    """The rows of a TypedDataSet, read lazily by ``rows()`` after the header checks."""

    columns: list[str]
    value_columns: list[str]
    table_id: str
    _rows: Iterator[tuple[int, dict]]
    codebook: Codebook
    decimal_comma: bool = False
    is_json: bool = False

    def rows(self, *, default_year: int | None) -> Iterator[AreaRow]:
        geo, time = self.codebook.geo_dimension, self.codebook.time_dimension
        for line, row in self._rows:
            place = where(line, is_json=self.is_json)
            extra = set(row) - set(self.columns)
            if extra:
                raise FigureFileError(
                    _("%(place)s: unknown column(s) %(columns)s.")
                    % {"place": place, "columns": ", ".join(sorted(map(str, extra))[:5])}
                )
            code = str(row.get(geo) or "").strip().upper()
            if not AREA_CODE.match(code):
                raise FigureFileError(
                    _(
                        "%(place)s, column %(column)s: %(code)s is not a CBS area code "
                        "(NL00, GM0034, WK003401 or BU00340101)."
                    )
                    % {"place": place, "column": geo, "code": f'"{code[:20]}"'}
                )
            year = default_year
            if time:
                period = str(row.get(time) or "").strip()
                match = PERIOD.match(period)
                if not match:
                    raise FigureFileError(
                        _(
                            "%(place)s, column %(column)s: %(period)s is not a CBS period "
                            "(such as 2022JJ00)."
                        )
                        % {"place": place, "column": time, "period": f'"{period[:20]}"'}
                    )
                year = int(match.group(1))
            values = {
                column: parse_value(
                    row.get(column), place=place, column=column, decimal_comma=self.decimal_comma
                )
                for column in self.value_columns
                if column in row
            }
            yield AreaRow(line=line, area_code=code, year=year, values=values)


def _check_columns(columns: list[str], codebook: Codebook, name: str) -> list[str]:
    if codebook.geo_dimension not in columns:
        raise FigureFileError(
            _(
                "Line 1: the column %(column)s with the area codes is missing; is %(name)s the "
                "data of the table this codebook describes?"
            )
            % {"column": codebook.geo_dimension, "name": name}
        )
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise FigureFileError(
            _("Line 1: the column(s) %(columns)s appear twice.")
            % {"columns": ", ".join(duplicates[:5])}
        )
    unknown = [c for c in columns if c not in codebook.known_columns()]
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise FigureFileError(
            _(
                "Line 1: %(count)d column(s) are not in the codebook: %(columns)s. Use the "
                "DataProperties.csv of the same CBS table."
            )
            % {"count": len(unknown), "columns": shown}
        )
    value_columns = [c for c in columns if c in codebook.topics and codebook.topics[c].is_numeric]
    if not value_columns:
        raise FigureFileError(
            _("%(name)s has no columns with figures; there is nothing to import.") % {"name": name}
        )
    return value_columns


def read_dataset(handle: IO[str], name: str, codebook: Codebook) -> Dataset:
    """Check the header of a TypedDataSet (CSV or JSON, by content) and return a reader
    of its rows. FigureFileError on the first problem."""
    head = handle.read(1)
    while head and head.isspace():
        head = handle.read(1)
    if head in ("{", "["):
        return _read_json(head + handle.read(), name, codebook)
    return _read_csv(head + handle.read(), name, codebook)


def read_dataset_file(path: Path, codebook: Codebook) -> Dataset:
    with _open_text(path) as handle:
        try:
            dataset = read_dataset(handle, path.name, codebook)
        except UnicodeDecodeError as exc:
            raise FigureFileError(
                _("File %(name)s is not a text file in UTF-8.") % {"name": path.name}
            ) from exc
    dataset.table_id = dataset.table_id or table_id_in(str(path))
    return dataset


def _read_csv(text: str, name: str, codebook: Codebook) -> Dataset:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = [c.strip() for c in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise FigureFileError(
            _("File %(name)s is not a valid CSV file: %(error)s") % {"name": name, "error": exc}
        ) from exc
    if not columns:
        raise FigureFileError(_("File %(name)s is empty.") % {"name": name})
    reader.fieldnames = columns
    value_columns = _check_columns(columns, codebook, name)

    def rows() -> Iterator[tuple[int, dict]]:
        try:
            for row in reader:
                if None in row:
                    raise FigureFileError(
                        _("Line %(line)d: the line has more values than the header has columns.")
                        % {"line": reader.line_num}
                    )
                if not any((v or "").strip() for v in row.values()):
                    continue
                yield reader.line_num, row
        except csv.Error as exc:
            raise FigureFileError(
                _("File %(name)s is not a valid CSV file: %(error)s") % {"name": name, "error": exc}
            ) from exc

    return Dataset(
        columns=columns,
        value_columns=value_columns,
        table_id="",
        _rows=rows(),
        codebook=codebook,
        decimal_comma=delimiter == ";",
    )


def _read_json(text: str, name: str, codebook: Codebook) -> Dataset:
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise FigureFileError(
            _("File %(name)s is not valid JSON: %(error)s (line %(line)d).")
            % {"name": name, "error": exc.msg, "line": exc.lineno}
        ) from exc
    metadata = ""
    if isinstance(document, dict):
        metadata = str(document.get("odata.metadata") or document.get("@odata.context") or "")
        records = document.get("value")
    else:
        records = document
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise FigureFileError(
            _(
                'File %(name)s is not an OData TypedDataSet: expected a "value" list with one '
                "object per area."
            )
            % {"name": name}
        )
    if not records:
        raise FigureFileError(_("File %(name)s has no rows.") % {"name": name})
    columns = list(records[0])
    value_columns = _check_columns(columns, codebook, name)
    # Records are counted from 1 in the "value" list.
    return Dataset(
        columns=columns,
        value_columns=value_columns,
        table_id=table_id_in(metadata),
        _rows=((number, record) for number, record in enumerate(records, start=1)),
        codebook=codebook,
        is_json=True,
    )
