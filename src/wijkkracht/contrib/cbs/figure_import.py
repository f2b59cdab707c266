"""Import CBS figures (a TypedDataSet with its codebook) in one transaction.

Values are upserted per (measure, area code, year) in batches, so a second import of
the same file changes nothing and a corrected file replaces the figures it holds. Any
problem in any row rolls the whole import back: nothing is half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkkracht.areas.models import validate_municipality_code
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.contrib.cbs.models import (
    FigureImport,
    FigureTable,
    FigureValue,
    Measure,
    municipality_code_of,
)
from wijkkracht.contrib.cbs.typed_dataset import (
    KERNCIJFERS_TABLES,
    Codebook,
    Dataset,
    FigureFileError,
    Topic,
    read_codebook_file,
    read_dataset_file,
    read_table_info,
    table_id_in,
    where,
)

BATCH = 5000
NATIONAL = "NL00"


@dataclass
class FigureImportResult:
    figure_import: FigureImport
    table_id: str
    years: list[int] = field(default_factory=list)
    areas: int = 0
    values: int = 0
    unknown: int = 0


def stored_codebook(table_id: str) -> Codebook | None:
    """The codebook of a table imported before, so that a new values file of the same
    table needs no DataProperties.csv."""
    table = FigureTable.objects.filter(table_id=table_id).first()
    measures = list(Measure.objects.filter(table=table).order_by("position")) if table else []
    if not measures:
        return None
    geo = "WijkenEnBuurten" if table_id in KERNCIJFERS_TABLES else "RegioS"
    return Codebook(
        topics={
            m.key: Topic(
                key=m.key,
                title=m.title,
                unit=m.unit,
                decimals=m.decimals,
                datatype=m.datatype,
                description=m.description,
                position=m.position,
            )
            for m in measures
        },
        geo_dimension=geo,
        map_year=table.year,
    )


def resolve_year(
    *, year: int | None, codebook: Codebook, table_id: str, info_year: int | None = None
) -> int | None:
    """The year of a table without a Perioden column: as given, else the map year of the
    codebook, else TableInfos' period, else the year Kerncijfers tables are known by."""
    for candidate in (year, codebook.map_year, info_year, KERNCIJFERS_TABLES.get(table_id)):
        if candidate is not None:
            if not 1990 <= candidate <= 2100:
                raise FigureFileError(
                    _("%(year)d is not a plausible CBS year.") % {"year": candidate}
                )
            return candidate
    return None


def import_figures_file(
    *,
    path: Path,
    properties: Path | None = None,
    table_id: str = "",
    year: int | None = None,
    municipality_code: str = "",
    is_synthetic: bool = False,
    actor=None,
) -> FigureImportResult:
    """Read the files and import (the command and the demo). The codebook is
    ``properties``, else DataProperties.csv next to the file, else the stored one."""
    path = Path(path)
    info_title, info_year = "", None
    codebook = None
    if properties is None and (path.parent / "DataProperties.csv").exists():
        properties = path.parent / "DataProperties.csv"
    if properties is not None:
        codebook = read_codebook_file(Path(properties))
        info_title, info_year = read_table_info(Path(properties).parent)
    if codebook is None:
        table_id = table_id or table_id_in(str(path)) or _table_id_in_head(path)
        codebook = stored_codebook(table_id) if table_id else None
        if codebook is None:
            raise FigureFileError(
                _(
                    "The codebook of this table is unknown: give the table's "
                    "DataProperties.csv (with --properties)."
                )
            )
    dataset = read_dataset_file(path, codebook)
    return import_figures(
        dataset=dataset,
        table_id=table_id or dataset.table_id or _table_id_from(properties),
        title=info_title,
        year=resolve_year(
            year=year,
            codebook=codebook,
            table_id=table_id or dataset.table_id,
            info_year=info_year,
        ),
        municipality_code=municipality_code,
        is_synthetic=is_synthetic,
        actor=actor,
        file_name=path.name,
    )


def _table_id_in_head(path: Path) -> str:
    """The table id in the metadata URL at the start of an OData JSON file."""
    try:
        with path.open("rb") as handle:
            return table_id_in(handle.read(2000).decode("utf-8", errors="ignore"))
    except OSError:
        return ""


def _table_id_from(properties: Path | None) -> str:
    return table_id_in(str(properties or ""))


@transaction.atomic
def import_figures(
    *,
    dataset: Dataset,
    table_id: str,
    year: int | None,
    municipality_code: str = "",
    title: str = "",
    is_synthetic: bool = False,
    actor=None,
    file_name: str = "",
) -> FigureImportResult:
    """Write the figures of ``dataset``; only those of ``municipality_code`` (and the
    national row NL00) when given. One audit line."""
    if not table_id:
        raise FigureFileError(
            _(
                "The CBS table is unknown (for example 85318NED); give it with --table or "
                "put it in the file name."
            )
        )
    if municipality_code:
        try:
            validate_municipality_code(municipality_code)
        except ValidationError as exc:
            raise FigureFileError(" ".join(exc.messages)) from exc
    if year is None and not dataset.codebook.time_dimension:
        raise FigureFileError(
            _("The year of table %(table)s is unknown; give it with --year.") % {"table": table_id}
        )
    table, _created = FigureTable.objects.get_or_create(
        table_id=table_id, defaults={"title": title[:300]}
    )
    if (title and table.title != title[:300]) or (year is not None and table.year != year):
        table.title = title[:300] or table.title
        table.year = year if year is not None else table.year
        table.save(update_fields=["title", "year"])
    measure_ids = _sync_measures(table, dataset.codebook, dataset.value_columns)
    source = FigureImport.objects.create(
        table=table,
        file_name=file_name[:255],
        municipality_code=municipality_code,
        is_synthetic=is_synthetic,
        imported_by=actor.get_username() if getattr(actor, "is_authenticated", False) else "",
    )
    result = FigureImportResult(figure_import=source, table_id=table_id)
    seen: dict[tuple[str, int], int] = {}
    years: set[int] = set()
    found_municipality = not municipality_code
    batch: list[FigureValue] = []
    for row in dataset.rows(default_year=year):
        area_municipality = municipality_code_of(row.area_code)
        if municipality_code and area_municipality != municipality_code:
            if row.area_code != NATIONAL:
                continue
        elif municipality_code:
            found_municipality = True
        key = (row.area_code, row.year)
        if key in seen:
            raise FigureFileError(
                _("%(place)s: %(code)s (%(year)s) appears twice (also at %(other)s).")
                % {
                    "place": _place(dataset, row.line),
                    "code": row.area_code,
                    "year": row.year,
                    "other": _place(dataset, seen[key]),
                }
            )
        seen[key] = row.line
        years.add(row.year)
        for column, value in row.values.items():
            batch.append(
                FigureValue(
                    measure_id=measure_ids[column],
                    area_code=row.area_code,
                    municipality_code=area_municipality,
                    year=row.year,
                    value=value,
                    source=source,
                )
            )
            result.unknown += value is None
        if len(batch) >= BATCH:
            result.values += _upsert(batch)
            batch = []
    result.values += _upsert(batch)
    if not found_municipality:
        raise FigureFileError(
            _("The file has no figures for municipality %(code)s; check the code and the file.")
            % {"code": municipality_code}
        )
    if not seen:
        raise FigureFileError(_("The file has no rows with figures."))
    result.areas = len({code for code, _year in seen})
    result.years = sorted(years)
    source.years = result.years
    source.areas = result.areas
    source.values = result.values
    source.save(update_fields=["years", "areas", "values"])
    record(
        user=actor,
        action=Action.CREATE,
        purpose=Purpose.ADMINISTRATION,
        object_type="cbs_figures",
        object_id=table_id,
        detail={
            "import": source.pk,
            "file": file_name[:100],
            "municipality": municipality_code,
            "years": result.years,
            "areas": result.areas,
            "values": result.values,
            "synthetic": is_synthetic,
        },
    )
    return result


def _place(dataset: Dataset, line: int) -> str:
    return where(line, is_json=dataset.is_json)


def _sync_measures(table: FigureTable, codebook: Codebook, columns: list[str]) -> dict[str, int]:
    """Create or update the measures of ``table`` from the codebook (all its variables,
    so that a later file with other columns finds them; text variables such as names hold
    no figures); ids of ``columns``."""
    measures = [
        Measure(
            table=table,
            key=topic.key,
            title=topic.title,
            unit=topic.unit,
            decimals=topic.decimals,
            datatype=topic.datatype,
            description=topic.description,
            position=topic.position,
        )
        for topic in codebook.topics.values()
    ]
    Measure.objects.bulk_create(
        measures,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["table", "key"],
        update_fields=["title", "unit", "decimals", "datatype", "description", "position"],
    )
    ids = dict(Measure.objects.filter(table=table).values_list("key", "pk"))
    return {column: ids[column] for column in columns}


def _upsert(batch: list[FigureValue]) -> int:
    if batch:
        FigureValue.objects.bulk_create(
            batch,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["measure", "area_code", "year"],
            update_fields=["value", "source", "municipality_code"],
        )
    return len(batch)
