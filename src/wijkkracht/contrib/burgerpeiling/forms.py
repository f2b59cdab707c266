"""The upload form: municipality (one of the user's), year, the file, and optionally own
district numbers."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.areas.models import Municipality
from wijkkracht.contrib.burgerpeiling.importing import FIRST_YEAR, LAST_YEAR
from wijkkracht.contrib.burgerpeiling.reader import (
    SurveyFileError,
    file_format_of,
    parse_wijknr_map,
)


class UploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your municipalities.")},
    )
    year = forms.IntegerField(
        label=_("Year of the survey"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": _("Give the year of the survey."),
            "invalid": _("Give the year as a number, like 2024."),
        },
    )
    file = forms.FileField(
        label=_("Burgerpeiling file"),
        help_text=_(
            "An SPSS file (.sav) or CSV file (.csv) in the national VNG data format: one line "
            "per respondent, answer codes, with wijknr and weging."
        ),
        error_messages={"required": _("Choose the file to import.")},
    )
    wijknr_map = forms.CharField(
        label=_("Own district numbers (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only if wijknr in the file is not the CBS district code or its last two digits: "
            "one line per number, like 7=WK036301."
        ),
    )
    replace = forms.BooleanField(
        label=_("Replace an earlier import of this municipality and year"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=user.municipality_ids()
        )
        self.fields["year"].initial = timezone.localdate().year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            file_format_of(upload.name)
        except SurveyFileError as exc:
            raise forms.ValidationError(exc.problems[0], code="file_format") from exc
        return upload

    def clean_wijknr_map(self):
        try:
            return parse_wijknr_map(self.cleaned_data["wijknr_map"])
        except SurveyFileError as exc:
            raise forms.ValidationError(exc.problems, code="wijknr_map") from exc
