"""Forms of the catalogue pages. The use cases in ``provisions.catalogue`` validate again
(model validation); these forms give Dutch-first messages next to the fields."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkkracht.organisations.models import Organisation
from wijkkracht.provisions.catalogue import EDITABLE, parse_amount
from wijkkracht.provisions.models import Law, Provision, ProvisionKind

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class CatalogueFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds"))] + ProvisionKind.choices, required=False
    )
    law = forms.ChoiceField(
        label=_("Law"), choices=[("", _("all laws"))] + Law.choices, required=False
    )
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    inactive = forms.BooleanField(label=_("Also show inactive provisions"), required=False)


class ProvisionForm(forms.ModelForm):
    class Meta:
        model = Provision
        fields = list(EDITABLE)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["organiser"].queryset = Organisation.objects.filter(municipalities=municipality)
        self.fields["organiser"].help_text = _("For a collective arrangement: who organises it.")

    def clean_product_code(self):
        return (self.cleaned_data.get("product_code") or "").strip().upper()

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE if name in self.cleaned_data}


class TariffForm(forms.Form):
    amount = forms.CharField(
        label=_("Tariff per unit (EUR)"),
        max_length=14,
        help_text=_("For example 32,50. More than zero, at most two decimals."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    valid_from = forms.DateField(
        label=_("Valid from"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_amount(self) -> Decimal:
        try:
            return parse_amount(self.cleaned_data["amount"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["amount"]) from exc


class ContractForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    starts_on = forms.DateField(
        label=_("Contract starts on"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ends_on = forms.DateField(
        label=_("Contract ends on"),
        input_formats=DATE_FORMATS,
        required=False,
        help_text=_("Leave empty for a contract without an end date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.filter(
            municipalities=municipality
        ).order_by("name")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A contract cannot end before it starts."))
        return data
