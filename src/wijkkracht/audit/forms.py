"""Forms of the privacy officer's pages. Every error message names its field, because the
error summary at the top of the page lists the messages on their own."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn

from wijkkracht.audit.models import Action, Outcome

DATE_WIDGET = forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}, format="%Y-%m-%d")
TEXT_ATTRS = {"class": "utrecht-textbox", "autocomplete": "off"}
SELECT_ATTRS = {"class": "utrecht-select"}


class AuditSearchForm(forms.Form):
    """Criteria for searching the audit log. A resident is identified in one way only: by
    pseudonymous id, by BSN, or by name with date of birth. The form is posted, never
    sent in a URL, so a BSN or name does not end up in browser history or server logs."""

    resident_pseudonym = forms.UUIDField(
        label=_("Pseudonymous id of the resident"),
        required=False,
        widget=forms.TextInput(attrs=TEXT_ATTRS),
        error_messages={
            "invalid": _(
                "Pseudonymous id of the resident: enter an id like "
                "123e4567-e89b-12d3-a456-426614174000."
            )
        },
    )
    bsn = forms.CharField(
        label=_("BSN of the resident"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**TEXT_ATTRS, "inputmode": "numeric"}),
        error_messages={
            "max_length": _("BSN of the resident: a BSN has 9 digits and passes the 11-check.")
        },
    )
    name = forms.CharField(
        label=_("Name of the resident"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs=TEXT_ATTRS),
        help_text=_("Surname or first name, with the date of birth."),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth of the resident"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={
            "invalid": _("Date of birth of the resident: enter a valid date, like 31-12-1980.")
        },
    )
    username = forms.CharField(
        label=_("User (username)"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs=TEXT_ATTRS),
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("From: enter a valid date, like 31-12-2025.")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("To: enter a valid date, like 31-12-2025.")},
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *Action.choices],
        widget=forms.Select(attrs=SELECT_ATTRS),
        error_messages={"invalid_choice": _("Action: choose one of the listed actions.")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("All outcomes")), *Outcome.choices],
        widget=forms.Select(attrs=SELECT_ATTRS),
        error_messages={"invalid_choice": _("Outcome: choose one of the listed outcomes.")},
    )

    #: Criteria that identify a resident: never in a URL, never in an audit line's values.
    PERSONAL = ("bsn", "name", "date_of_birth")

    def clean_bsn(self) -> str:
        value = "".join(self.cleaned_data.get("bsn", "").split())
        if value and not stdnum_bsn.is_valid(value):
            raise ValidationError(
                _("BSN of the resident: a BSN has 9 digits and passes the 11-check."),
                code="invalid_bsn",
            )
        return value

    def clean_name(self) -> str:
        return self.cleaned_data.get("name", "").strip()

    def clean_username(self) -> str:
        return self.cleaned_data.get("username", "").strip()

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to", _("To: the end of the period must be on or after the start (From).")
            )
        name, date_of_birth = data.get("name"), data.get("date_of_birth")
        if name and not date_of_birth and "date_of_birth" not in self.errors:
            self.add_error(
                "date_of_birth",
                _("Date of birth of the resident: enter it together with the name."),
            )
        if date_of_birth and not name:
            self.add_error("name", _("Name of the resident: enter it with the date of birth."))
        ways = [
            bool(data.get("resident_pseudonym")),
            bool(data.get("bsn")),
            bool(name or date_of_birth),
        ]
        if sum(ways) > 1:
            raise ValidationError(
                _(
                    "Resident: use one way to find the resident: the pseudonymous id, "
                    "the BSN, or the name with date of birth."
                ),
                code="resident_twice",
            )
        return data

    def criteria_names(self) -> list[str]:
        """The names (never the values) of the criteria that were filled in."""
        return [name for name in self.fields if self.cleaned_data.get(name)]


class BreakGlassReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Review note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
        help_text=_("What you checked and what you concluded."),
        error_messages={"required": _("Review note: write what you checked and concluded.")},
    )
