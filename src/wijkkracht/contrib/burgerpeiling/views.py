"""Pages for importing Burgerpeiling files (``import_figures``): the list with the
upload form, the upload, and the figures of one import (disclosure control applied)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkkracht.accounts.roles import Capability
from wijkkracht.areas.models import District
from wijkkracht.contrib.burgerpeiling.access import get_survey_for_user
from wijkkracht.contrib.burgerpeiling.forms import UploadForm
from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.models import Survey
from wijkkracht.contrib.burgerpeiling.reader import SurveyFileError
from wijkkracht.contrib.burgerpeiling.results import (
    MARKER,
    THRESHOLD,
    WHOLE,
    indicator_list,
    indicator_results,
)
from wijkkracht.core.decorators import capability_required


def _index(request, form, problems=(), status=200):
    surveys = (
        Survey.objects.for_user(request.user)
        .select_related("municipality", "imported_by")
        .order_by("municipality__name", "-year")
    )
    return render(
        request,
        "burgerpeiling/index.html",
        {"surveys": surveys, "form": form, "problems": problems},
        status=status,
    )


@require_GET
@capability_required(Capability.IMPORT_FIGURES)
def index(request):
    return _index(request, UploadForm(user=request.user))


@require_POST
@capability_required(Capability.IMPORT_FIGURES)
def upload(request):
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _index(request, form, status=400)
    upload = form.cleaned_data["file"]
    suffix = Path(upload.name).suffix.lower()
    try:
        with tempfile.TemporaryDirectory(prefix="burgerpeiling-") as folder:
            path = Path(folder) / f"upload{suffix}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            survey = import_survey(
                municipality=form.cleaned_data["municipality"],
                year=form.cleaned_data["year"],
                path=path,
                file_name=Path(upload.name).name,
                actor=request.user,
                wijknr_map=form.cleaned_data["wijknr_map"],
                replace=form.cleaned_data["replace"],
            )
    except SurveyFileError as exc:
        return _index(request, form, problems=exc.problems, status=400)
    messages.success(
        request,
        _("Imported: %(respondents)d respondents of the Burgerpeiling %(year)d.")
        % {"respondents": survey.respondents, "year": survey.year},
    )
    return redirect("burgerpeiling:detail", public_id=survey.public_id)


@require_GET
@capability_required(Capability.IMPORT_FIGURES)
def detail(request, public_id):
    survey = get_survey_for_user(request.user, public_id)
    figures = indicator_results(survey.municipality, survey.year)
    names = dict(
        District.objects.filter(
            municipality=survey.municipality, year=survey.district_year, code__in=figures
        ).values_list("code", "name")
    )
    indicators = indicator_list()
    rows = [
        {
            "code": area,
            "name": survey.municipality.name if area == WHOLE else names.get(area, area),
            "is_whole": area == WHOLE,
            "cells": [figures[area].get(i.code) for i in indicators],
        }
        for area in sorted(figures, key=lambda a: (a != WHOLE, names.get(a, a)))
    ]
    return render(
        request,
        "burgerpeiling/detail.html",
        {
            "survey": survey,
            "indicators": indicators,
            "rows": rows,
            "marker": MARKER,
            "threshold": THRESHOLD,
        },
    )
