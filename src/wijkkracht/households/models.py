"""Households: residents living together at an address, over time. History is kept:
a membership or household ends with a date, it is never deleted."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HouseholdQuerySet(models.QuerySet):
    def visible_to(self, user) -> HouseholdQuerySet:
        """Households this user has a need to know about: a recorded involvement with the
        household or one of its current members, or break-the-glass access to a member."""
        from wijkkracht.accounts.roles import Capability, has_capability
        from wijkkracht.involvements.models import BreakGlass, Involvement

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if has_capability(user, Capability.VIEW_OWN_RECORD):
            if not user.resident_id:
                return self.none()
            return self.filter(
                pk__in=HouseholdMembership.objects.current()
                .filter(resident_id=user.resident_id)
                .values("household_id")
            )
        if not has_capability(user, Capability.VIEW_RESIDENTS):
            return self.none()
        involvements = Involvement.objects.active().giving_access().of_user(user)
        glass = BreakGlass.objects.active().filter(user=user)
        return self.filter(municipality_id__in=user.municipality_ids()).reached_by(
            involvements, also_residents=glass.values("resident_id")
        )

    def reached_by(self, involvements, also_residents=None) -> HouseholdQuerySet:
        """Households that ``involvements`` open: one recorded for the household, or for
        one of its current members (and the households of ``also_residents``, such as
        break-the-glass grants). The one household rule of need-to-know, used by
        ``visible_to`` and by partner systems (``api/case_access.py``)."""
        residents = involvements.values("resident_id")
        if also_residents is not None:
            residents = residents.union(also_residents)
        member_of = HouseholdMembership.objects.current().filter(resident_id__in=residents)
        visible_ids = (
            involvements.exclude(household_id=None)
            .values("household_id")
            .union(member_of.values("household_id"))
        )
        return self.filter(pk__in=visible_ids)


class Household(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality",
        models.PROTECT,
        related_name="households",
        verbose_name=_("municipality"),
    )
    address = models.ForeignKey(
        "areas.Address", models.PROTECT, related_name="households", verbose_name=_("address")
    )
    started_on = models.DateField(_("living together since"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    members = models.ManyToManyField(
        "residents.Resident",
        through="HouseholdMembership",
        related_name="households",
        verbose_name=_("members"),
    )

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return str(self.address)


class MembershipQuerySet(models.QuerySet):
    def current(self) -> MembershipQuerySet:
        return self.filter(ended_on__isnull=True)


class HouseholdMembership(models.Model):
    class Relation(models.TextChoices):
        HEAD = "head", _("main occupant")
        PARTNER = "partner", _("partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        OTHER = "other", _("other household member")

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="memberships", verbose_name=_("household")
    )
    resident = models.ForeignKey(
        "residents.Resident",
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("resident"),
    )
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("household membership")
        verbose_name_plural = _("household memberships")
        indexes = [
            models.Index(fields=["resident", "ended_on"], name="membership_resident"),
            models.Index(fields=["household", "ended_on"], name="membership_household"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} in {self.household_id}"
