"""Residents. Read them through ``Resident.objects.visible_to(user)`` or the access helper
in ``residents.access``; never through a bare ``Resident.objects`` in a view."""

from __future__ import annotations

import unicodedata
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn


def validate_bsn(value: str) -> None:
    if not stdnum_bsn.is_valid(value or ""):
        raise ValidationError(
            _("%(value)s is not a valid BSN: a BSN has 9 digits and passes the 11-check."),
            params={"value": "*" * len(value or "")},
            code="invalid_bsn",
        )


# Letters that Unicode does not decompose into a base letter plus accent.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ŀ": "l",
        "ħ": "h",
        "ŧ": "t",
        "ĳ": "ij",
    }
)


def normalise_name(value: str) -> str:
    """Lower case without accents, for prefix search ("Çelik" is found by "celik",
    "Yılmaz" by "yilmaz")."""
    decomposed = unicodedata.normalize("NFKD", (value or "").lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


SURNAME_PREFIXES = (
    "van der ",
    "van den ",
    "van de ",
    "van ",
    "de ",
    "den ",
    "der ",
    "ter ",
    "te ",
    "ten ",
    "in 't ",
    "'t ",
    "el ",
    "al ",
)


def strip_surname_prefix(key: str) -> str:
    """ "de vries" finds Vries with prefix "de": the surname is indexed without prefix."""
    for prefix in SURNAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


class ResidentQuerySet(models.QuerySet):
    def in_municipalities_of(self, user) -> ResidentQuerySet:
        return self.filter(municipality_id__in=user.municipality_ids())

    def visible_to(self, user) -> ResidentQuerySet:
        """The residents this user has a need to know about."""
        from wijkkracht.accounts.roles import Capability, has_capability
        from wijkkracht.households.models import HouseholdMembership
        from wijkkracht.involvements.models import BreakGlass, Involvement

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if has_capability(user, Capability.VIEW_OWN_RECORD):
            return self.filter(pk=user.resident_id) if user.resident_id else self.none()
        if not has_capability(user, Capability.VIEW_RESIDENTS):
            return self.none()
        involvements = Involvement.objects.active().giving_access().of_user(user)
        via_household = HouseholdMembership.objects.current().filter(
            household_id__in=involvements.exclude(household_id=None).values("household_id")
        )
        glass = BreakGlass.objects.active().filter(user=user)
        # One UNION of ids rather than three ORed IN-subqueries: PostgreSQL then plans
        # from the (few) visible ids instead of scanning the municipality's residents.
        visible_ids = (
            involvements.values("resident_id")
            .union(via_household.values("resident_id"))
            .union(glass.values("resident_id"))
        )
        return self.in_municipalities_of(user).filter(pk__in=visible_ids)

    def search(
        self,
        *,
        name: str = "",
        date_of_birth=None,
        postcode: str = "",
        house_number: int | None = None,
        bsn: str = "",
    ) -> ResidentQuerySet:
        from wijkkracht.households.models import HouseholdMembership

        qs = self
        if bsn:
            qs = qs.filter(bsn=bsn)
        if name:
            key = strip_surname_prefix(normalise_name(name))
            # A range instead of LIKE, so both SQLite and PostgreSQL use the index.
            qs = qs.filter(
                Q(search_surname__gte=key, search_surname__lt=key + "\uffff")
                | Q(search_given__gte=key, search_given__lt=key + "\uffff")
            )
        if date_of_birth:
            qs = qs.filter(date_of_birth=date_of_birth)
        if postcode:
            members = HouseholdMembership.objects.current().filter(
                household__address__postcode=postcode
            )
            if house_number:
                members = members.filter(household__address__house_number=house_number)
            qs = qs.filter(pk__in=members.values("resident_id"))
        return qs


class Resident(models.Model):
    public_id = models.UUIDField(
        _("pseudonymous id"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Used in URLs and the audit log instead of the BSN."),
    )
    municipality = models.ForeignKey(
        "areas.Municipality",
        models.PROTECT,
        related_name="residents",
        verbose_name=_("municipality"),
    )
    given_names = models.CharField(_("given names"), max_length=120)
    surname_prefix = models.CharField(
        _("surname prefix"), max_length=20, blank=True, help_text=_('For example "van der".')
    )
    surname = models.CharField(_("surname"), max_length=120)
    search_surname = models.CharField(_("surname for search"), max_length=140, editable=False)
    search_given = models.CharField(_("given name for search"), max_length=120, editable=False)
    date_of_birth = models.DateField(_("date of birth"))
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        null=True,
        validators=[validate_bsn],
        help_text=_("Citizen service number. Optional; never shown in URLs, logs or exports."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            models.Index(fields=["municipality", "search_surname"], name="resident_surname"),
            models.Index(fields=["municipality", "search_given"], name="resident_given"),
            models.Index(fields=["municipality", "date_of_birth"], name="resident_dob"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "bsn"],
                condition=Q(bsn__isnull=False),
                name="resident_bsn_unique_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_search_fields()
        super().save(*args, **kwargs)

    def fill_search_fields(self) -> None:
        self.search_surname = normalise_name(self.surname)
        self.search_given = normalise_name(self.given_names.split(" ")[0])
        if self.bsn == "":
            self.bsn = None

    @property
    def full_name(self) -> str:
        parts = [self.given_names, self.surname_prefix, self.surname]
        return " ".join(p for p in parts if p)
