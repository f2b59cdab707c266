"""The break-the-glass request. The resident is not visible to the professional, so they
identify the person by BSN, or by name and date of birth, in a POST form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkkracht.involvements.break_glass import MIN_REASON_LENGTH
from wijkkracht.residents.forms import bsn_field, clean_bsn_value, date_of_birth_field


class BreakGlassForm(forms.Form):
    bsn = bsn_field()
    name = forms.CharField(
        label=_("Surname"),
        required=False,
        max_length=120,
        help_text=_("Only without BSN: the surname, together with the date of birth."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_of_birth = date_of_birth_field()
    reason = forms.CharField(
        label=_("Reason"),
        min_length=MIN_REASON_LENGTH,
        max_length=2000,
        help_text=_("Why do you need access now? The privacy officer reads this."),
        error_messages={
            "required": _("Reason: write down why you need access now."),
            "min_length": _(
                "Reason: write at least %(limit_value)d characters; you wrote %(show_value)d."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_bsn(self) -> str:
        return clean_bsn_value(self.cleaned_data.get("bsn", ""))

    def clean_name(self) -> str:
        return " ".join((self.cleaned_data.get("name") or "").split())

    def clean(self):
        cleaned = super().clean()
        if "bsn" in self.errors or "name" in self.errors or "date_of_birth" in self.errors:
            return cleaned
        if cleaned.get("bsn"):
            return cleaned
        if not cleaned.get("name") and not cleaned.get("date_of_birth"):
            raise ValidationError(
                _("Fill in the BSN, or the surname together with the date of birth."),
                code="no_identification",
            )
        if not cleaned.get("name"):
            self.add_error(
                "name",
                ValidationError(
                    _(
                        "Surname: fill in the surname together with the date of birth, or use the "
                        "BSN."
                    ),
                    code="name_required",
                ),
            )
        if not cleaned.get("date_of_birth"):
            self.add_error(
                "date_of_birth",
                ValidationError(
                    _(
                        "Date of birth: fill in the date of birth together with the surname, "
                        "or use the BSN."
                    ),
                    code="date_of_birth_required",
                ),
            )
        return cleaned

    def criteria_used(self) -> list[str]:
        if self.cleaned_data.get("bsn"):
            return ["bsn"]
        return ["name", "date_of_birth"]

    def search_arguments(self) -> dict:
        if self.cleaned_data.get("bsn"):
            return {"bsn": self.cleaned_data["bsn"]}
        return {
            "name": self.cleaned_data["name"],
            "date_of_birth": self.cleaned_data["date_of_birth"],
        }
