"""Import a municipality with its districts and neighbourhoods from the CBS code list
("WijkenEnBuurten.csv" of the Kerncijfers wijken en buurten tables, e.g. 85318NED).

The file has one row per area with the columns Key, Title, Description, Municipality and
DetailRegionCode. Keys are padded with spaces to 10 characters (``"WK003401  "``). A
neighbourhood's district follows from its code: BU00340101 lies in WK003401.

``read_area_file`` checks the file; ``import_areas`` writes it in one transaction and is
idempotent: a second run changes nothing, renamed areas are renamed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkkracht.areas.models import (
    District,
    Municipality,
    Neighbourhood,
    validate_district_code,
    validate_municipality_code,
    validate_neighbourhood_code,
)
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose

REQUIRED_COLUMNS = ("Key", "Title", "Municipality")
NAME_LENGTH = {
    "GM": Municipality._meta.get_field("name").max_length,
    "WK": District._meta.get_field("name").max_length,
    "BU": Neighbourhood._meta.get_field("name").max_length,
}


class AreaFileError(Exception):
    """The file cannot be imported; the message says where and why (translated)."""


@dataclass(frozen=True)
class AreaRow:
    line: int
    code: str
    name: str


@dataclass
class AreaFile:
    municipality: AreaRow
    districts: list[AreaRow] = field(default_factory=list)
    neighbourhoods: list[AreaRow] = field(default_factory=list)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _problem(line: int, column: str, message: str) -> AreaFileError:
    return AreaFileError(
        _("Line %(line)d, field %(field)s: %(problem)s")
        % {"line": line, "field": column, "problem": message}
    )


def _validation_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def check_municipality_code(code: str) -> str:
    """The code as given on the command line, or AreaFileError."""
    try:
        validate_municipality_code(code)
    except ValidationError as exc:
        raise AreaFileError(_validation_message(exc)) from exc
    return code


def read_table_year(path: Path) -> int | None:
    """The year of the CBS table (column Period of TableInfos.csv next to the file)."""
    info = path.parent / "TableInfos.csv"
    try:
        with info.open(encoding="utf-8-sig", newline="") as handle:
            row = next(csv.DictReader(handle), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    period = (row or {}).get("Period") or ""
    return int(period) if period.strip().isdigit() else None


def read_area_file(path: Path, municipality_code: str) -> AreaFile:
    """Read and check the rows of one municipality; AreaFileError on the first problem."""
    check_municipality_code(municipality_code)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return _read_rows(csv.DictReader(handle), path, municipality_code)
    except FileNotFoundError as exc:
        raise AreaFileError(_("File %(path)s does not exist.") % {"path": path}) from exc
    except IsADirectoryError as exc:
        raise AreaFileError(_("%(path)s is a folder, not a file.") % {"path": path}) from exc
    except PermissionError as exc:
        raise AreaFileError(
            _("File %(path)s cannot be read: no permission.") % {"path": path}
        ) from exc
    except UnicodeDecodeError as exc:
        raise AreaFileError(
            _("File %(path)s is not a CSV text file in UTF-8.") % {"path": path}
        ) from exc
    except csv.Error as exc:
        raise AreaFileError(
            _("File %(path)s is not a valid CSV file: %(error)s") % {"path": path, "error": exc}
        ) from exc
    except OSError as exc:
        raise AreaFileError(
            _("File %(path)s cannot be read: %(error)s") % {"path": path, "error": exc.strerror}
        ) from exc


def _read_rows(reader: csv.DictReader, path: Path, municipality_code: str) -> AreaFile:
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise AreaFileError(
            _(
                "Line 1: the column(s) %(missing)s are missing; a CBS area list has the columns "
                "%(required)s."
            )
            % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
        )
    municipality: AreaRow | None = None
    districts: dict[str, AreaRow] = {}
    neighbourhoods: dict[str, AreaRow] = {}
    for row in reader:
        line = reader.line_num
        if None in row:  # more values than columns
            raise _problem(line, "Key", _("the line has more values than the header has columns."))
        if (row.get("Municipality") or "").strip() != municipality_code:
            continue
        code = (row.get("Key") or "").strip()
        name = (row.get("Title") or "").strip()
        kind, validator, seen = {
            "GM": ("GM", validate_municipality_code, None),
            "WK": ("WK", validate_district_code, districts),
            "BU": ("BU", validate_neighbourhood_code, neighbourhoods),
        }.get(code[:2], (None, None, None))
        if kind is None:
            raise _problem(
                line,
                "Key",
                _("%(code)s is not a municipality (GM), district (WK) or neighbourhood (BU) code.")
                % {"code": code or '""'},
            )
        try:
            validator(code)
        except ValidationError as exc:
            raise _problem(line, "Key", _validation_message(exc)) from exc
        if code[2:6] != municipality_code[2:]:
            raise _problem(
                line,
                "Key",
                _("%(code)s does not belong to municipality %(municipality)s.")
                % {"code": code, "municipality": municipality_code},
            )
        if not name:
            raise _problem(line, "Title", _("the name is empty."))
        if len(name) > NAME_LENGTH[kind]:
            raise _problem(
                line,
                "Title",
                _("the name is longer than %(max)d characters.") % {"max": NAME_LENGTH[kind]},
            )
        area = AreaRow(line=line, code=code, name=name)
        if kind == "GM":
            if municipality is not None:
                raise _problem(line, "Key", _("%(code)s appears twice.") % {"code": code})
            municipality = area
            continue
        if code in seen:
            raise _problem(
                line,
                "Key",
                _("%(code)s appears twice (also on line %(other)d).")
                % {"code": code, "other": seen[code].line},
            )
        seen[code] = area
    if municipality is None:
        raise AreaFileError(
            _(
                "Municipality %(code)s does not appear in %(path)s; check the code (for example "
                "GM0034 for Almere) and the year of the file."
            )
            % {"code": municipality_code, "path": path}
        )
    for area in neighbourhoods.values():
        district_code = district_code_of(area.code)
        if district_code not in districts:
            raise _problem(
                area.line,
                "Key",
                _("neighbourhood %(code)s lies in district %(district)s, which is not in the file.")
                % {"code": area.code, "district": district_code},
            )
    return AreaFile(
        municipality=municipality,
        districts=sorted(districts.values(), key=lambda a: a.code),
        neighbourhoods=sorted(neighbourhoods.values(), key=lambda a: a.code),
    )


def district_code_of(neighbourhood_code: str) -> str:
    """BU00340101 -> WK003401."""
    return "WK" + neighbourhood_code[2:8]


@transaction.atomic
def import_areas(*, area_file: AreaFile, year: int, actor=None) -> ImportResult:
    """Create or update the municipality, its districts and neighbourhoods for ``year``.
    Areas that are in the database but no longer in the file are left alone (addresses
    may point to them). Writes one audit line when something changed."""
    result = ImportResult()
    source = area_file.municipality
    municipality = Municipality.objects.select_for_update().filter(code=source.code).first()
    if municipality is None:
        municipality = Municipality.objects.create(code=source.code, name=source.name, year=year)
        result.created += 1
    elif (municipality.name, municipality.year) != (source.name, year):
        municipality.name, municipality.year = source.name, year
        municipality.save(update_fields=["name", "year"])
        result.updated += 1
    else:
        result.unchanged += 1

    districts = _sync(
        District,
        area_file.districts,
        year=year,
        values=lambda area: {"name": area.name, "municipality_id": municipality.pk},
        result=result,
    )
    _sync(
        Neighbourhood,
        area_file.neighbourhoods,
        year=year,
        values=lambda area: {
            "name": area.name,
            "municipality_id": municipality.pk,
            "district_id": districts[district_code_of(area.code)].pk,
        },
        result=result,
    )
    if result.changed:
        record(
            user=actor,
            action=Action.CREATE if result.created else Action.UPDATE,
            purpose=Purpose.ADMINISTRATION,
            object_type="municipality",
            object_id=municipality.code,
            detail={
                "source": "cbs",
                "year": year,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
    return result


def _sync(model, areas: list[AreaRow], *, year: int, values, result: ImportResult) -> dict:
    existing = {
        obj.code: obj for obj in model.objects.filter(code__in=[a.code for a in areas], year=year)
    }
    to_create, to_update = [], []
    for area in areas:
        wanted = values(area)
        obj = existing.get(area.code)
        if obj is None:
            obj = model(code=area.code, year=year, **wanted)
            to_create.append(obj)
            existing[area.code] = obj
        elif any(getattr(obj, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(obj, name, value)
            to_update.append(obj)
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, list(values(areas[0]).keys()), batch_size=500)
    if to_create and any(obj.pk is None for obj in to_create):  # backends without RETURNING
        fresh = model.objects.filter(code__in=[o.code for o in to_create], year=year)
        existing.update({obj.code: obj for obj in fresh})
    result.created += len(to_create)
    result.updated += len(to_update)
    return existing
