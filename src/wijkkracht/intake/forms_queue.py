"""Forms of the team's queue: they parse and check input; the use cases in
``intake.handling`` decide whether the change is allowed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.models import User
from wijkkracht.intake.handling import MAX_TEXT
from wijkkracht.intake.models import ContactPreference, IntakeOutcome
from wijkkracht.teams.models import Team

INTAKE_QUEUE = "queue"


class AssignForm(forms.Form):
    to_user = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=User.objects.filter(is_active=True),
        error_messages={"invalid_choice": _("Choose a member of the team.")},
    )


class FirstContactForm(forms.Form):
    at = forms.DateTimeField(
        label=_("First contact on"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    method = forms.ChoiceField(label=_("How"), choices=ContactPreference.choices)
    note = forms.CharField(
        label=_("Outcome of the contact"), max_length=MAX_TEXT, widget=forms.Textarea
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at > timezone.now():
            raise forms.ValidationError(_("The first contact cannot be in the future."))
        return at


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome of the intake"), choices=IntakeOutcome.choices)
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=forms.Textarea)


class RerouteForm(forms.Form):
    to_team = forms.CharField(label=_("Send to"))
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=forms.Textarea)

    def __init__(self, *args, municipality_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_id = municipality_id

    def clean_to_team(self) -> Team | None:
        value = self.cleaned_data["to_team"]
        if value == INTAKE_QUEUE:
            return None
        team = None
        if value.isdigit():
            team = Team.objects.filter(pk=int(value), municipality_id=self.municipality_id).first()
        if team is None:
            raise forms.ValidationError(_("Choose a team of the question's municipality."))
        return team
