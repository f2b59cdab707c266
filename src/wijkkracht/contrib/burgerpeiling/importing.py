"""Use cases: import a Burgerpeiling file for a municipality and year, and recompute
the figures of an imported one. Each runs in one transaction and writes its own audit
line; a file with any problem writes nothing (``reader.SurveyFileError``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from wijkkracht.areas.models import Municipality
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.contrib.burgerpeiling.indicators import (
    ANSWER_FIELDS,
    INDICATORS,
    MUNICIPALITY,
    Answers,
    Tally,
    tally,
)
from wijkkracht.contrib.burgerpeiling.models import IndicatorResult, Respondent, Survey
from wijkkracht.contrib.burgerpeiling.reader import (
    DistrictResolver,
    SurveyFileError,
    parse_answers,
    read_survey_file,
)

BATCH = 2000
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise SurveyFileError(
            _("%(year)s is not a plausible survey year (%(first)d-%(last)d).")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def import_survey(
    *,
    municipality: Municipality,
    year: int,
    path: Path,
    actor,
    file_name: str | None = None,
    wijknr_map: dict[str, str] | None = None,
    replace: bool = False,
    synthetic: bool = False,
) -> Survey:
    """Read, check and store a Burgerpeiling file with its indicator figures.

    All or nothing: any problem raises ``SurveyFileError`` listing what is wrong, and
    nothing is written. An earlier import for the same municipality and year is
    replaced only with ``replace=True``."""
    check_year(year)
    file_name = file_name or Path(path).name
    data = read_survey_file(Path(path), file_name=file_name)
    resolver = DistrictResolver(municipality, year, wijknr_map)
    parsed = parse_answers(data, municipality=municipality, year=year, resolver=resolver)
    try:
        return _store(
            municipality=municipality,
            year=year,
            actor=actor,
            file_name=file_name,
            file_format=data.file_format,
            parsed=parsed,
            replace=replace,
            synthetic=synthetic,
        )
    except IntegrityError as exc:  # a simultaneous import of the same year won the race
        raise SurveyFileError(
            _(
                "Another import of the Burgerpeiling %(year)d for %(municipality)s was saved at "
                "the same moment. Nothing was imported; look at the list and try again if "
                "needed."
            )
            % {"year": year, "municipality": municipality}
        ) from exc


def _store(
    *, municipality, year, actor, file_name, file_format, parsed, replace, synthetic
) -> Survey:
    with transaction.atomic():
        existing = Survey.objects.select_for_update().filter(municipality=municipality, year=year)
        replaced = existing.exists()
        if replaced and not replace:
            raise SurveyFileError(
                _(
                    "There already is a Burgerpeiling %(year)d for %(municipality)s. Choose "
                    "“replace” to replace it."
                )
                % {"year": year, "municipality": municipality}
            )
        existing.delete()
        survey = Survey.objects.create(
            municipality=municipality,
            year=year,
            district_year=parsed.district_year,
            file_name=file_name[:255],
            file_format=file_format,
            respondents=len(parsed.answers),
            without_district=parsed.without_district,
            is_synthetic=synthetic,
            imported_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        insert_respondents(survey, parsed.answers)
        IndicatorResult.objects.bulk_create(results_for(survey, parsed.answers), batch_size=BATCH)
        record(
            user=actor,
            action=Action.CREATE,
            purpose=Purpose.ADMINISTRATION,
            object_type="burgerpeiling_survey",
            object_id=str(survey.public_id),
            detail={
                "municipality": municipality.code,
                "year": year,
                "file_format": file_format,
                "respondents": survey.respondents,
                "without_district": survey.without_district,
                "skipped_empty_rows": parsed.skipped_empty,
                "replaced": replaced,
                "synthetic": synthetic,
            },
        )
    return survey


def insert_respondents(survey: Survey, answers: list[Answers]) -> None:
    """Write the respondents in bulk without model instances: ``bulk_create`` spends most
    of its time preparing 15 values per instance, and a Burgerpeiling has 20,000 rows.
    PostgreSQL: COPY; other databases: one prepared INSERT executed for all rows. The
    columns are those of ``Answers`` (the same names as Respondent's fields)."""
    meta = Respondent._meta
    qn = connection.ops.quote_name
    columns = ["survey_id", *Answers._fields]
    names = ", ".join(qn(meta.get_field(name).column) for name in columns)
    table = qn(meta.db_table)
    rows = [(survey.pk, *a) for a in answers]
    # Only quoted names from the model (and placeholders) go into these statements.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, rows)


def results_for(survey: Survey, answers: Iterable[Answers]) -> list[IndicatorResult]:
    """Every indicator for the municipality and for each district with respondents."""
    sums = tally(answers)
    areas = {MUNICIPALITY} | {district for district, _code in sums}
    return [
        IndicatorResult(
            survey=survey,
            district_id=area,
            indicator=indicator.code,
            value=entry.value,
            respondents=entry.respondents,
            weighted_base=entry.weighted_base,
        )
        for area in areas
        for indicator in INDICATORS
        for entry in [sums.get((area, indicator.code)) or Tally()]
    ]


def recompute(*, survey: Survey, actor) -> int:
    """Compute the figures again from the stored answers (after a change of a
    definition); returns the number of figures."""
    fields = ("district_id", "weight", *ANSWER_FIELDS)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        rows = survey.respondent_rows.values_list(*fields)
        answers = [Answers(**dict(zip(fields, row, strict=True))) for row in rows.iterator()]
        survey.results.all().delete()
        results = IndicatorResult.objects.bulk_create(
            results_for(survey, answers), batch_size=BATCH
        )
        record(
            user=actor,
            action=Action.UPDATE,
            purpose=Purpose.ADMINISTRATION,
            object_type="burgerpeiling_survey",
            object_id=str(survey.public_id),
            detail={"recomputed": len(results), "respondents": len(answers)},
        )
    return len(results)


def delete_surveys(*, municipality: Municipality, actor=None) -> int:
    """Delete every Burgerpeiling of a municipality (the demo's --replace)."""
    surveys = Survey.objects.filter(municipality=municipality)
    count = surveys.count()
    if count:
        with transaction.atomic():
            IndicatorResult.objects.filter(survey__in=surveys).delete()
            Respondent.objects.filter(survey__in=surveys).delete()
            surveys.delete()
            record(
                user=actor,
                action=Action.DELETE,
                purpose=Purpose.ADMINISTRATION,
                object_type="burgerpeiling_survey",
                object_id=municipality.code,
                detail={"surveys": count},
            )
    return count
