"""Users: staff of the municipality and its partners, and residents using the portal.

One role per account. What a role may do is decided in one place, ``accounts.roles``;
what a user may *see* of residents is decided by the access helpers of each model.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    PROFESSIONAL = "professional", _("professional")
    TEAM_LEAD = "team_lead", _("team lead")
    DECISION_OFFICER = "decision_officer", _("decision officer")
    POLICY_ANALYST = "policy_analyst", _("policy analyst")
    PRIVACY_OFFICER = "privacy_officer", _("privacy officer")
    FUNCTIONAL_ADMIN = "functional_admin", _("functional administrator")
    PARTNER_SYSTEM = "partner_system", _("partner system (API client)")


class Discipline(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("social worker")
    YOUTH_FAMILY_COACH = "youth_family_coach", _("youth and family coach")
    DISTRICT_NURSE = "district_nurse", _("district nurse")
    DEBT_COUNSELLOR = "debt_counsellor", _("debt counsellor")
    WMO_CONSULTANT = "wmo_consultant", _("Wmo consultant")
    WORK_INCOME_CONSULTANT = "work_income_consultant", _("work and income consultant")
    MENTAL_HEALTH = "mental_health", _("mental health professional")
    BEHAVIOURAL_SPECIALIST = "behavioural_specialist", _("behavioural specialist")
    HOUSING_CONSULTANT = "housing_consultant", _("housing consultant")
    OTHER = "other", _("other")


class User(AbstractUser):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="staff",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
    )
    municipalities = models.ManyToManyField(
        "areas.Municipality",
        related_name="staff",
        verbose_name=_("municipalities"),
        blank=True,
        help_text=_("The municipalities this person works for. Nothing else is reachable."),
    )
    discipline = models.CharField(
        _("discipline"), max_length=40, choices=Discipline.choices, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    resident = models.OneToOneField(
        "residents.Resident",
        models.CASCADE,
        related_name="portal_account",
        verbose_name=_("resident"),
        null=True,
        blank=True,
        help_text=_("For resident accounts only: the resident this account belongs to."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_staff_role(self) -> bool:
        return self.role not in {"", Role.RESIDENT, Role.PARTNER_SYSTEM}

    @property
    def needs_second_factor(self) -> bool:
        """Every staff role logs in with a second factor."""
        return self.is_staff_role

    def municipality_ids(self) -> list[int]:
        cached = getattr(self, "_municipality_ids", None)
        if cached is None:
            cached = list(self.municipalities.values_list("id", flat=True))
            self._municipality_ids = cached
        return cached

    def team_ids(self) -> list[int]:
        cached = getattr(self, "_team_ids", None)
        if cached is None:
            cached = list(self.teams.values_list("id", flat=True))
            self._team_ids = cached
        return cached

    def led_team_ids(self) -> list[int]:
        cached = getattr(self, "_led_team_ids", None)
        if cached is None:
            cached = list(
                self.teammembership_set.filter(is_lead=True).values_list("team_id", flat=True)
            )
            self._led_team_ids = cached
        return cached
