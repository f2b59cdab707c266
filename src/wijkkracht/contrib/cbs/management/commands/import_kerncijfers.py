"""manage.py import_kerncijfers FILE [--properties DataProperties.csv] [--municipality GM0034]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.contrib.cbs.figure_import import import_figures_file
from wijkkracht.contrib.cbs.typed_dataset import FigureFileError


class Command(BaseCommand):
    help = (
        "Import CBS figures per area (Kerncijfers wijken en buurten, or another regional "
        "table) from CBS's OData TypedDataSet, as CSV or JSON, with the table's codebook "
        "(DataProperties.csv). Safe to run again: figures are replaced per area, year and "
        "variable. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The TypedDataSet as .csv or .json.")
        parser.add_argument(
            "--properties",
            type=Path,
            default=None,
            help="The codebook DataProperties.csv (default: the one next to the file, else "
            "the codebook stored with an earlier import of the same table).",
        )
        parser.add_argument(
            "--municipality",
            default="",
            help="Import only this municipality's figures (and the national row), e.g. GM0034.",
        )
        parser.add_argument(
            "--table",
            default="",
            help="The CBS table id, e.g. 85318NED (default: from the file or its folder name).",
        )
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="The year of the figures (default: from the data, the codebook or the table).",
        )
        parser.add_argument(
            "--synthetic",
            action="store_true",
            help="Label the figures as synthetic (generated, not CBS's).",
        )

    def handle(self, *args, file, properties, municipality, table, year, synthetic, **options):
        try:
            result = import_figures_file(
                path=file,
                properties=properties,
                table_id=table.strip().upper(),
                year=year,
                municipality_code=municipality.strip().upper(),
                is_synthetic=synthetic,
            )
        except FigureFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "%(table)s (%(years)s): %(areas)d areas, %(values)d figures imported, of which "
                "%(unknown)d unknown."
            )
            % {
                "table": result.table_id,
                "years": ", ".join(str(y) for y in result.years),
                "areas": result.areas,
                "values": result.values,
                "unknown": result.unknown,
            }
        )
