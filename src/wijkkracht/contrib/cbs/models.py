"""CBS figures per area and year ("Kerncijfers wijken en buurten" and tables in the same
OData layout) and area boundaries.

Values are keyed by the CBS area code and year, not by a foreign key to ``areas``: CBS
publishes figures for every area of the country (and the country itself, ``NL00``), and
codes change over the years. ``municipality_code`` is derived from the area code so that
one indexed query reads all figures of a municipality.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def municipality_code_of(area_code: str) -> str:
    """GM0034, WK003401 and BU00340101 -> GM0034; NL00 -> ""."""
    if area_code[:2] in ("GM", "WK", "BU"):
        return "GM" + area_code[2:6]
    return ""


class FigureTable(models.Model):
    """One CBS table (``85318NED``), with its codebook."""

    table_id = models.CharField(
        _("CBS table"), max_length=20, unique=True, help_text=_("For example 85318NED.")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("The year of a table with one year (most regional tables)."),
    )

    class Meta:
        verbose_name = _("CBS table")
        verbose_name_plural = _("CBS tables")
        ordering = ["table_id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.table_id})" if self.title else self.table_id


class Measure(models.Model):
    """A variable of a CBS table, from its codebook (DataProperties.csv)."""

    table = models.ForeignKey(
        FigureTable, models.CASCADE, related_name="measures", verbose_name=_("CBS table")
    )
    key = models.CharField(
        _("key"),
        max_length=100,
        help_text=_("The column name in CBS's own data, e.g. AantalInwoners_5."),
    )
    title = models.CharField(_("title"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    datatype = models.CharField(_("data type"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["table", "position"]
        constraints = [
            models.UniqueConstraint(fields=["table", "key"], name="cbs_measure_table_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title.strip()} ({self.key})"


class FigureImport(models.Model):
    """One import of a figures file: where the values came from."""

    table = models.ForeignKey(
        FigureTable, models.CASCADE, related_name="imports", verbose_name=_("CBS table")
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    municipality_code = models.CharField(
        _("municipality"),
        max_length=6,
        blank=True,
        help_text=_("Empty when the whole file was imported."),
    )
    years = models.JSONField(_("years"), default=list)
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Generated figures (demo), not CBS's.")
    )
    areas = models.PositiveIntegerField(_("areas"), default=0)
    values = models.PositiveIntegerField(_("values"), default=0)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.CharField(_("imported by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("figures import")
        verbose_name_plural = _("figures imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.table.table_id} {self.imported_at:%Y-%m-%d %H:%M}"


class FigureValueQuerySet(models.QuerySet):
    def of_municipality(self, municipality_code: str):
        return self.filter(municipality_code=municipality_code)


class FigureValue(models.Model):
    """One figure: a measure for an area in a year. ``None`` is CBS's "." (unknown,
    too small to publish, or secret)."""

    measure = models.ForeignKey(
        Measure, models.CASCADE, related_name="values", verbose_name=_("measure")
    )
    area_code = models.CharField(_("area code"), max_length=10)
    municipality_code = models.CharField(_("municipality code"), max_length=6, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True)
    source = models.ForeignKey(
        FigureImport, models.PROTECT, related_name="figure_values", verbose_name=_("import")
    )

    objects = FigureValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area_code", "year"], name="cbs_value_measure_area_year_unique"
            )
        ]
        indexes = [
            models.Index(fields=["municipality_code", "year"], name="cbs_value_municipality_year"),
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.year} {self.measure_id}: {self.value}"


class AreaBoundaryQuerySet(models.QuerySet):
    def of_municipality(self, municipality_code: str):
        return self.filter(municipality_code=municipality_code)


class AreaBoundary(models.Model):
    """The outline of an area in one year, in RD New (EPSG:28992) metres, simplified.

    ``polygons`` is a list of polygons; a polygon is a list of rings (the first the outer
    ring, then holes); a ring is a flat list ``[x0, y0, x1, y1, ...]`` of whole metres."""

    area_code = models.CharField(_("area code"), max_length=10)
    municipality_code = models.CharField(_("municipality code"), max_length=6, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    polygons = models.JSONField(_("outline"))
    min_x = models.IntegerField(_("west"))
    min_y = models.IntegerField(_("south"))
    max_x = models.IntegerField(_("east"))
    max_y = models.IntegerField(_("north"))
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    objects = AreaBoundaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("area boundary")
        verbose_name_plural = _("area boundaries")
        ordering = ["area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["area_code", "year"], name="cbs_boundary_area_year_unique"
            )
        ]
        indexes = [
            models.Index(fields=["municipality_code", "year"], name="cbs_boundary_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.area_code} ({self.year})"
