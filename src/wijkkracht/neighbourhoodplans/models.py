"""Neighbourhood plans (wijkplannen): per district and period, the priorities chosen with
residents and partners, each linked to the indicators it should move, with actions,
owners and dates.

A plan is public once published (``workflow``): the public pages show published plans
only and never personal data — who was involved is told as organisations and
meetings, an action's owner as organisation or team (the contact person stays
internal). Change plans only through the use cases in ``editing`` and ``workflow``; they
write their own audit lines. Fetch through ``access``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class NeighbourhoodPlanQuerySet(models.QuerySet):
    def of_municipalities(self, municipality_ids) -> NeighbourhoodPlanQuerySet:
        return self.filter(municipality_id__in=municipality_ids)

    def published(self) -> NeighbourhoodPlanQuerySet:
        return self.filter(status=PlanStatus.PUBLISHED)


class NeighbourhoodPlan(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality",
        models.PROTECT,
        related_name="neighbourhood_plans",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        "areas.District",
        models.PROTECT,
        related_name="neighbourhood_plans",
        verbose_name=_("district"),
    )
    title = models.CharField(_("title"), max_length=200)
    first_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("to year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("What the district needs, in plain language. Public once published."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        related_name="+",
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
    )

    objects = NeighbourhoodPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("neighbourhood plan")
        verbose_name_plural = _("neighbourhood plans")
        ordering = ["district__code", "-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=Q(status="published"),
                name="one_published_plan_per_district",
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")),
                name="neighbourhood_plan_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="nbplan_municipality")]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    @property
    def period(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"


class Engagement(models.Model):
    """How residents and partners were involved in choosing the priorities."""

    class Kind(models.TextChoices):
        DISTRICT_CONVERSATION = "district_conversation", _("district conversation (wijkgesprek)")
        RESIDENT_SURVEY = "resident_survey", _("residents' survey")
        WALK = "walk", _("neighbourhood walk")
        PARTNER_MEETING = "partner_meeting", _("meeting with partners")
        ONLINE = "online", _("online participation")
        OTHER = "other", _("other")

    plan = models.ForeignKey(
        NeighbourhoodPlan,
        models.CASCADE,
        related_name="engagements",
        verbose_name=_("neighbourhood plan"),
    )
    kind = models.CharField(_("how"), max_length=30, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    description = models.CharField(
        _("what happened"),
        max_length=300,
        help_text=_("For example: 40 residents in community centre De Linde. No names."),
    )
    partners = models.CharField(
        _("partners involved"),
        max_length=300,
        blank=True,
        help_text=_("Organisations, separated by commas. No names of people."),
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class Priority(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        NeighbourhoodPlan,
        models.CASCADE,
        related_name="priorities",
        verbose_name=_("neighbourhood plan"),
    )
    title = models.CharField(_("priority"), max_length=150)
    description = models.TextField(
        _("why and what we want to reach"), help_text=_("Public once published. No names.")
    )
    indicators = models.JSONField(
        _("indicators"),
        default=list,
        help_text=_(
            "Codes of the indicators this priority should move (neighbourhoodplans.indicators)."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    STOPPED = "stopped", _("stopped")


class PriorityAction(models.Model):
    priority = models.ForeignKey(
        Priority, models.CASCADE, related_name="actions", verbose_name=_("priority")
    )
    what = models.CharField(_("action"), max_length=300)
    owner_organisation = models.CharField(_("organisation responsible"), max_length=150)
    owner_team = models.CharField(_("team"), max_length=150, blank=True)
    contact_person = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_("Internal only: never shown on the public page."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    due_on = models.DateField(_("ready by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(due_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="priority_action_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.what[:60]
