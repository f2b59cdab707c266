"""The resident's own page to give a mark and an opinion at the evaluation of their
household's case (resident accounts only; see ``cases.satisfaction``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from wijkkracht.accounts.roles import Capability
from wijkkracht.cases.forms import SatisfactionForm
from wijkkracht.cases.satisfaction import get_case_for_resident, record_satisfaction
from wijkkracht.core.decorators import capability_required


@capability_required(Capability.VIEW_OWN_RECORD)
@require_http_methods(["GET", "HEAD", "POST"])
def satisfaction(request: HttpRequest, public_id) -> HttpResponse:
    case = get_case_for_resident(request.user, public_id)
    done = False
    if request.method == "POST":
        form = SatisfactionForm(request.POST)
        if form.is_valid():
            try:
                record_satisfaction(
                    case=case,
                    satisfaction=form.cleaned_data["satisfaction"],
                    comment=form.cleaned_data["comment"],
                    resident_user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                done = True
    else:
        form = SatisfactionForm()
    return render(
        request,
        "cases/satisfaction.html",
        {"case": case, "form": form, "done": done},
        status=400 if form.errors else 200,
    )
