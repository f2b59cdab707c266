"""Decisions (beschikkingen) on custom provisions, from the request to the end.

A professional requests a custom provision for a resident from a plan action (the five
questions travel with it); a decision officer grants or refuses it; later changes and
terminations are kept as ``DecisionEvent`` rows. Status changes go through the one table
in ``decisions.workflow``; use cases live in ``requesting``, ``deciding`` and ``changing``
and write their own audit line. Read decisions through ``Decision.objects.visible_to(user)``
or ``decisions.access``.

The allocation data of the iWmo/iJw assignment message (301) is kept per assignment in
``Allocation`` (see ``decisions.allocation``). Reminders before a decision ends are made by
``decisions.reminders`` (one row per decision and end date, unique), with a task for the
coordinator and the decision officer and a notice for the resident."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.provisions.models import Law, ProductCategory, Unit


class DecisionStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")
    CHANGED = "changed", _("granted, changed since")
    ENDED = "ended", _("ended early")
    EXPIRED = "expired", _("expired")


# Granted and not ended: these get reminders and can be changed or ended.
IN_FORCE = (DecisionStatus.GRANTED, DecisionStatus.CHANGED)
# A decision ended early still runs until its (new) end date.
DELIVERED = (DecisionStatus.GRANTED, DecisionStatus.CHANGED, DecisionStatus.ENDED)


class Frequency(models.TextChoices):
    """iStandaarden code list 'Frequentie' (WMO757), used by iWmo and iJw."""

    PER_DAY = "1", _("per day")
    PER_WEEK = "2", _("per week")
    PER_MONTH = "4", _("per month")
    TOTAL = "6", _("in total for the whole period")


class ReferrerType(models.TextChoices):
    """iStandaarden code list 'Code verwijzer' (COD327): who referred (verwijzer)."""

    MUNICIPALITY = "01", _("municipality")
    GP = "02", _("general practitioner")
    YOUTH_DOCTOR = "03", _("youth doctor")
    CERTIFIED_INSTITUTION = "04", _("certified institution")
    MEDICAL_SPECIALIST = "05", _("medical specialist")
    SELF = "06", _("self-referral / no referrer")
    JUDICIAL = "08", _("court, public prosecutor or youth detention official")


class ChangeReason(models.TextChoices):
    """iStandaarden code list 'Reden wijziging toewijzing' (WMO002 / JZ002). 01 is no
    longer used; 13 (removed) is set by the system for an assignment that never started."""

    DECEASED = "02", _("client deceased")
    CONTRACT_CHANGE = "03", _("contract change")
    EXTENDED = "04", _("reassessment: extended")
    SHORTENED = "05", _("reassessment: shortened or changed")
    OTHER_DOMAIN = "06", _("moves to another domain (Zvw, Wlz)")
    MOVED = "07", _("moved to another municipality")
    DELIVERY_FORM = "08", _("change of delivery form (personal budget)")
    OTHER_PROVIDER = "09", _("switch to another provider")
    FUNDING_CHANGE = "10", _("change to a new funding system")
    MERGER = "11", _("municipal merger")
    PROVIDER_REQUEST = "12", _("at the provider's request")
    REMOVED = "13", _("removed (sent by mistake)")
    CORRECTION = "14", _("administrative correction")


class LawSettings(models.Model):
    """Per municipality and law: the legal time limit to decide and when reminders go out.
    Without a row the defaults in ``decisions.deadlines.DEFAULTS`` apply."""

    municipality = models.ForeignKey(
        "areas.Municipality",
        models.CASCADE,
        related_name="decision_law_settings",
        verbose_name=_("municipality"),
    )
    law = models.CharField(_("law"), max_length=20, choices=Law.choices)
    decide_within_days = models.PositiveSmallIntegerField(
        _("decide within (days)"),
        help_text=_("The legal time limit, in calendar days after the request was received."),
    )
    reminder_weeks = models.PositiveSmallIntegerField(
        _("reminder (weeks before the end)"),
        default=8,
        help_text=_(
            "How many weeks before a decision ends the coordinator and the decision officer "
            "get a task and the resident a notice."
        ),
    )

    class Meta:
        verbose_name = _("decision time limits for a law")
        verbose_name_plural = _("decision time limits per law")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "law"], name="one_law_setting_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(decide_within_days__gte=1), name="decide_within_at_least_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.law}"


class LetterSettings(models.Model):
    """What the decision letter says about objecting (bezwaar) and questions."""

    municipality = models.OneToOneField(
        "areas.Municipality",
        models.CASCADE,
        related_name="decision_letter_settings",
        verbose_name=_("municipality"),
    )
    objection_addressee = models.CharField(
        _("send an objection to"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the municipal executive (college van B&W) of the municipality."),
    )
    objection_address = models.TextField(_("postal address for objections"), blank=True)
    objection_online = models.URLField(_("web page to object online"), blank=True)
    phone = models.CharField(_("phone number for questions"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("decision letter settings")
        verbose_name_plural = _("decision letter settings")

    def __str__(self) -> str:
        return str(self.municipality_id)


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> DecisionQuerySet:
        """Decision officers see the decisions of their municipalities; professionals the
        decisions of cases and households they may see (need-to-know); nobody else."""
        from wijkkracht.accounts.roles import Capability, has_capability
        from wijkkracht.cases.models import Case
        from wijkkracht.households.models import Household

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if has_capability(user, Capability.DECIDE):
            return self.filter(municipality_id__in=user.municipality_ids())
        if not has_capability(user, Capability.VIEW_RESIDENTS):
            return self.none()
        return self.filter(
            Q(household__in=Household.objects.visible_to(user))
            | Q(case__in=Case.objects.visible_to(user)),
            municipality_id__in=user.municipality_ids(),
        )

    def in_force(self) -> DecisionQuerySet:
        return self.filter(status__in=IN_FORCE)

    def delivered_on(self, day) -> DecisionQuerySet:
        """Custom provisions running on ``day``: granted, started and not yet ended."""
        return self.filter(status__in=DELIVERED, start_date__lte=day, end_date__gte=day)

    def to_decide(self) -> DecisionQuerySet:
        return self.filter(status=DecisionStatus.REQUESTED)


class Decision(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality",
        models.PROTECT,
        related_name="decisions",
        verbose_name=_("municipality"),
    )
    resident = models.ForeignKey(
        "residents.Resident",
        models.PROTECT,
        related_name="decisions",
        verbose_name=_("resident"),
        help_text=_("The client. The BSN stays on the resident; it is never copied here."),
    )
    household = models.ForeignKey(
        "households.Household",
        models.PROTECT,
        related_name="decisions",
        verbose_name=_("household"),
    )
    case = models.ForeignKey(
        "cases.Case",
        models.SET_NULL,
        related_name="decisions",
        verbose_name=_("household case"),
        null=True,
        blank=True,
    )
    plan_action = models.ForeignKey(
        "plans.PlanAction",
        models.SET_NULL,
        related_name="decisions",
        verbose_name=_("plan action"),
        null=True,
        blank=True,
    )
    provision = models.ForeignKey(
        "provisions.Provision",
        models.PROTECT,
        related_name="decisions",
        verbose_name=_("custom provision"),
    )
    law = models.CharField(
        _("law"),
        max_length=20,
        choices=Law.choices,
        help_text=_("The provision's law when it was requested."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DecisionStatus.choices,
        default=DecisionStatus.REQUESTED,
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Optimistic locking: raised on every change.")
    )

    # The request.
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="requested_decisions",
        verbose_name=_("requested by"),
    )
    decide_by = models.DateField(
        _("decide by"), help_text=_("The legal time limit for the decision.")
    )
    requested_start = models.DateField(_("requested from"), null=True, blank=True)
    requested_end = models.DateField(_("requested until"), null=True, blank=True)
    requested_volume = models.DecimalField(_("requested volume"), max_digits=10, decimal_places=2)
    requested_unit = models.CharField(_("requested unit"), max_length=2, choices=Unit.choices)
    requested_frequency = models.CharField(
        _("requested frequency"), max_length=1, choices=Frequency.choices
    )
    preferred_provider = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("preferred provider"),
        null=True,
        blank=True,
    )
    motivation = models.TextField(_("why this provision"), blank=True)
    five_questions = models.JSONField(
        _("the five questions"),
        default=list,
        help_text=_("The answers as they were when the provision was requested."),
    )
    referrer_type = models.CharField(
        _("referred by (kind)"),
        max_length=2,
        choices=ReferrerType.choices,
        default=ReferrerType.MUNICIPALITY,
    )
    referrer_name = models.CharField(_("name of the referrer"), max_length=150, blank=True)
    referrer_agb = models.CharField(
        _("AGB code of the referrer"),
        max_length=8,
        blank=True,
        help_text=_("For a referral by a GP, youth doctor or medical specialist."),
    )

    # The decision.
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("decision officer"),
        null=True,
        blank=True,
    )
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    volume = models.DecimalField(
        _("volume"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=2, choices=Unit.choices, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=1, choices=Frequency.choices, blank=True
    )
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for an assignment as a budget: the maximum amount."),
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="granted_decisions",
        verbose_name=_("provider"),
        null=True,
        blank=True,
    )
    end_reason = models.CharField(
        _("reason for ending"), max_length=2, choices=ChangeReason.choices, blank=True
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["municipality", "status", "decide_by"], name="decision_worklist"),
            models.Index(fields=["municipality", "status", "end_date"], name="decision_status_end"),
            models.Index(fields=["household", "status"], name="decision_household"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="decision_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(volume__gt=0),
                name="decision_volume_positive",
            ),
            models.CheckConstraint(
                condition=Q(requested_volume__gt=0), name="decision_requested_volume_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_status_display()})"

    @property
    def reference(self) -> str:
        """The number on the letter: no personal data."""
        return f"B{self.pk:07d}" if self.pk else "B-"

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == DecisionStatus.REQUESTED and self.decide_by < today

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE


class DecisionEvent(models.Model):
    """One step in a decision's history: requested, granted, refused, changed (with the
    values before and after), ended, expired. Never changed afterwards."""

    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="events", verbose_name=_("decision")
    )
    step = models.CharField(_("step"), max_length=20)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=DecisionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=DecisionStatus.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        null=True,
        blank=True,
    )
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    change_reason = models.CharField(
        _("reason of change (code)"), max_length=2, choices=ChangeReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("decision history entry")
        verbose_name_plural = _("decision history")
        indexes = [models.Index(fields=["decision", "at"], name="decision_event_at")]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.step}"


class Allocation(models.Model):
    """One assigned product (ToegewezenProduct) of the iWmo/iJw assignment message (301).

    The primary key is the assignment number (toewijzingnummer). An extension or
    shortening moves this row's end date (with the reason of change); a change of volume or
    provider ends it and starts a new assignment. See ``decisions.allocation``."""

    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="allocations", verbose_name=_("decision")
    )
    product_category = models.CharField(
        _("product category"), max_length=2, choices=ProductCategory.choices
    )
    product_code = models.CharField(_("product code"), max_length=5, blank=True)
    allocated_on = models.DateField(_("assignment date"), default=timezone.localdate)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    volume = models.DecimalField(_("volume"), max_digits=10, decimal_places=2, null=True)
    unit = models.CharField(_("unit"), max_length=2, choices=Unit.choices, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=1, choices=Frequency.choices, blank=True
    )
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("provider"),
    )
    change_reason = models.CharField(
        _("reason of change"), max_length=2, choices=ChangeReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment (301)")
        verbose_name_plural = _("assignments (301)")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="allocation_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.product_category} {self.product_code})"

    @property
    def number(self) -> int:
        return self.pk


class Reminder(models.Model):
    """A decision ends soon. One per decision and end date: a second run or a restart
    never makes another; a changed end date gets its own."""

    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="reminders", verbose_name=_("decision")
    )
    end_date = models.DateField(_("end date reminded of"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "end_date"], name="one_reminder_per_decision_end_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} ends {self.end_date}"


class TaskRole(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    DECISION_OFFICER = "decision_officer", _("decision officer")


class DecisionTaskQuerySet(models.QuerySet):
    def open(self) -> DecisionTaskQuerySet:
        return self.filter(done_at__isnull=True)


class DecisionTask(models.Model):
    """A task on someone's "my tasks" page: a decision ends soon, look at what comes next."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="decision_tasks",
        verbose_name=_("for"),
    )
    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="tasks", verbose_name=_("decision")
    )
    reminder = models.ForeignKey(
        Reminder, models.CASCADE, related_name="tasks", verbose_name=_("reminder")
    )
    role = models.CharField(_("as"), max_length=20, choices=TaskRole.choices)
    due_on = models.DateField(_("before"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = DecisionTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["user", "done_at", "due_on"], name="decision_task_user")]
        constraints = [
            models.UniqueConstraint(fields=["reminder", "role"], name="one_task_per_reminder_role")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.decision_id} ({self.role})"


class ResidentNoticeQuerySet(models.QuerySet):
    def for_resident(self, resident) -> ResidentNoticeQuerySet:
        """What the resident's own page shows, newest first."""
        return (
            self.filter(resident=resident)
            .select_related("decision__provision")
            .order_by("-created_at", "-pk")
        )


class ResidentNotice(models.Model):
    """A notice for the resident's own page: your provision ends soon."""

    resident = models.ForeignKey(
        "residents.Resident",
        models.CASCADE,
        related_name="decision_notices",
        verbose_name=_("resident"),
    )
    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="notices", verbose_name=_("decision")
    )
    reminder = models.OneToOneField(
        Reminder, models.CASCADE, related_name="notice", verbose_name=_("reminder")
    )
    end_date = models.DateField(_("ends on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = ResidentNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice to the resident")
        verbose_name_plural = _("notices to residents")
        indexes = [models.Index(fields=["resident", "-created_at"], name="decision_notice_res")]

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.decision_id} ends {self.end_date}"
