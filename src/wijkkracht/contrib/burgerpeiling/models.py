"""An imported Burgerpeiling (one per municipality and year), its respondents' answers
to the indicator questions, and the indicator figures computed from them.

What is kept: per respondent only the district, the weight and the answer codes of the
questions the indicators use (no respondent number, no free text, no background
characteristics), so that the figures can be recomputed when a definition changes
(``importing.recompute``). The figures per district and for the whole municipality are
stored unsuppressed with their weighted base and unweighted number of respondents;
disclosure control is applied when they are read (``results``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkracht.areas.models import District, Municipality


class SurveyQuerySet(models.QuerySet):
    def for_user(self, user):
        """Surveys of the municipalities the user works for (the tenant rule)."""
        return self.filter(municipality_id__in=user.municipality_ids())


class Survey(models.Model):
    """One imported Burgerpeiling file. A new import for the same municipality and year
    replaces it."""

    class FileFormat(models.TextChoices):
        SAV = "sav", _("SPSS (.sav)")
        CSV = "csv", _("CSV")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        models.CASCADE,
        related_name="burgerpeiling_surveys",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    district_year = models.PositiveSmallIntegerField(
        _("CBS year of the districts"),
        null=True,
        blank=True,
        help_text=_("The year of the district codes the respondents were matched to."),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("file format"), max_length=3, choices=FileFormat.choices)
    respondents = models.PositiveIntegerField(_("respondents"))
    without_district = models.PositiveIntegerField(
        _("respondents without a district"),
        default=0,
        help_text=_("Respondents with an empty wijknr: they count for the municipality only."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Generated for a demo; not real answers.")
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Burgerpeiling")
        verbose_name_plural = _("Burgerpeilingen")
        ordering = ["municipality", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="burgerpeiling_survey_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"Burgerpeiling {self.year} ({self.municipality.code})"


def _answer(label: str):
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class Respondent(models.Model):
    """The answer codes (as in the data format; empty when not answered) of one
    anonymous respondent to the questions the indicators use."""

    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="respondent_rows", verbose_name=_("Burgerpeiling")
    )
    district = models.ForeignKey(
        District,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    weight = models.FloatField(_("weight (weging)"))
    wl01 = _answer("wl01")
    wl03_0 = _answer("wl03_0")
    wl03_1 = _answer("wl03_1")
    wl03_2 = _answer("wl03_2")
    wl04 = _answer("wl04")
    wl05 = _answer("wl05")
    zw03 = _answer("zw03")
    zw04 = _answer("zw04")
    zw06_0 = _answer("zw06_0")
    zw06_3 = _answer("zw06_3")
    zw07 = _answer("zw07")
    zw13 = models.PositiveSmallIntegerField(
        "zw13",
        default=0,
        help_text=_("The ticked options of zw13 as bits: bit i set when zw13_i is ticked."),
    )
    bo01 = _answer("bo01")

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")

    def __str__(self) -> str:
        return f"respondent {self.pk} ({self.survey_id})"


class IndicatorResult(models.Model):
    """One indicator for one district (or, with an empty district, the whole
    municipality) of one survey, before disclosure control."""

    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="results", verbose_name=_("Burgerpeiling")
    )
    district = models.ForeignKey(
        District,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        help_text=_("Empty: the whole municipality."),
    )
    indicator = models.CharField(_("indicator"), max_length=20)
    value = models.FloatField(
        _("value"), null=True, blank=True, help_text=_("Empty when nobody answered.")
    )
    respondents = models.PositiveIntegerField(
        _("respondents"), help_text=_("Unweighted number of respondents in the base.")
    )
    weighted_base = models.FloatField(_("weighted base"))

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "district", "indicator"],
                name="burgerpeiling_result_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} = {self.value} (n={self.respondents})"
