"""The provision catalogue per municipality and the five-question frame.

Three kinds of provision: general provisions (open to everyone, no decision), collective
arrangements (a group offer with a place, a time and an organiser) and custom provisions
(maatwerkvoorzieningen) under one law, with the iWmo/iJw product category and product code,
a unit, tariffs over time and contracted providers.

Change the catalogue only through ``provisions.catalogue`` (validation plus an audit line)
and the five-question answers only through ``provisions.frame``; read them with the
queryset methods below (``Provision.objects.of_municipalities(...)``)."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProvisionKind(models.TextChoices):
    GENERAL = "general", _("general provision")
    COLLECTIVE = "collective", _("collective arrangement")
    CUSTOM = "custom", _("custom provision")


class Law(models.TextChoices):
    WMO = "wmo_2015", _("Wmo 2015")
    YOUTH = "jeugdwet", _("Youth Act (Jeugdwet)")
    PARTICIPATION = "participatiewet", _("Participation Act (Participatiewet)")
    DEBT_RELIEF = "wgs", _("Municipal Debt Relief Act (Wgs)")


class ProductCategory(models.TextChoices):
    """The national iWmo (01-18) and iJw (40-50) product categories, as used in the
    assignment message (301). Two digits."""

    WMO_01 = "01", _("01 Household help")
    WMO_02 = "02", _("02 Support (begeleiding)")
    WMO_03 = "03", _("03 Personal care")
    WMO_04 = "04", _("04 Short stay")
    WMO_05 = "05", _("05 Housing services")
    WMO_06 = "06", _("06 Other support for the individual or household")
    WMO_07 = "07", _("07 Day activities (dagbesteding)")
    WMO_08 = "08", _("08 Transport services")
    WMO_09 = "09", _("09 Other group support")
    WMO_10 = "10", _("10 Other custom arrangements")
    WMO_11 = "11", _("11 Wheelchairs")
    WMO_12 = "12", _("12 Transport aids")
    WMO_13 = "13", _("13 Housing adaptations")
    WMO_14 = "14", _("14 Other aids")
    WMO_15 = "15", _("15 Sheltered housing")
    WMO_16 = "16", _("16 Shelter")
    WMO_17 = "17", _("17 Emergency shelter")
    WMO_18 = "18", _("18 Other sheltered housing and shelter")
    JW_40 = "40", _("40 Personal care (youth)")
    JW_41 = "41", _("41 Day treatment")
    JW_42 = "42", _("42 Transport services (youth)")
    JW_43 = "43", _("43 Youth care with stay (incl. treatment)")
    JW_44 = "44", _("44 Youth care with stay (excl. treatment)")
    JW_45 = "45", _("45 Youth care, outpatient (ambulant)")
    JW_46 = "46", _("46 Youth care, crisis")
    JW_47 = "47", _("47 Youth probation")
    JW_48 = "48", _("48 Child protection")
    JW_49 = "49", _("49 Activities in a preventive judicial setting")
    JW_50 = "50", _("50 Custom arrangements (youth)")


WMO_CATEGORIES = {c.value for c in ProductCategory if c.name.startswith("WMO_")}
YOUTH_CATEGORIES = {c.value for c in ProductCategory if c.name.startswith("JW_")}


class Unit(models.TextChoices):
    """Units of the iStandaarden code list 'Eenheid' (WJ756)."""

    MINUTE = "01", _("minute")
    HOUR = "04", _("hour")
    DAY_AND_NIGHT = "14", _("24 hours (etmaal)")
    DAY_PART = "16", _("part of a day (4 hours)")
    PIECES_OUTPUT = "82", _("pieces (output)")
    EUROS = "83", _("euros")
    PIECES_EFFORT = "84", _("pieces (effort)")


PRODUCT_CODE_RE = re.compile(r"^[0-9A-Z]{5}$")


def validate_product_code(value: str) -> None:
    """A product code of the iWmo/iJw messages: five characters, digits and capitals."""
    if value and not PRODUCT_CODE_RE.match(value):
        raise ValidationError(
            _("A product code has five characters: digits and capital letters."),
            code="product_code_format",
        )


class ProvisionQuerySet(models.QuerySet):
    def of_municipalities(self, municipalities):
        return self.filter(municipality__in=municipalities)

    def active(self):
        return self.filter(is_active=True)

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            models.Q(name__icontains=text)
            | models.Q(description__icontains=text)
            | models.Q(product_code__iexact=text)
        )


class Provision(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    municipality = models.ForeignKey(
        "areas.Municipality",
        models.CASCADE,
        related_name="provisions",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProvisionKind.choices)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    law = models.CharField(
        _("law"),
        max_length=20,
        choices=Law.choices,
        blank=True,
        help_text=_("The law a custom provision is granted under; empty for the others."),
    )
    product_category = models.CharField(
        _("product category"),
        max_length=2,
        choices=ProductCategory.choices,
        blank=True,
        help_text=_("The iWmo/iJw product category, where it applies."),
    )
    product_code = models.CharField(
        _("product code"),
        max_length=5,
        blank=True,
        validators=[validate_product_code],
        help_text=_("The product code agreed with the providers: five characters."),
    )
    unit = models.CharField(
        _("unit"),
        max_length=2,
        choices=Unit.choices,
        blank=True,
        help_text=_("The iStandaarden unit the tariff and a granted volume are expressed in."),
    )
    location = models.CharField(
        _("where"),
        max_length=200,
        blank=True,
        help_text=_("For a collective arrangement: the place."),
    )
    schedule = models.CharField(
        _("when"),
        max_length=200,
        blank=True,
        help_text=_("For a collective arrangement: for example 'every Tuesday 10:00-12:00'."),
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="organised_provisions",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed at"), default=timezone.now)

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="one_provision_name_per_municipality"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="custom") | ~models.Q(law=""),
                name="custom_provision_has_a_law",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "kind", "is_active"], name="provision_mun_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_custom(self) -> bool:
        return self.kind == ProvisionKind.CUSTOM

    def validate_constraints(self, exclude=None):
        # The name and the law are checked in clean(), with messages next to the field.
        super().validate_constraints(exclude={*(exclude or ()), "name", "law"})

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if (
            self.municipality_id
            and self.name
            and Provision.objects.filter(municipality_id=self.municipality_id)
            .filter(name__iexact=self.name.strip())
            .exclude(pk=self.pk)
            .exists()
        ):
            errors.setdefault("name", []).append(
                _("This municipality already has a provision with this name.")
            )
        if self.kind == ProvisionKind.CUSTOM and not self.law:
            errors.setdefault("law", []).append(
                _("A custom provision is granted under a law: choose the law.")
            )
        if self.kind != ProvisionKind.CUSTOM and self.law:
            errors.setdefault("law", []).append(
                _("Only a custom provision is granted under a law.")
            )
        if self.product_category:
            if self.law == Law.WMO and self.product_category not in WMO_CATEGORIES:
                errors.setdefault("product_category", []).append(
                    _("Choose a Wmo product category (01 to 18) for a Wmo provision.")
                )
            if self.law == Law.YOUTH and self.product_category not in YOUTH_CATEGORIES:
                errors.setdefault("product_category", []).append(
                    _("Choose a youth product category (40 to 50) for a Youth Act provision.")
                )
        if self.product_code and not self.product_category:
            errors.setdefault("product_category", []).append(
                _("A product code belongs to a product category: choose the category.")
            )
        if errors:
            raise ValidationError(errors)


class Tariff(models.Model):
    """The price per unit from a date on; the newest tariff that started applies."""

    provision = models.ForeignKey(
        Provision, models.CASCADE, related_name="tariffs", verbose_name=_("provision")
    )
    amount = models.DecimalField(
        _("tariff per unit (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    valid_from = models.DateField(_("valid from"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["provision", "valid_from"], name="one_tariff_per_provision_and_date"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="tariff_is_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.provision_id}: {self.amount} from {self.valid_from}"


class ContractQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on)
        )


class Contract(models.Model):
    """A provider contracted to deliver a provision for a period."""

    provision = models.ForeignKey(
        Provision, models.CASCADE, related_name="contracts", verbose_name=_("provision")
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="provision_contracts",
        verbose_name=_("provider"),
    )
    starts_on = models.DateField(_("contract starts on"))
    ends_on = models.DateField(_("contract ends on"), null=True, blank=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="contract_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_id} for {self.provision_id}"

    def validate_constraints(self, exclude=None):
        # The period is checked in clean(), with the message next to the end date.
        super().validate_constraints(exclude={*(exclude or ()), "ends_on"})

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("A contract cannot end before it starts.")},
                code="ends_before_start",
            )


# The five questions (field, as asked), in the frame's order.
FIVE_QUESTIONS: tuple[tuple[str, object], ...] = (
    ("involvement", _("Is the resident optimally involved and in charge?")),
    ("expected_effect", _("What is the expected effect?")),
    ("cost", _("What does it cost?")),
    ("legal_basis", _("Is it allowed (legal basis)?")),
    ("lasting_solution", _("Does it contribute to a lasting solution?")),
)


class DecisionFrame(models.Model):
    """The five questions answered before an intervention is added to a plan (afwegingskader).

    Every change is a new row (with author and time); the newest row of an action is the
    current answer. The answers are also copied into each plan version's snapshot."""

    action = models.ForeignKey(
        "plans.PlanAction",
        models.CASCADE,
        related_name="decision_frames",
        verbose_name=_("action"),
    )
    involvement = models.TextField(
        _("Is the resident optimally involved and in charge?"), blank=True
    )
    expected_effect = models.TextField(_("What is the expected effect?"), blank=True)
    cost = models.TextField(_("What does it cost?"), blank=True)
    legal_basis = models.TextField(_("Is it allowed (legal basis)?"), blank=True)
    lasting_solution = models.TextField(_("Does it contribute to a lasting solution?"), blank=True)
    plan_version = models.PositiveIntegerField(
        _("plan version"), help_text=_("The plan version these answers were saved with.")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("answered by")
    )
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("five questions")
        verbose_name_plural = _("five questions")
        ordering = ["-answered_at", "-pk"]
        indexes = [models.Index(fields=["action", "-answered_at"], name="frame_action_newest")]

    def __str__(self) -> str:
        return f"{self.action_id} ({self.answered_at:%Y-%m-%d})"

    def answers(self) -> list[tuple[str, str]]:
        """(question as asked, answer) in the frame's order."""
        return [(str(label), getattr(self, name)) for name, label in FIVE_QUESTIONS]

    @property
    def is_complete(self) -> bool:
        return all(getattr(self, name).strip() for name, _label in FIVE_QUESTIONS)
