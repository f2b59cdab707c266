"""Forms for the neighbourhood plan pages; the use cases check the rules again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.areas.models import District
from wijkkracht.neighbourhoodplans import indicators as indicator_list
from wijkkracht.neighbourhoodplans.models import ActionStatus, Engagement

MAX_ACTIONS = 20


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _year_field(label):
    return forms.IntegerField(
        label=label,
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Give the year, for example %(year)s.") % {"year": timezone.now().year},
            "invalid": _("Give a year of four digits."),
            "min_value": _("Give a year from 2000."),
            "max_value": _("Give a year up to 2100."),
        },
    )


class PlanForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        error_messages={
            "required": _("Choose the district."),
            "invalid_choice": _("Choose the district."),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the plan a title.")},
    )
    first_year = _year_field(_("From year"))
    last_year = _year_field(_("To year"))
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the district needs, in plain language. Public once published. No names."),
        error_messages={"required": _("Write a short summary.")},
    )

    def __init__(self, *args, user=None, with_district: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_district:
            self.fields["district"].queryset = District.objects.filter(
                municipality_id__in=user.municipality_ids()
            ).order_by("code")
            self.fields["district"].label_from_instance = lambda d: f"{d.name} ({d.code})"
        else:
            del self.fields["district"]

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot be before the first year."))
        return data


class EngagementForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How"),
        choices=[("", _("Choose")), *Engagement.Kind.choices],
        error_messages={"required": _("Choose how residents or partners took part.")},
    )
    held_on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={
            "required": _("Give the date."),
            "invalid": _("Give a date like 14-03-2026."),
        },
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=300,
        help_text=_("For example: 40 residents in community centre De Linde. No names."),
        error_messages={"required": _("Describe briefly what happened.")},
    )
    partners = forms.CharField(
        label=_("Partners involved"),
        max_length=300,
        required=False,
        help_text=_("Organisations, separated by commas. No names of people."),
    )


class PriorityForm(forms.Form):
    title = forms.CharField(
        label=_("Priority"),
        max_length=150,
        help_text=_("For example: less loneliness among older residents."),
        error_messages={"required": _("Give the priority a name.")},
    )
    description = forms.CharField(
        label=_("Why and what we want to reach"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Public once published. No names."),
        error_messages={"required": _("Describe what you want to reach.")},
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indicators this priority should move"),
        choices=indicator_list.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one indicator."),
            "invalid_choice": _("Choose indicators from the list."),
        },
    )


class ActionForm(forms.Form):
    what = forms.CharField(
        label=_("Action"), max_length=300, error_messages={"required": _("Describe the action.")}
    )
    owner_organisation = forms.CharField(
        label=_("Organisation responsible"),
        max_length=150,
        error_messages={"required": _("Name the organisation responsible.")},
    )
    owner_team = forms.CharField(label=_("Team"), max_length=150, required=False)
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=150,
        required=False,
        help_text=_("Internal only: never shown on the public page."),
    )
    starts_on = forms.DateField(
        label=_("Starts on"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Give a date like 14-03-2026.")},
    )
    due_on = forms.DateField(
        label=_("Ready by"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Give a date like 14-03-2026.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        initial=ActionStatus.PLANNED,
        error_messages={"invalid_choice": _("Choose the status.")},
    )

    def clean(self):
        data = super().clean()
        starts, due = data.get("starts_on"), data.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("An action cannot be ready before it starts."))
        return data


ActionFormSet = forms.formset_factory(
    ActionForm, extra=1, can_delete=True, max_num=MAX_ACTIONS, validate_max=True
)


def actions_from(formset) -> list[dict]:
    """The filled-in, not deleted action forms, as use case data."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
