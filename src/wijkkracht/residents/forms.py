"""The resident search form. Searching happens on POST only, so no name, date of birth or
BSN lands in a URL or a server log. The BSN is never echoed back into the page."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkkracht.areas.models import normalise_postcode, validate_postcode
from wijkkracht.residents.models import validate_bsn

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d"]


class NoEchoTextInput(forms.TextInput):
    """A text input that never renders its value back (for the BSN)."""

    def format_value(self, value):
        return None


def clean_bsn_value(raw: str) -> str:
    """Digits only (spaces and dots are allowed while typing); raise a message that names
    the field and never repeats the number."""
    value = re.sub(r"[\s.]", "", raw or "")
    if not value:
        return ""
    if value.isdigit() and len(value) == 8:
        value = "0" + value  # older BSNs are written with 8 digits
    try:
        validate_bsn(value)
    except ValidationError as exc:
        raise ValidationError(
            _(
                "BSN: this is not a valid citizen service number. A BSN has 9 digits and "
                "passes the 11-check; check the number."
            ),
            code="invalid_bsn",
        ) from exc
    return value


def clean_postcode_value(raw: str) -> str:
    value = normalise_postcode(raw)
    if not value:
        return ""
    try:
        validate_postcode(value)
    except ValidationError as exc:
        raise ValidationError(
            _("Postcode: use four digits and two letters, for example 1234 AB."),
            code="invalid_postcode",
        ) from exc
    return value


def postcode_field() -> forms.CharField:
    """Optional postcode for finding a person; checked with ``clean_postcode_value``."""
    return forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=8,
        help_text=_("For example 1234 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def date_of_birth_field() -> forms.DateField:
    return forms.DateField(
        label=_("Date of birth"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Day-month-year, for example 12-04-1985."),
        error_messages={
            "invalid": _(
                "Date of birth: enter an existing date as day-month-year, for example 12-04-1985."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


def bsn_field() -> forms.CharField:
    return forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("Citizen service number, 9 digits."),
        widget=NoEchoTextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class ResidentSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=120,
        help_text=_("Surname or first name; the beginning of the name is enough."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_of_birth = date_of_birth_field()
    postcode = postcode_field()
    house_number = forms.IntegerField(
        label=_("House number"),
        required=False,
        min_value=1,
        max_value=99999,
        error_messages={
            "invalid": _("House number: enter a number, without letter or addition."),
            "min_value": _("House number: enter a number of 1 or more."),
            "max_value": _("House number: this number is too large."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    bsn = bsn_field()

    CRITERIA = ("name", "date_of_birth", "postcode", "house_number", "bsn")

    def clean_name(self) -> str:
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if name and len(name) < 2:
            raise ValidationError(_("Name: enter at least 2 letters."), code="name_too_short")
        return name

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data.get("postcode", ""))

    def clean_bsn(self) -> str:
        return clean_bsn_value(self.cleaned_data.get("bsn", ""))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("house_number") and not cleaned.get("postcode"):
            self.add_error(
                "postcode",
                ValidationError(
                    _("Postcode: fill in the postcode together with the house number."),
                    code="postcode_required",
                ),
            )
        elif not self.criteria_used():
            raise ValidationError(
                _("Fill in at least one of: name, date of birth, postcode or BSN."),
                code="no_criteria",
            )
        return cleaned

    def criteria_used(self) -> list[str]:
        """Names (never values) of the criteria filled in, for the audit line."""
        return [name for name in self.CRITERIA if self.cleaned_data.get(name)]

    def search_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data.get("name") or "",
            "date_of_birth": data.get("date_of_birth"),
            "postcode": data.get("postcode") or "",
            "house_number": data.get("house_number"),
            "bsn": data.get("bsn") or "",
        }
