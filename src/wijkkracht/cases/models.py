"""1 gezin – 1 plan – 1 regisseur: the household case (traject).

One case per household at a time, exactly one coordinator at any time. Status changes go
through ``cases.workflow`` (one transition table); every change writes a timeline entry
and an audit line in its use case. Read cases through ``Case.objects.visible_to(user)``
or ``cases.access``: a case is visible exactly when its household is (need-to-know)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("intake")
    ACTIVE = "active", _("active")
    EVALUATION = "evaluation", _("evaluation")
    CLOSED = "closed", _("closed")


class ClosingReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("goals achieved")
    PARTLY_ACHIEVED = "partly_achieved", _("goals partly achieved")
    MOVED_AWAY = "moved_away", _("moved away")
    DECLINED = "declined", _("support declined")
    OTHER = "other", _("other")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        from wijkkracht.accounts.roles import Capability, has_capability
        from wijkkracht.households.models import Household

        if not has_capability(user, Capability.VIEW_RESIDENTS):
            return self.none()
        return self.filter(
            Q(household__in=Household.objects.visible_to(user)) | Q(coordinator_id=user.pk),
            municipality_id__in=user.municipality_ids(),
        )

    def open(self) -> CaseQuerySet:
        return self.exclude(status=CaseStatus.CLOSED)


class Case(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality", models.PROTECT, related_name="cases", verbose_name=_("municipality")
    )
    household = models.ForeignKey(
        "households.Household", models.PROTECT, related_name="cases", verbose_name=_("household")
    )
    team = models.ForeignKey(
        "teams.Team",
        models.PROTECT,
        related_name="cases",
        verbose_name=_("team"),
        help_text=_("The neighbourhood team that keeps the coordination."),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="coordinated_cases",
        verbose_name=_("coordinator"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_reason = models.CharField(
        _("closing reason"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    closing_note = models.TextField(_("closing note"), blank=True)
    support_request = models.OneToOneField(
        "intake.SupportRequest",
        models.SET_NULL,
        related_name="case",
        verbose_name=_("opened from question"),
        null=True,
        blank=True,
    )
    previous_case = models.ForeignKey(
        "self",
        models.SET_NULL,
        related_name="+",
        verbose_name=_("previous case"),
        null=True,
        blank=True,
        help_text=_(
            "The household's earlier case, when this one started more than 12 months "
            "after it closed."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Optimistic locking: raised on every change.")
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("household case")
        verbose_name_plural = _("household cases")
        indexes = [
            models.Index(fields=["team", "status"], name="case_team_status"),
            models.Index(fields=["coordinator", "status"], name="case_coordinator_status"),
            models.Index(fields=["household", "status"], name="case_household_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=~Q(status="closed"),
                name="one_open_case_per_household",
            )
        ]

    def __str__(self) -> str:
        return f"{self.household} ({self.get_status_display()})"


class CoordinatorChange(models.Model):
    """A hand-over of the coordination, with date and reason."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="coordinator_changes", verbose_name=_("case")
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("from"),
        null=True,
        blank=True,
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("to")
    )
    changed_at = models.DateTimeField(_("date"), default=timezone.now)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("coordinator hand-over")
        verbose_name_plural = _("coordinator hand-overs")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_user_id} -> {self.to_user_id}"


class Participant(models.Model):
    """A professional involved in the case, from any organisation, with their role."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="participants", verbose_name=_("case")
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="case_participations",
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role in the case"), max_length=100)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("involved professional")
        verbose_name_plural = _("involved professionals")

    def __str__(self) -> str:
        return f"{self.professional_id} ({self.role})"


class NetworkMember(models.Model):
    """Someone of the household's own network: people, not users."""

    class Relation(models.TextChoices):
        FAMILY = "family", _("family")
        NEIGHBOUR = "neighbour", _("neighbour")
        FRIEND = "friend", _("friend")
        INFORMAL_CARER = "informal_carer", _("informal carer")
        VOLUNTEER = "volunteer", _("volunteer")
        OTHER = "other", _("other")

    case = models.ForeignKey(Case, models.CASCADE, related_name="network", verbose_name=_("case"))
    name = models.CharField(_("name"), max_length=150)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.CharField(_("what they do"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")

    def __str__(self) -> str:
        return self.name


class Escalation(models.Model):
    """Opschalen to the expert team and afschalen back; the neighbourhood team keeps the
    coordination unless it is handed over."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="escalations", verbose_name=_("case")
    )
    expert_team = models.ForeignKey(
        "teams.Team", models.PROTECT, related_name="escalations", verbose_name=_("expert team")
    )
    reason = models.TextField(_("reason for escalation"))
    escalated_at = models.DateTimeField(_("escalated at"), default=timezone.now)
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("escalated by")
    )
    deescalated_at = models.DateTimeField(_("de-escalated at"), null=True, blank=True)
    deescalation_reason = models.TextField(_("reason for de-escalation"), blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(deescalated_at__isnull=True),
                name="one_open_escalation_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.expert_team_id}"


class TimelineEntry(models.Model):
    """One line of the household's timeline, written by the use case that made the change:
    questions, contacts, plan changes, assessments, escalations, hand-overs, notes."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        CONTACT = "contact", _("contact")
        STATUS = "status", _("status change")
        PLAN = "plan", _("plan change")
        ASSESSMENT = "assessment", _("self-reliance assessment")
        ESCALATION = "escalation", _("escalation")
        HANDOVER = "handover", _("coordinator hand-over")
        NOTE = "note", _("note")
        NETWORK = "network", _("network")
        EVALUATION = "evaluation", _("evaluation")

    case = models.ForeignKey(Case, models.CASCADE, related_name="timeline", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        null=True,
        blank=True,
    )
    member = models.ForeignKey(
        "residents.Resident",
        models.SET_NULL,
        related_name="+",
        verbose_name=_("household member"),
        null=True,
        blank=True,
    )
    summary = models.CharField(_("summary"), max_length=300)
    note = models.ForeignKey(
        "Note", models.CASCADE, related_name="+", null=True, blank=True, verbose_name=_("note")
    )

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        indexes = [models.Index(fields=["case", "-at"], name="timeline_case_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.kind}: {self.summary}"


class Note(models.Model):
    class Confidentiality(models.TextChoices):
        NORMAL = "normal", _("normal")
        SENSITIVE = "sensitive", _("sensitive (only the author and the coordinator)")

    case = models.ForeignKey(Case, models.CASCADE, related_name="notes", verbose_name=_("case"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("author")
    )
    member = models.ForeignKey(
        "residents.Resident",
        models.SET_NULL,
        related_name="+",
        verbose_name=_("about household member"),
        null=True,
        blank=True,
    )
    text = models.TextField(_("note"))
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.NORMAL,
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.case_id} {self.created_at:%Y-%m-%d}"

    def readable_by(self, user, case: Case) -> bool:
        if self.confidentiality == self.Confidentiality.NORMAL:
            return True
        return user.pk in (self.author_id, case.coordinator_id)
