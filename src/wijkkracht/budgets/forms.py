"""Forms of the budget pages. Amounts are read as text (Dutch "25,50" or "25.50") and
turned into Decimal by ``budgets.money.to_money``, the same check the use cases make."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.areas.models import Neighbourhood
from wijkkracht.budgets.models import PurposeCategory
from wijkkracht.budgets.money import to_money
from wijkkracht.teams.models import Team


class MoneyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return to_money(parse_amount(value))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["amount"]) from exc


def parse_amount(text: str) -> str:
    """ "25,50", "25.50", "€ 1.250,75", "1,250.75" -> a plain decimal string. A single
    separator followed by exactly three digits ("1.250") is ambiguous and refused."""
    value = "".join(ch for ch in text if ch not in " \u00a0€")
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return value.replace(thousands, "").replace(decimal, ".")
    for separator in (",", "."):
        count = value.count(separator)
        if count == 1:
            whole, fraction = value.split(separator)
            if len(fraction) == 3:
                raise ValidationError(
                    {
                        "amount": _(
                            "Write the amount without a thousands separator, like 1250 or 1250,00."
                        )
                    },
                    code="ambiguous",
                )
            return f"{whole}.{fraction}"
        if count > 1:
            return value.replace(separator, "")
    return value


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a use case's refusal on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class Form(forms.Form):
    """Required fields are checked on the server (forms are ``novalidate``): no
    ``required`` attribute, which would mark every empty field invalid on arrival."""

    use_required_attribute = False


class BudgetForm(Form):
    team = forms.ModelChoiceField(
        label=_("Neighbourhood team"),
        queryset=Team.objects.none(),
        required=False,
        help_text=_("Choose a team or a neighbourhood, not both."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = MoneyField(label=_("Amount (euro)"), help_text=_("For example 5000 or 5000,00."))
    spend_limit = MoneyField(
        label=_("Limit per spend (euro)"),
        help_text=_("Above this amount the team lead approves a spend first."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = user.municipality_ids()
        self.fields["team"].queryset = Team.objects.filter(
            municipality_id__in=ids, kind=Team.Kind.NEIGHBOURHOOD
        ).order_by("name")
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(
            municipality_id__in=ids
        ).order_by("name", "code")
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if bool(data.get("team")) == bool(data.get("neighbourhood")) and not self.errors:
            raise ValidationError(_("Choose either a team or a neighbourhood."))
        return data


class ChangeBudgetForm(Form):
    amount = MoneyField(label=_("Amount (euro)"))
    spend_limit = MoneyField(
        label=_("Limit per spend (euro)"),
        help_text=_("Above this amount the team lead approves a spend first."),
    )


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, case):
        address = case.household.address
        return f"{address.street_line}, {address.town}"


class SpendForm(Form):
    amount = MoneyField(label=_("Amount (euro)"))
    category = forms.ChoiceField(
        label=_("What is the money for?"),
        choices=PurposeCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the money is for.")},
    )
    spent_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the money is spent; today unless you record it later."),
    )
    case = CaseChoiceField(
        label=_("For the household of case (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Not for a particular household"),
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["spent_on"].initial = timezone.localdate()


class RejectForm(Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class JustifyForm(Form):
    what = forms.CharField(
        label=_("What was the money spent on?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    why = forms.CharField(
        label=_("Why was it needed?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    effect = forms.CharField(
        label=_("What was the effect?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReviewForm(Form):
    ACCEPT, MORE = "accept", "more_information"
    decision = forms.ChoiceField(
        label=_("Your review"),
        choices=[(ACCEPT, _("Accept the justification")), (MORE, _("Ask for more information"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the spender"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Required when you ask for more information."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.MORE and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what information is missing."))
        return data
