"""Upload forms for CBS figures and boundaries. The municipality is one of the user's own:
only that municipality's rows of a file are imported."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 200 * 1024 * 1024


class _MunicipalityForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipality"))

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.code, str(m)) for m in municipalities]

    def _check_size(self, name: str):
        upload = self.cleaned_data.get(name)
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB.") % {"max": MAX_UPLOAD // (1024 * 1024)}
            )
        return upload


class FiguresUploadForm(_MunicipalityForm):
    data = forms.FileField(
        label=_("Figures (TypedDataSet, CSV or JSON)"),
        help_text=_(
            "CBS's open data of the table, for example 85318NED Kerncijfers wijken en buurten "
            "2022, as downloaded from the OData feed (TypedDataSet)."
        ),
    )
    properties = forms.FileField(
        label=_("Codebook (DataProperties.csv)"),
        required=False,
        help_text=_("Needed the first time a table is imported; later the stored one is used."),
    )
    table = forms.RegexField(
        label=_("CBS table"),
        regex=r"^\s*\d{5}[A-Za-z]{3}\s*$",
        required=False,
        help_text=_("For example 85318NED. Leave empty when the file or its name says it."),
        error_messages={
            "invalid": _("A CBS table id has five digits and three letters, like 85318NED.")
        },
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Leave empty: the year follows from the table."),
    )

    def clean_data(self):
        return self._check_size("data")

    def clean_properties(self):
        return self._check_size("properties")


class BoundariesUploadForm(_MunicipalityForm):
    geojson = forms.FileField(
        label=_("Boundaries (GeoJSON)"),
        help_text=_(
            "The CBS/PDOK wijk- en buurtkaart as GeoJSON, with statcode and statnaam, in RD New "
            "or WGS84."
        ),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Needed when the features carry no jaarcode."),
    )

    def clean_geojson(self):
        return self._check_size("geojson")
