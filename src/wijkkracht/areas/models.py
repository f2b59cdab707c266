"""Municipalities (the tenant), districts and neighbourhoods with their CBS codes, and
addresses. CBS codes change over the years, so every area is stored with its year."""

from __future__ import annotations

import re
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
DISTRICT_CODE = re.compile(r"^WK\d{6}$")
NEIGHBOURHOOD_CODE = re.compile(r"^BU\d{8}$")
POSTCODE = re.compile(r"^[1-9]\d{3}[A-Z]{2}$")


def normalise_postcode(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_postcode(value: str) -> None:
    if not POSTCODE.match(value or ""):
        raise ValidationError(
            _("%(value)s is not a Dutch postcode; use four digits and two letters, like 1234 AB."),
            params={"value": value},
            code="invalid_postcode",
        )


validate_municipality_code = RegexValidator(
    MUNICIPALITY_CODE,
    _("%(value)s is not a valid CBS municipality code; expected a code like GM0034."),
    code="invalid_cbs_code",
)
validate_district_code = RegexValidator(
    DISTRICT_CODE,
    _("%(value)s is not a valid CBS district code; expected a code like WK003401."),
    code="invalid_cbs_code",
)
validate_neighbourhood_code = RegexValidator(
    NEIGHBOURHOOD_CODE,
    _("%(value)s is not a valid CBS neighbourhood code; expected a code like BU00340101."),
    code="invalid_cbs_code",
)


class Municipality(models.Model):
    """The tenant. Every row of personal data belongs to exactly one municipality."""

    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[validate_municipality_code]
    )
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(
        _("CBS year"), help_text=_("Year of the CBS code list.")
    )
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("A fictional municipality for demos and tests.")
    )
    first_contact_days = models.PositiveSmallIntegerField(
        _("first contact within (working days)"), default=5
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class District(models.Model):
    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="districts", verbose_name=_("municipality")
    )
    code = models.CharField(_("CBS code"), max_length=8, validators=[validate_district_code])
    name = models.CharField(_("name"), max_length=150)
    year = models.PositiveSmallIntegerField(_("CBS year"))

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "year"], name="district_code_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Neighbourhood(models.Model):
    district = models.ForeignKey(
        District, models.CASCADE, related_name="neighbourhoods", verbose_name=_("district")
    )
    municipality = models.ForeignKey(
        Municipality, models.CASCADE, related_name="neighbourhoods", verbose_name=_("municipality")
    )
    code = models.CharField(_("CBS code"), max_length=10, validators=[validate_neighbourhood_code])
    name = models.CharField(_("name"), max_length=150)
    year = models.PositiveSmallIntegerField(_("CBS year"))

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "year"], name="neighbourhood_code_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Address(models.Model):
    """A dwelling. Belongs to one neighbourhood, and so to one municipality."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="addresses", verbose_name=_("municipality")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        models.PROTECT,
        related_name="addresses",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
    )
    postcode = models.CharField(_("postcode"), max_length=6, validators=[validate_postcode])
    house_number = models.PositiveIntegerField(_("house number"))
    house_letter = models.CharField(_("house letter"), max_length=1, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=4, blank=True)
    street = models.CharField(_("street"), max_length=80)
    town = models.CharField(_("town"), max_length=80)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        indexes = [
            models.Index(fields=["municipality", "postcode", "house_number"], name="address_pc_nr")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "house_number", "house_letter", "house_number_addition"],
                name="address_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.street_line}, {self.postcode_display} {self.town}"

    @property
    def street_line(self) -> str:
        number = f"{self.house_number}{self.house_letter}"
        if self.house_number_addition:
            number += f"-{self.house_number_addition}"
        return f"{self.street} {number}"

    @property
    def postcode_display(self) -> str:
        return f"{self.postcode[:4]} {self.postcode[4:]}"
