"""Precomputed monitor figures and the municipality's targets for the ten performance
indicators.

Pages of the monitor never count persons themselves: they read ``PrecomputedFigure``
rows, written by ``monitor.recompute`` (a background task, nightly and after a demo),
in one query per page. A row holds a figure after statistical disclosure control: a
suppressed row keeps no number at all."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.monitor.definitions import INDICATORS


class Split(models.TextChoices):
    AREA = "area", _("areas")
    TEAM = "team", _("teams")
    PROVIDER = "provider", _("providers")


class Level(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
    TEAM = "team", _("team")
    PROVIDER = "provider", _("provider")


class PrecomputedFigureQuerySet(models.QuerySet):
    def for_user(self, user) -> PrecomputedFigureQuerySet:
        return self.filter(municipality_id__in=user.municipality_ids())


class PrecomputedFigure(models.Model):
    """One figure for one area, team or provider in one period, after disclosure control.
    The municipality's own row (level ``municipality``) is part of every split."""

    municipality = models.ForeignKey(
        "areas.Municipality", models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    split = models.CharField(_("split"), max_length=10, choices=Split.choices)
    level = models.CharField(_("level"), max_length=15, choices=Level.choices)
    key = models.CharField(
        _("key"), max_length=40, help_text=_("CBS code of the area, or the team or provider id.")
    )
    label = models.CharField(_("name"), max_length=200)
    parent = models.CharField(
        _("parent"), max_length=40, blank=True, help_text=_("The district of a neighbourhood.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    period = models.CharField(_("quarter"), max_length=7, help_text=_("For example 2026-Q2."))
    figure = models.CharField(
        _("figure"), max_length=60, help_text=_("An indicator code (kpi01..kpi10) or a figure.")
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    suppressed = models.BooleanField(
        _("suppressed"),
        default=False,
        help_text=_("Hidden by disclosure control: fewer than 10 persons or households."),
    )
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    objects = PrecomputedFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("precomputed figure")
        verbose_name_plural = _("precomputed figures")
        indexes = [
            models.Index(
                fields=["municipality", "split", "period", "figure"], name="figure_split_period"
            ),
            models.Index(fields=["municipality", "key", "period"], name="figure_key_period"),
            models.Index(fields=["municipality", "parent", "period"], name="figure_parent_period"),
            models.Index(fields=["municipality", "level", "period"], name="figure_level_period"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "split", "key", "period", "figure"],
                name="one_figure_per_key_period",
            ),
            models.CheckConstraint(
                condition=models.Q(suppressed=False)
                | models.Q(value__isnull=True, numerator__isnull=True, denominator__isnull=True),
                name="suppressed_figure_holds_no_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.period} {self.figure}"


class IndicatorTarget(models.Model):
    """A municipality's target for one indicator. The traffic light is green when the
    target is met, orange when it is missed by at most ``tolerance``, red otherwise."""

    municipality = models.ForeignKey(
        "areas.Municipality",
        models.CASCADE,
        related_name="indicator_targets",
        verbose_name=_("municipality"),
    )
    indicator = models.CharField(
        _("indicator"), max_length=10, choices=[(i.code, i.label) for i in INDICATORS]
    )
    target = models.FloatField(_("target"))
    tolerance = models.FloatField(
        _("tolerance"),
        default=0,
        help_text=_("How far the value may miss the target and still be orange, not red."),
    )
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator"], name="one_target_per_indicator"
            ),
            models.CheckConstraint(condition=models.Q(tolerance__gte=0), name="tolerance_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.indicator}: {self.target}"
