"""manage.py import_boundaries FILE [--year 2022] [--municipality GM0034]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.contrib.cbs.boundaries import DEFAULT_TOLERANCE, import_boundaries_file
from wijkkracht.contrib.cbs.typed_dataset import FigureFileError


class Command(BaseCommand):
    help = (
        "Import area outlines from a GeoJSON FeatureCollection in the CBS/PDOK wijk- en "
        "buurtkaart format (statcode, statnaam; RD New or WGS84). Outlines are simplified "
        "and stored per area code and year; a second run replaces them. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The GeoJSON file.")
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="Year of the map, for features without jaarcode/jrstatcode.",
        )
        parser.add_argument(
            "--municipality", default="", help="Import only this municipality's areas, e.g. GM0034."
        )
        parser.add_argument(
            "--tolerance",
            type=float,
            default=DEFAULT_TOLERANCE,
            help=f"Simplification in metres (default {DEFAULT_TOLERANCE:g}; 0 keeps every point).",
        )
        parser.add_argument(
            "--synthetic", action="store_true", help="Label the outlines as synthetic (demo)."
        )

    def handle(self, *args, file, year, municipality, tolerance, synthetic, **options):
        if year is not None and not 1990 <= year <= 2100:
            raise CommandError(_("%(year)d is not a plausible CBS year.") % {"year": year})
        try:
            count = import_boundaries_file(
                path=file,
                year=year,
                municipality_code=municipality.strip().upper(),
                tolerance=tolerance,
                is_synthetic=synthetic,
            )
        except FigureFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("%(count)d area outlines imported.") % {"count": count})
