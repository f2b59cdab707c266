"""manage.py import_burgerpeiling FILE --municipality GM0363 --year 2024
[--wijknr-map FILE] [--replace]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.areas.models import Municipality
from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.reader import SurveyFileError, parse_wijknr_map


class Command(BaseCommand):
    help = (
        "Import a Burgerpeiling file (SPSS .sav or CSV in the national VNG data format) for a "
        "municipality and year, and compute its indicators per district. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .sav or .csv file.")
        parser.add_argument(
            "--municipality", required=True, help="CBS municipality code, e.g. GM0363."
        )
        parser.add_argument("--year", required=True, type=int, help="Year of the survey.")
        parser.add_argument(
            "--wijknr-map",
            type=Path,
            default=None,
            help="Own district numbers: a text file with lines wijknr=WK code.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace an earlier import for the same municipality and year.",
        )

    def handle(self, *args, file: Path, municipality: str, year: int, **options):
        code = municipality.strip().upper()
        found = Municipality.objects.filter(code=code).first()
        if found is None:
            raise CommandError(
                _("Municipality %(code)s is not known here; import its areas first.")
                % {"code": code}
            )
        try:
            mapping = None
            if options["wijknr_map"] is not None:
                try:
                    text = options["wijknr_map"].read_text(encoding="utf-8-sig")
                except OSError as exc:
                    raise SurveyFileError(
                        _("File %(name)s cannot be read.") % {"name": options["wijknr_map"]}
                    ) from exc
                mapping = parse_wijknr_map(text)
            survey = import_survey(
                municipality=found,
                year=year,
                path=file,
                actor=None,
                wijknr_map=mapping,
                replace=options["replace"],
            )
        except SurveyFileError as exc:
            raise CommandError(
                _("Nothing was imported.") + "\n" + "\n".join(f"- {p}" for p in exc.problems)
            ) from exc
        self.stdout.write(
            _(
                "Burgerpeiling %(year)d for %(municipality)s: %(respondents)d respondents "
                "(%(without)d without a district), %(results)d figures."
            )
            % {
                "year": survey.year,
                "municipality": found,
                "respondents": survey.respondents,
                "without": survey.without_district,
                "results": survey.results.count(),
            }
        )
