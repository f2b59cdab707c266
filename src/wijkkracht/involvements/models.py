"""Involvements (betrokkenheid) are the basis of need-to-know: a professional sees a
resident or household only where they or their team have an active involvement, or a
time-limited break-the-glass grant with a written reason."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InvolvementQuerySet(models.QuerySet):
    def active(self, now=None) -> InvolvementQuerySet:
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.INVOLVEMENT_EXPIRY_DAYS)
        return self.filter(ended_on__isnull=True, last_activity_at__gte=cutoff)

    def expired(self, now=None) -> InvolvementQuerySet:
        """Not ended, but without activity for longer than the expiry period."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.INVOLVEMENT_EXPIRY_DAYS)
        return self.filter(ended_on__isnull=True, last_activity_at__lt=cutoff)

    def giving_access(self) -> InvolvementQuerySet:
        """Involvements that open the record (need-to-know); reported signals do not."""
        return self.filter(grants_access=True)

    def of_user(self, user) -> InvolvementQuerySet:
        """Involvements of the user personally or of one of the user's teams."""
        return self.filter(
            Q(professional_id=user.pk) | Q(team_id__in=user.team_ids()),
            municipality_id__in=user.municipality_ids(),
        )


class Involvement(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality", models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    resident = models.ForeignKey(
        "residents.Resident",
        models.CASCADE,
        related_name="involvements",
        verbose_name=_("resident"),
    )
    household = models.ForeignKey(
        "households.Household",
        models.CASCADE,
        related_name="involvements",
        verbose_name=_("household"),
        null=True,
        blank=True,
        help_text=_("Set when the involvement concerns the whole household."),
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="involvements",
        verbose_name=_("professional"),
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        "teams.Team",
        models.PROTECT,
        related_name="involvements",
        verbose_name=_("team"),
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="involvements",
        verbose_name=_("organisation"),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    contact_name = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_(
            "Reported by a partner system: the professional at the partner it acted for "
            "(shown in referral index notices)."
        ),
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    grants_access = models.BooleanField(
        _("gives access to the record"),
        default=True,
        help_text=_(
            "False for an involvement only reported to the referral index: it "
            "signals matches but does not open the resident's record."
        ),
    )
    last_activity_at = models.DateTimeField(
        _("last activity"),
        default=timezone.now,
        help_text=_("Involvements without activity expire after the configured period."),
    )

    objects = InvolvementQuerySet.as_manager()

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        indexes = [
            models.Index(fields=["professional", "ended_on"], name="involvement_professional"),
            models.Index(fields=["team", "ended_on"], name="involvement_team"),
            models.Index(fields=["resident"], name="involvement_resident"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(professional__isnull=False) | Q(team__isnull=False),
                name="involvement_has_professional_or_team",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} - {self.resident_id}"

    @property
    def expires_on(self):
        """The day this involvement expires if nothing happens before then."""
        expiry = self.last_activity_at + timedelta(days=settings.INVOLVEMENT_EXPIRY_DAYS)
        return timezone.localdate(expiry)


class MatchKind(models.TextChoices):
    PERSON = "person", _("same resident")
    HOUSEHOLD = "household", _("same household")


class ReferralMatch(models.Model):
    """Referral index (verwijsindex): professionals of two different organisations are
    involved with the same resident, or with members of the same household. One match
    per pair of involvements; ``involvement_a`` is always the one with the lower id."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality", models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MatchKind.choices)
    resident = models.ForeignKey(
        "residents.Resident",
        models.CASCADE,
        related_name="referral_matches",
        verbose_name=_("resident"),
        null=True,
        blank=True,
        help_text=_("Set for a match on the same resident."),
    )
    household = models.ForeignKey(
        "households.Household",
        models.CASCADE,
        related_name="referral_matches",
        verbose_name=_("household"),
        null=True,
        blank=True,
        help_text=_("Set for a match on members of the same household."),
    )
    involvement_a = models.ForeignKey(
        Involvement, models.CASCADE, related_name="+", verbose_name=_("first involvement")
    )
    involvement_b = models.ForeignKey(
        Involvement, models.CASCADE, related_name="+", verbose_name=_("second involvement")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("referral index match")
        verbose_name_plural = _("referral index matches")
        constraints = [
            models.UniqueConstraint(
                fields=["involvement_a", "involvement_b"], name="referral_match_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(involvement_a__lt=models.F("involvement_b")),
                name="referral_match_ordered_pair",
            ),
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | Q(household__isnull=False),
                name="referral_match_has_resident_or_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.involvement_a_id} <-> {self.involvement_b_id}"


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user) -> NoticeQuerySet:
        """The user's own notices whose two involvements are both still active."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        active = Involvement.objects.active()
        return self.filter(
            recipient_id=user.pk,
            involvement__in=active.values("pk"),
            other_involvement__in=active.values("pk"),
        )


class Notice(models.Model):
    """One professional's notice of a match: names only the other side's professional,
    organisation and contact details, and the recipient's own resident. No case content."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    match = models.ForeignKey(
        ReferralMatch, models.CASCADE, related_name="notices", verbose_name=_("match")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="referral_notices",
        verbose_name=_("recipient"),
    )
    involvement = models.ForeignKey(
        Involvement,
        models.CASCADE,
        related_name="+",
        verbose_name=_("own involvement"),
        help_text=_("The involvement through which the recipient is notified."),
    )
    other_involvement = models.ForeignKey(
        Involvement, models.CASCADE, related_name="+", verbose_name=_("other involvement")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral index notice")
        verbose_name_plural = _("referral index notices")
        constraints = [
            models.UniqueConstraint(fields=["match", "recipient"], name="notice_unique_recipient")
        ]
        indexes = [models.Index(fields=["recipient", "created_at"], name="notice_recipient")]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.match_id}"


class BreakGlassQuerySet(models.QuerySet):
    def active(self, now=None) -> BreakGlassQuerySet:
        return self.filter(expires_at__gt=now or timezone.now())


class BreakGlass(models.Model):
    """Emergency access to one resident (and their household), with a written reason,
    limited in time, always shown to the privacy officer for review."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="break_glass_grants",
        verbose_name=_("user"),
    )
    resident = models.ForeignKey(
        "residents.Resident",
        models.CASCADE,
        related_name="break_glass_grants",
        verbose_name=_("resident"),
    )
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
    )
    review_note = models.TextField(_("review note"), blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        verbose_name = _("break-the-glass access")
        verbose_name_plural = _("break-the-glass accesses")
        indexes = [models.Index(fields=["user", "expires_at"], name="breakglass_user")]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.resident_id}"
