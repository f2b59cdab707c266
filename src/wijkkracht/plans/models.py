"""One support plan per household case: goals per life domain, actions by whom, every
version kept, and the evaluation at closing.

Change plans only through ``plans.editing`` (optimistic locking on ``SupportPlan.version``,
a ``PlanVersion`` snapshot per save) and evaluations through ``plans.evaluation``. Read
plans through cases the user may see (``Case.objects.visible_to(user)``)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.life_domains import LifeDomain


class GoalStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACHIEVED = "achieved", _("achieved")
    PARTLY = "partly", _("partly achieved")
    NOT_ACHIEVED = "not_achieved", _("not achieved")


class GoalOutcome(models.TextChoices):
    ACHIEVED = "achieved", _("achieved")
    PARTLY = "partly", _("partly achieved")
    NOT_ACHIEVED = "not_achieved", _("not achieved")


class PerformerKind(models.TextChoices):
    RESIDENT = "resident", _("the resident")
    NETWORK = "network", _("someone of the network")
    VOLUNTEER = "volunteer", _("a volunteer")
    PROFESSIONAL = "professional", _("a professional")
    PROVIDER = "provider", _("a provider")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class SupportPlan(models.Model):
    case = models.OneToOneField(
        "cases.Case", models.CASCADE, related_name="plan", verbose_name=_("case")
    )
    version = models.PositiveIntegerField(
        _("version"), default=0, help_text=_("Optimistic locking: raised on every save.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("last saved by"),
        null=True,
        blank=True,
    )
    agreed_with_resident_on = models.DateField(
        _("agreed with the resident on"), null=True, blank=True
    )
    agreed_note = models.TextField(_("note on the agreement"), blank=True)

    class Meta:
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"


class Goal(models.Model):
    plan = models.ForeignKey(
        SupportPlan, models.CASCADE, related_name="goals", verbose_name=_("support plan")
    )
    life_domain = models.CharField(_("life domain"), max_length=30, choices=LifeDomain.choices)
    description = models.TextField(
        _("goal"), help_text=_("In the resident's own words where possible.")
    )
    member = models.ForeignKey(
        "residents.Resident",
        models.SET_NULL,
        related_name="+",
        verbose_name=_("household member"),
        null=True,
        blank=True,
        help_text=_("Empty: the goal is for the whole household."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.description[:60]


class PlanAction(models.Model):
    goal = models.ForeignKey(Goal, models.CASCADE, related_name="actions", verbose_name=_("goal"))
    what = models.TextField(_("what"))
    performer_kind = models.CharField(
        _("who does it"), max_length=20, choices=PerformerKind.choices
    )
    performer_name = models.CharField(_("name of who does it"), max_length=150, blank=True)
    performer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        related_name="+",
        verbose_name=_("professional who does it"),
        null=True,
        blank=True,
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    provision = models.ForeignKey(
        "provisions.Provision",
        models.PROTECT,
        related_name="plan_actions",
        verbose_name=_("provision"),
        null=True,
        blank=True,
        help_text=_("The provision of the municipality's catalogue this action uses, if any."),
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="planaction_status_due")]

    def __str__(self) -> str:
        return self.what[:60]

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == ActionStatus.OPEN and self.due_on is not None and self.due_on < today


class PlanVersion(models.Model):
    """A snapshot of the goals and actions as saved; every version is kept."""

    plan = models.ForeignKey(
        SupportPlan, models.CASCADE, related_name="versions", verbose_name=_("support plan")
    )
    number = models.PositiveIntegerField(_("version number"))
    snapshot = models.JSONField(_("goals and actions"), default=dict)
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("saved by"),
        null=True,
        blank=True,
    )
    agreed_with_resident_on = models.DateField(
        _("agreed with the resident on"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"


class PlanDraft(models.Model):
    """A submission refused because someone else saved first; kept so nothing is lost."""

    plan = models.ForeignKey(
        SupportPlan, models.CASCADE, related_name="drafts", verbose_name=_("support plan")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("author")
    )
    based_on_version = models.PositiveIntegerField(_("based on version"))
    data = models.JSONField(_("goals and actions"), default=dict)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("refused plan submission")
        verbose_name_plural = _("refused plan submissions")

    def __str__(self) -> str:
        return f"{self.plan_id} draft by {self.author_id}"


class Evaluation(models.Model):
    class EnteredBy(models.TextChoices):
        RESIDENT = "resident", _("the resident")
        PROFESSIONAL_FROM_PAPER = (
            "professional_from_paper",
            _("the professional, from a paper form"),
        )

    case = models.OneToOneField(
        "cases.Case", models.CASCADE, related_name="evaluation", verbose_name=_("case")
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1-10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    satisfaction_comment = models.TextField(_("in the resident's own words"), blank=True)
    entered_by = models.CharField(_("entered by"), max_length=30, choices=EnteredBy.choices)
    evaluated_at = models.DateTimeField(_("evaluated at"), default=timezone.now)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=10),
                name="evaluation_satisfaction_1_to_10",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} evaluation"


class GoalResult(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, models.CASCADE, related_name="results", verbose_name=_("evaluation")
    )
    goal = models.ForeignKey(Goal, models.CASCADE, related_name="+", verbose_name=_("goal"))
    result = models.CharField(_("result"), max_length=20, choices=GoalOutcome.choices)

    class Meta:
        verbose_name = _("goal result")
        verbose_name_plural = _("goal results")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="one_result_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.result}"
