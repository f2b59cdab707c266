"""Forms to identify a resident the professional cannot see yet: the break-the-glass
request (BSN, or name and date of birth) and reporting involvement for the referral index
(BSN, or surname, date of birth and postcode). POST only, the BSN never echoed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkkracht.involvements.break_glass import MIN_REASON_LENGTH
from wijkkracht.involvements.referral_index import REASON_MAX_LENGTH
from wijkkracht.residents.forms import (
    bsn_field,
    clean_bsn_value,
    clean_postcode_value,
    date_of_birth_field,
    postcode_field,
)


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


class InvolvementForm(forms.Form):
    """Report involvement with a resident (referral index). The resident is identified by
    BSN, or by surname, date of birth and postcode together; POST only."""

    bsn = bsn_field()
    name = forms.CharField(
        label=_("Surname"),
        required=False,
        max_length=120,
        help_text=_("Only without BSN: together with the date of birth and postcode."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_of_birth = date_of_birth_field()
    postcode = postcode_field()
    whole_household = forms.BooleanField(
        label=_("My involvement concerns the whole household"),
        required=False,
    )
    team = forms.TypedChoiceField(
        label=_("Team"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Optional: report it for one of your teams."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_(
            'In a few words, for example "debt counselling". Not shown to other organisations.'
        ),
        error_messages={"required": _("Reason: write down in a few words why you are involved.")},
    )

    IDENTIFYING = ("name", "date_of_birth", "postcode")

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("None (personally)"))] + [
            (team.pk, team.name) for team in teams
        ]

    def clean_bsn(self) -> str:
        return clean_bsn_value(self.cleaned_data.get("bsn", ""))

    def clean_name(self) -> str:
        return " ".join((self.cleaned_data.get("name") or "").split())

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data.get("postcode", ""))

    def clean(self):
        cleaned = super().clean()
        if any(name in self.errors for name in ("bsn", *self.IDENTIFYING)):
            return cleaned
        if cleaned.get("bsn"):
            return cleaned
        missing = [name for name in self.IDENTIFYING if not cleaned.get(name)]
        if len(missing) == len(self.IDENTIFYING):
            raise ValidationError(
                _("Fill in the BSN, or the surname, date of birth and postcode together."),
                code="no_identification",
            )
        for name in missing:
            self.add_error(
                name,
                ValidationError(
                    _(
                        "%(field)s: fill in the surname, date of birth and postcode together, "
                        "or use the BSN."
                    )
                    % {"field": self.fields[name].label},
                    code="identification_incomplete",
                ),
            )
        return cleaned

    def criteria_used(self) -> list[str]:
        if self.cleaned_data.get("bsn"):
            return ["bsn"]
        return list(self.IDENTIFYING)

    def search_arguments(self) -> dict:
        if self.cleaned_data.get("bsn"):
            return {"bsn": self.cleaned_data["bsn"]}
        return {name: self.cleaned_data[name] for name in self.IDENTIFYING}
