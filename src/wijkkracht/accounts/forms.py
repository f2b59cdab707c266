"""The two login forms: password (step 1) and the six-digit code (step 2)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's own form, given the request so django-axes counts every failure."""

    error_messages = {
        "invalid_login": _(
            "The username or the password is not correct. Check both and try again."
        ),
        "inactive": _("This account is not active. Contact your functional administrator."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].widget.attrs.update(
            {"class": "utrecht-textbox utrecht-textbox--html-input", "autocomplete": "username"}
        )
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs.update(
            {
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "autocomplete": "current-password",
            }
        )


class CodeField(forms.CharField):
    """Apps show the code as "123 456"; typing the space is fine."""

    def to_python(self, value):
        return super().to_python(value).replace(" ", "")


class CodeForm(forms.Form):
    code = CodeField(
        label=_("Six-digit code"),
        help_text=_("The code your authenticator app shows now."),
        min_length=6,
        max_length=6,
        strip=True,
        validators=[RegexValidator(r"^\d{6}$", _("Code: enter the six digits, no spaces."))],
        error_messages={
            "required": _("Code: enter the six digits from your app."),
            "min_length": _("Code: enter all six digits."),
            "max_length": _("Code: enter only six digits."),
        },
        widget=forms.TextInput(
            attrs={
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"\d{6}",
                "size": "6",
            }
        ),
    )
