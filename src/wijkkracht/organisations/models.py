from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality's own organisation or a partner: social work, care provider,
    housing corporation, school, GP practice, police, ..."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        SOCIAL_WORK = "social_work", _("social work")
        CARE_PROVIDER = "care_provider", _("care provider")
        HOUSING_CORPORATION = "housing_corporation", _("housing corporation")
        YOUTH_CARE = "youth_care", _("youth care")
        DEBT_SERVICES = "debt_services", _("debt services")
        HEALTH = "health", _("health care (GP, district nursing)")
        SCHOOL = "school", _("school")
        POLICE = "police", _("police")
        VOLUNTEER = "volunteer", _("volunteer organisation")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    municipalities = models.ManyToManyField(
        "areas.Municipality",
        related_name="organisations",
        verbose_name=_("municipalities"),
        help_text=_("Municipalities this organisation works in."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    agb_code = models.CharField(
        _("AGB code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{8}$", _("An AGB code has exactly 8 digits."))],
        help_text=_(
            "Code of a care provider in the AGB register (Vektis); used in iWmo/iJw "
            "assignments (301)."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
