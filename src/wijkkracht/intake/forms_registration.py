"""Forms for registering a support question: the resident's own portal form (``you``
wording, plain language) and the partner registration form for professionals, which adds
channel, referrer, municipality and BSN. No sensitive field is mandatory: only the
question itself. Every error message names its field."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.intake.models import Channel, ContactPreference
from wijkkracht.organisations.models import Organisation
from wijkkracht.residents.forms import (
    bsn_field,
    clean_bsn_value,
    clean_postcode_value,
    date_of_birth_field,
)

MAX_DESCRIPTION = 5000
IDEMPOTENCY_SALT = "wijkkracht.intake.idempotency"
IDEMPOTENCY_MAX_AGE = 2 * 24 * 3600  # a form may stay open for two days
PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
ADDITION = re.compile(r"^[A-Za-z0-9\- ]+$")
CHECKBOX_CLASS = "utrecht-checkbox utrecht-checkbox--html-input"
RADIO_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"

# The life domains in words a resident uses (B1); the codes are LifeDomain's.
PLAIN_LIFE_DOMAINS: list[tuple[str, str]] = [
    (LifeDomain.FINANCES, _("money and debts")),
    (LifeDomain.WORK_EDUCATION, _("work or school")),
    (LifeDomain.TIME_USE, _("how you spend your day")),
    (LifeDomain.HOUSING, _("your home")),
    (LifeDomain.DOMESTIC_RELATIONS, _("family and relationships at home")),
    (LifeDomain.MENTAL_HEALTH, _("how you feel inside")),
    (LifeDomain.PHYSICAL_HEALTH, _("your body and health")),
    (LifeDomain.SUBSTANCE_USE, _("alcohol or drugs")),
    (LifeDomain.BASIC_ADL, _("taking care of yourself, like washing and dressing")),
    (LifeDomain.INSTRUMENTAL_ADL, _("tasks at home, like shopping and cooking")),
    (LifeDomain.SOCIAL_NETWORK, _("people around you")),
    (LifeDomain.SOCIAL_PARTICIPATION, _("taking part in your neighbourhood")),
    (LifeDomain.JUSTICE, _("police or the law")),
]

PLAIN_CONTACT_CHOICES = [
    (ContactPreference.PHONE, _("By phone")),
    (ContactPreference.EMAIL, _("By e-mail")),
    (ContactPreference.VISIT, _("A visit at home")),
    (ContactPreference.LETTER, _("By letter")),
]


def new_idempotency_token() -> str:
    """A fresh random key, signed so that it cannot be made up. Put in the form on GET."""
    return signing.TimestampSigner(salt=IDEMPOTENCY_SALT).sign(uuid.uuid4().hex)


def read_idempotency_token(token: str) -> str | None:
    """The key inside a token made by ``new_idempotency_token``; None when the token is
    missing, forged or older than two days."""
    if not token or len(token) > 200:
        return None
    try:
        key = signing.TimestampSigner(salt=IDEMPOTENCY_SALT).unsign(
            token, max_age=IDEMPOTENCY_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return key if re.fullmatch(r"[0-9a-f]{32}", key) else None


class SupportQuestionForm(forms.Form):
    """The fields every channel shares, in the resident's own words (``you``)."""

    description = forms.CharField(
        label=_("What is going on?"),
        help_text=_("Tell us in your own words. What do you need help with?"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("What is going on: tell us in a few words what is going on."),
            "max_length": _(
                "What is going on: your text is too long. Use at most %(limit_value)d "
                "characters. You used %(show_value)d."
            ),
        },
    )
    life_domains = forms.MultipleChoiceField(
        label=_("What is it about?"),
        help_text=_("You may skip this. Choose as many as you like."),
        choices=PLAIN_LIFE_DOMAINS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": CHECKBOX_CLASS}),
        error_messages={"invalid_choice": _("What is it about: choose from the list.")},
    )
    consent_to_contact = forms.BooleanField(
        label=_("Yes, you may contact me about my question."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECKBOX_CLASS}),
    )
    contact_preference = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        choices=[("", _("No preference")), *PLAIN_CONTACT_CHOICES],
        required=False,
        widget=forms.RadioSelect(attrs={"class": RADIO_CLASS}),
        error_messages={"invalid_choice": _("How to contact you: choose from the list.")},
    )
    contact_moment = forms.CharField(
        label=_("When can we reach you best?"),
        help_text=_("For example: on weekdays after 3 pm."),
        max_length=100,
        required=False,
        error_messages={
            "max_length": _("When to reach you: use at most %(limit_value)d characters.")
        },
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": _("Name: use at most %(limit_value)d characters.")},
    )
    date_of_birth = date_of_birth_field()
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send you a confirmation of your question."),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _(
                "E-mail address: this is not an e-mail address. For example: name@example.nl."
            ),
            "max_length": _("E-mail address: use at most %(limit_value)d characters."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": _("Phone number: use at most %(limit_value)d characters.")},
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("For example 1234 AB."),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages={
            "max_length": _("Postcode: use four digits and two letters, for example 1234 AB.")
        },
    )
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
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    house_number_addition = forms.CharField(
        label=_("Addition"),
        help_text=_("For example A or 2."),
        max_length=5,
        required=False,
        error_messages={
            "max_length": _("Addition: use at most %(limit_value)d letters or digits.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].label = _("Your date of birth")
        self.fields["date_of_birth"].help_text = _(
            "You may skip this. It helps us find you. Day-month-year, for example 12-04-1985."
        )

    def full_clean(self):
        super().full_clean()
        if self.is_bound and "consent_to_contact" in self.errors:
            bound = self["consent_to_contact"]
            bound.field.widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{bound.auto_id}_error"}
            )

    def clean_description(self) -> str:
        return (self.cleaned_data.get("description") or "").strip()

    def clean_name(self) -> str:
        return " ".join((self.cleaned_data.get("name") or "").split())

    def clean_date_of_birth(self) -> dt.date | None:
        value = self.cleaned_data.get("date_of_birth")
        if value is None:
            return None
        today = timezone.localdate()
        if value > today:
            raise ValidationError(
                _("Date of birth: this date is in the future. Check the year."),
                code="future_date",
            )
        if value.year < today.year - 125:
            raise ValidationError(
                _("Date of birth: this date is too long ago. Check the year."), code="old_date"
            )
        return value

    def clean_phone(self) -> str:
        value = (self.cleaned_data.get("phone") or "").strip()
        if not value:
            return ""
        digits = re.sub(r"\D", "", value)
        if not PHONE.match(value) or not 8 <= len(digits) <= 15:
            raise ValidationError(
                _("Phone number: use digits only, for example 06 12345678."), code="invalid_phone"
            )
        return value

    def clean_postcode(self) -> str:
        return clean_postcode_value(self.cleaned_data.get("postcode", ""))

    def clean_house_number_addition(self) -> str:
        value = (self.cleaned_data.get("house_number_addition") or "").strip()
        if value and not ADDITION.match(value):
            raise ValidationError(
                _("Addition: use letters or digits only, for example A or 2."),
                code="invalid_addition",
            )
        return value

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        house_number = cleaned.get("house_number")
        if postcode and not house_number and "house_number" not in self.errors:
            self.add_error(
                "house_number",
                ValidationError(
                    _("House number: fill in the house number together with the postcode."),
                    code="house_number_required",
                ),
            )
        if house_number and not postcode and "postcode" not in self.errors:
            self.add_error(
                "postcode",
                ValidationError(
                    _("Postcode: fill in the postcode together with the house number."),
                    code="postcode_required",
                ),
            )
        if cleaned.get("house_number_addition") and not house_number:
            if "house_number" not in self.errors:
                self.add_error(
                    "house_number",
                    ValidationError(
                        _("House number: fill in the house number together with the addition."),
                        code="house_number_required",
                    ),
                )
        self._check_contact(cleaned)
        return cleaned

    def _check_contact(self, cleaned) -> None:
        """Contact details are needed only when contact is wanted; then at least one way
        to reach the person, and the detail that fits the chosen way."""
        preference = cleaned.get("contact_preference")
        consent = cleaned.get("consent_to_contact")
        if preference and not consent:
            self.add_error("consent_to_contact", self.messages["consent_missing"])
            return
        if not consent:
            return
        has_address = bool(cleaned.get("postcode") and cleaned.get("house_number"))
        needs = {
            ContactPreference.EMAIL: ("email", bool(cleaned.get("email"))),
            ContactPreference.PHONE: ("phone", bool(cleaned.get("phone"))),
            ContactPreference.VISIT: ("postcode", has_address),
            ContactPreference.LETTER: ("postcode", has_address),
        }
        if preference in needs:
            field, present = needs[preference]
            if not present and field not in self.errors:
                self.add_error(field, self.messages[f"missing_for_{preference}"])
            return
        address_errors = {"postcode", "house_number"} & set(self.errors)
        if not (cleaned.get("email") or cleaned.get("phone") or has_address) and not (
            {"email", "phone"} & set(self.errors) or address_errors
        ):
            self.add_error(None, self.messages["no_way_to_reach"])

    @property
    def messages(self) -> dict[str, str]:
        return {
            "consent_missing": _(
                "Contact: tick the box if you want us to contact you. Or choose 'No preference'."
            ),
            "missing_for_email": _(
                "E-mail address: fill in your e-mail address, or choose another way to contact you."
            ),
            "missing_for_phone": _(
                "Phone number: fill in your phone number, or choose another way to contact you."
            ),
            "missing_for_visit": _(
                "Postcode: fill in your postcode and house number, so we can visit you. Or "
                "choose another way to contact you."
            ),
            "missing_for_letter": _(
                "Postcode: fill in your postcode and house number, so we can send you a "
                "letter. Or choose another way to contact you."
            ),
            "no_way_to_reach": _(
                "You want us to contact you. Fill in at least one way to reach you: your phone "
                "number, your e-mail address, or your postcode and house number."
            ),
        }

    def registration_arguments(self) -> dict:
        """Keyword arguments for ``intake.registration.register_request``."""
        data = self.cleaned_data
        return {
            "description": data["description"],
            "life_domains": data.get("life_domains") or [],
            "name": data.get("name") or "",
            "date_of_birth": data.get("date_of_birth"),
            "email": data.get("email") or "",
            "phone": data.get("phone") or "",
            "postcode": data.get("postcode") or "",
            "house_number": data.get("house_number"),
            "house_number_addition": data.get("house_number_addition") or "",
            "contact_preference": data.get("contact_preference") or "",
            "contact_moment": data.get("contact_moment") or "",
            "consent_to_contact": bool(data.get("consent_to_contact")),
        }


STAFF_LABELS = {
    "description": (
        _("What is going on?"),
        _("The question, as much as possible in the resident's own words."),
    ),
    "life_domains": (_("Life domains"), _("Optional. Choose all that apply.")),
    "consent_to_contact": (_("The resident agrees to be contacted about the question."), ""),
    "contact_preference": (_("How does the resident want to be contacted?"), ""),
    "contact_moment": (_("Best time to contact"), _("For example: on weekdays after 3 pm.")),
    "name": (_("Name of the resident"), ""),
    "date_of_birth": (_("Date of birth"), _("Day-month-year, for example 12-04-1985.")),
    "email": (_("E-mail address of the resident"), ""),
    "phone": (_("Phone number of the resident"), ""),
}


class PartnerRegistrationForm(SupportQuestionForm):
    """A professional registers a question on a resident's behalf."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Municipality: choose the municipality where the resident lives."),
            "invalid_choice": _("Municipality: choose one of your municipalities."),
        },
    )
    channel = forms.ChoiceField(
        label=_("How did the question come in?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.PORTAL],
        error_messages={
            "required": _("Channel: choose how the question came in."),
            "invalid_choice": _("Channel: choose from the list."),
        },
    )
    referrer_name = forms.CharField(
        label=_("Referred by"),
        help_text=_("The person who brought the question in."),
        max_length=150,
        required=False,
        error_messages={"max_length": _("Referred by: use at most %(limit_value)d characters.")},
    )
    referrer_organisation = forms.ModelChoiceField(
        label=_("Referring organisation"),
        queryset=None,
        required=False,
        empty_label=_("(none)"),
        error_messages={"invalid_choice": _("Referring organisation: choose from the list.")},
    )
    bsn = bsn_field()

    field_order = [
        "municipality",
        "channel",
        "referrer_name",
        "referrer_organisation",
        "description",
        "life_domains",
        "name",
        "date_of_birth",
        "bsn",
        "postcode",
        "house_number",
        "house_number_addition",
        "phone",
        "email",
        "consent_to_contact",
        "contact_preference",
        "contact_moment",
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        municipalities = user.municipalities.order_by("name")
        self.fields["municipality"].queryset = municipalities
        self.fields["referrer_organisation"].queryset = (
            Organisation.objects.filter(municipalities__in=user.municipality_ids())
            .distinct()
            .order_by("name")
        )
        if not self.is_bound:
            self.initial.setdefault("referrer_organisation", user.organisation_id)
            self.initial.setdefault("referrer_name", user.get_full_name())
            first = municipalities.first()
            if first is not None:
                self.initial.setdefault("municipality", first.pk)
        for name, (label, help_text) in STAFF_LABELS.items():
            self.fields[name].label = label
            self.fields[name].help_text = help_text
        self.fields["contact_preference"].choices = [
            ("", _("No preference")),
            *[(c.value, c.label.capitalize()) for c in ContactPreference],
        ]
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs["autocomplete"] = "off"
        self.fields["postcode"].widget.attrs["autocomplete"] = "off"

    def clean_bsn(self) -> str:
        return clean_bsn_value(self.cleaned_data.get("bsn", ""))

    @property
    def messages(self) -> dict[str, str]:
        return {
            "consent_missing": _(
                "Consent: a way of contact is chosen, but the resident's consent to be "
                "contacted is not ticked."
            ),
            "missing_for_email": _("E-mail address: fill in the e-mail address for contact."),
            "missing_for_phone": _("Phone number: fill in the phone number for contact."),
            "missing_for_visit": _("Postcode: fill in postcode and house number for a visit."),
            "missing_for_letter": _("Postcode: fill in postcode and house number for a letter."),
            "no_way_to_reach": _(
                "The resident agrees to be contacted: fill in at least a phone number, an "
                "e-mail address, or postcode and house number."
            ),
        }

    def registration_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().registration_arguments(),
            "municipality": data["municipality"],
            "channel": data["channel"],
            "referrer_name": data.get("referrer_name") or "",
            "referrer_organisation": data.get("referrer_organisation"),
            "bsn": data.get("bsn") or "",
        }
