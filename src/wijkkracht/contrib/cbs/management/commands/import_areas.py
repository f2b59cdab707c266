"""manage.py import_areas GM0034 [--file PATH] [--year 2022]"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.contrib.cbs.importer import (
    AreaFileError,
    check_municipality_code,
    import_areas,
    read_area_file,
    read_table_year,
)

DEFAULT_FILE = Path(settings.PROJECT_DIR).parent / "shared/data/cbs/85318NED/WijkenEnBuurten.csv"


class Command(BaseCommand):
    help = (
        "Import a municipality with its districts and neighbourhoods from the CBS area list "
        "(WijkenEnBuurten.csv). Safe to run again: unchanged areas stay, renamed areas are "
        "renamed. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("municipality_code", help="CBS municipality code, e.g. GM0034.")
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_FILE,
            help=f"The CBS WijkenEnBuurten.csv (default: {DEFAULT_FILE}).",
        )
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="Year of the CBS code list (default: the Period in TableInfos.csv next to "
            "the file).",
        )

    def handle(self, *args, municipality_code: str, file: Path, year: int | None, **options):
        code = municipality_code.strip().upper()
        try:
            check_municipality_code(code)
            area_file = read_area_file(file, code)
            if year is None:
                year = read_table_year(file)
                if year is None:
                    raise AreaFileError(
                        _(
                            "The year of %(path)s is unknown (no TableInfos.csv next to it); "
                            "give it with --year."
                        )
                        % {"path": file}
                    )
            if not 1990 <= year <= 2100:
                raise AreaFileError(_("%(year)d is not a plausible CBS year.") % {"year": year})
            result = import_areas(area_file=area_file, year=year)
        except AreaFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "%(name)s (%(code)s, %(year)d): %(districts)d districts and %(neighbourhoods)d "
                "neighbourhoods in the file; %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged."
            )
            % {
                "name": area_file.municipality.name,
                "code": code,
                "year": year,
                "districts": len(area_file.districts),
                "neighbourhoods": len(area_file.neighbourhoods),
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
