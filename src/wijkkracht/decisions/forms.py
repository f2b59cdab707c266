"""Forms of the decision pages. The use cases do the real checking; these only parse."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.decisions.changing import END_REASONS
from wijkkracht.decisions.models import ChangeReason, DecisionStatus, Frequency, ReferrerType
from wijkkracht.organisations.models import Organisation
from wijkkracht.provisions.models import Contract, Law, Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def contracted_providers(provision, on=None):
    return Organisation.objects.filter(
        pk__in=Contract.objects.current(on or timezone.localdate())
        .filter(provision=provision)
        .values("provider_id")
    ).order_by("name")


class RequestForm(forms.Form):
    plan_action = forms.TypedChoiceField(label=_("Action in the plan"), coerce=int)
    resident = forms.TypedChoiceField(label=_("For whom"), coerce=int)
    requested_volume = forms.DecimalField(
        label=_("Volume"), max_digits=10, decimal_places=2, min_value=0.01
    )
    requested_unit = forms.ChoiceField(
        label=_("Unit"), choices=[("", _("the provision's unit")), *Unit.choices], required=False
    )
    requested_frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    requested_start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    requested_end = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)
    preferred_provider = forms.ModelChoiceField(
        label=_("Preferred provider"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("no preference"),
    )
    motivation = forms.CharField(
        label=_("Why this provision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    referrer_type = forms.ChoiceField(
        label=_("Referred by"), choices=ReferrerType.choices, initial=ReferrerType.MUNICIPALITY
    )
    referrer_name = forms.CharField(label=_("Name of the referrer"), required=False, max_length=150)

    def __init__(self, *args, actions, members, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_action"].choices = [
            (a.pk, f"{a.what} ({a.provision.name})" if a.provision_id else a.what) for a in actions
        ]
        self.fields["resident"].choices = [(m.pk, m.full_name) for m in members]
        self.fields["preferred_provider"].queryset = providers


class TermsForm(VersionedForm):
    end_date = forms.DateField(label=_("End date"), widget=DATE_WIDGET)
    volume = forms.DecimalField(label=_("Volume"), max_digits=10, decimal_places=2)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    budget = forms.DecimalField(
        label=_("Budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Only for an assignment as a budget."),
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class GrantForm(TermsForm):
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    field_order = ["start_date", "end_date", "volume", "unit", "frequency", "provider", "budget"]


class RefuseForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reasons for the refusal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In plain words: the resident reads them in the letter."),
    )


class ChangeForm(TermsForm):
    effective_from = forms.DateField(
        label=_("Change from"), required=False, widget=DATE_WIDGET, help_text=_("Empty: today.")
    )
    change_reason = forms.ChoiceField(
        label=_("Reason of change (iWmo/iJw)"),
        required=False,
        choices=[
            ("", _("chosen for you")),
            *[(c.value, c.label) for c in ChangeReason if c != ChangeReason.REMOVED],
        ],
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))


class EndForm(VersionedForm):
    ended_on = forms.DateField(label=_("Ends on"), widget=DATE_WIDGET)
    end_reason = forms.ChoiceField(
        label=_("Reason"), choices=[(c.value, c.label) for c in END_REASONS]
    )
    reason = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the request withdrawn"), widget=forms.Textarea(attrs={"rows": 2})
    )


WORKLIST_STATUSES = [
    (DecisionStatus.REQUESTED, _("to decide")),
    (DecisionStatus.GRANTED, DecisionStatus.GRANTED.label),
    (DecisionStatus.CHANGED, DecisionStatus.CHANGED.label),
    (DecisionStatus.REFUSED, DecisionStatus.REFUSED.label),
    (DecisionStatus.ENDED, DecisionStatus.ENDED.label),
    (DecisionStatus.EXPIRED, DecisionStatus.EXPIRED.label),
    (DecisionStatus.WITHDRAWN, DecisionStatus.WITHDRAWN.label),
]


class WorklistFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=WORKLIST_STATUSES, required=False)
    law = forms.ChoiceField(
        label=_("Law"), choices=[("", _("all laws")), *Law.choices], required=False
    )
