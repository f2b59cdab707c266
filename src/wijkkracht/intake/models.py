"""Één toegang: every support question (hulpvraag), whatever the channel, in one model.

Status changes go through ``intake.workflow`` (one transition table); reads through
``SupportRequest.objects.visible_to(user)`` or ``intake.access``."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.life_domains import LifeDomain

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def new_reference() -> str:
    """A short reference a resident can read out on the phone: HV-7K3M-Q9TZ."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"HV-{code[:4]}-{code[4:]}"


class Channel(models.TextChoices):
    PORTAL = "portal", _("portal")
    PHONE = "phone", _("phone")
    DESK = "desk", _("desk")
    PARTNER = "partner", _("partner referral")
    SCHOOL = "school", _("school")
    GP = "gp", _("GP")
    POLICE = "police", _("police")
    OWN_OBSERVATION = "own_observation", _("own observation")


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("by phone")
    EMAIL = "email", _("by e-mail")
    VISIT = "visit", _("a home visit")
    LETTER = "letter", _("by letter")


class Status(models.TextChoices):
    NEW = "new", _("new")
    ASSIGNED = "assigned", _("assigned")
    CONTACTED = "contacted", _("first contact made")
    CLOSED = "closed", _("closed")


class IntakeOutcome(models.TextChoices):
    ANSWERED = "answered", _("answered directly")
    CASE_OPENED = "case_opened", _("household case opened")
    REFERRED = "referred", _("referred elsewhere")


class SupportRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> SupportRequestQuerySet:
        """Questions of the user's teams, the municipality-wide queue for members of an
        intake team, and questions the user registered or is assigned to."""
        from wijkkracht.accounts.roles import Capability, has_capability
        from wijkkracht.teams.models import Team

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if not has_capability(user, Capability.REGISTER_INTAKE):
            return self.none()
        condition = Q(registered_by_id=user.pk) | Q(assigned_to_id=user.pk)
        if has_capability(user, Capability.HANDLE_INTAKE):
            team_ids = user.team_ids()
            condition |= Q(team_id__in=team_ids)
            intake_municipalities = Team.objects.filter(
                pk__in=team_ids, kind=Team.Kind.INTAKE
            ).values("municipality_id")
            condition |= Q(team__isnull=True, municipality_id__in=intake_municipalities)
        return self.filter(condition, municipality_id__in=user.municipality_ids())

    def open(self) -> SupportRequestQuerySet:
        return self.exclude(status=Status.CLOSED)


class SupportRequest(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    municipality = models.ForeignKey(
        "areas.Municipality",
        models.PROTECT,
        related_name="support_requests",
        verbose_name=_("municipality"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    description = models.TextField(_("the question"), help_text=_("In the resident's own words."))
    life_domains = models.JSONField(
        _("life domains"),
        default=list,
        blank=True,
        help_text=_("Codes of wijkkracht.core.life_domains.LifeDomain."),
    )
    # What the resident or referrer told us, as given (data minimisation: all optional).
    name = models.CharField(_("name"), max_length=150, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        help_text=_("Only from partner registrations; never shown in lists."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=5, blank=True)
    contact_preference = models.CharField(
        _("contact by"), max_length=10, choices=ContactPreference.choices, blank=True
    )
    contact_moment = models.CharField(_("best time to contact"), max_length=100, blank=True)
    consent_to_contact = models.BooleanField(_("consent to be contacted"), default=False)
    # Who brought the question in.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="registered_requests",
        verbose_name=_("registered by"),
        null=True,
        blank=True,
    )
    referrer_organisation = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="referrals",
        verbose_name=_("referring organisation"),
        null=True,
        blank=True,
    )
    referrer_name = models.CharField(_("referrer"), max_length=150, blank=True)
    api_client = models.ForeignKey(
        "api.ApiClient",
        models.PROTECT,
        related_name="support_requests",
        verbose_name=_("partner system"),
        null=True,
        blank=True,
    )
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=64,
        blank=True,
        null=True,
        unique=True,
        help_text=_("A retry with the same key returns the first question."),
    )
    submitter_fingerprint = models.CharField(
        _("submitter fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Keyed hash of the sender's IP address, for throttling; not the address."),
    )
    # Routing.
    address = models.ForeignKey(
        "areas.Address",
        models.SET_NULL,
        related_name="support_requests",
        verbose_name=_("address"),
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        "teams.Team",
        models.PROTECT,
        related_name="support_requests",
        verbose_name=_("team"),
        null=True,
        blank=True,
        help_text=_("Empty: the municipality-wide intake queue."),
    )
    routing_note = models.CharField(_("routing"), max_length=200, blank=True)
    # Matching to the registry: only ever set by a professional's confirmation.
    resident = models.ForeignKey(
        "residents.Resident",
        models.SET_NULL,
        related_name="support_requests",
        verbose_name=_("resident"),
        null=True,
        blank=True,
    )
    # Handling.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="assigned_requests",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
    )
    first_contact_due = models.DateField(_("first contact due"))
    first_contact_at = models.DateTimeField(_("first contact at"), null=True, blank=True)
    first_contact_method = models.CharField(
        _("first contact by"), max_length=10, choices=ContactPreference.choices, blank=True
    )
    first_contact_note = models.TextField(_("first contact outcome"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=IntakeOutcome.choices, blank=True
    )
    outcome_reason = models.TextField(_("reason"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        indexes = [
            models.Index(fields=["team", "status", "received_at"], name="request_team_queue"),
            models.Index(
                fields=["municipality", "status", "received_at"], name="request_mun_queue"
            ),
            models.Index(fields=["assigned_to", "status"], name="request_assignee"),
            models.Index(fields=["municipality", "received_at"], name="request_received"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_overdue(self) -> bool:
        if self.first_contact_at is not None:
            return timezone.localdate(self.first_contact_at) > self.first_contact_due
        return timezone.localdate() > self.first_contact_due

    def life_domain_labels(self) -> list[str]:
        labels = dict(LifeDomain.choices)
        return [str(labels.get(code, code)) for code in self.life_domains]


class RoutingChange(models.Model):
    """A team lead re-routed a question to another team (or the intake queue)."""

    support_request = models.ForeignKey(
        SupportRequest,
        models.CASCADE,
        related_name="routing_changes",
        verbose_name=_("support request"),
    )
    from_team = models.ForeignKey(
        "teams.Team",
        models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("from team"),
    )
    to_team = models.ForeignKey(
        "teams.Team",
        models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("to team"),
    )
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("routing change")
        verbose_name_plural = _("routing changes")

    def __str__(self) -> str:
        return f"{self.support_request_id}: {self.from_team_id} -> {self.to_team_id}"
