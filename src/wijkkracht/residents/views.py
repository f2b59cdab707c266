from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.core.decorators import capability_required
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.involvements.models import BreakGlass, Involvement
from wijkkracht.residents.access import get_resident_for_user
from wijkkracht.residents.forms import ResidentSearchForm
from wijkkracht.residents.models import Resident

MAX_RESULTS = 50


def _current_memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=HouseholdMembership.objects.current().select_related("household__address"),
        to_attr="current_memberships",
    )


def search_residents(*, user, form: ResidentSearchForm) -> tuple[list[Resident], bool]:
    """Search among the residents the user may see, at most ``MAX_RESULTS``, ordered by
    surname, each with its current address. Writes one audit line per resident shown
    (criteria names only, never their values). Returns the results and whether there
    were more than shown."""
    found = list(
        Resident.objects.visible_to(user)
        .search(**form.search_arguments())
        .prefetch_related(_current_memberships())
        .order_by("search_surname", "search_given", "date_of_birth", "pk")[: MAX_RESULTS + 1]
    )
    results, truncated = found[:MAX_RESULTS], len(found) > MAX_RESULTS
    record_many(
        user=user,
        action=Action.SEARCH,
        purpose=Purpose.CARE,
        object_type="resident",
        items=[(str(r.public_id), r) for r in results] or [("", None)],
        detail={"criteria": form.criteria_used(), "results": len(results)},
    )
    return results, truncated


@capability_required(Capability.SEARCH_RESIDENTS)
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """GET shows the form; the search itself runs on POST only."""
    context: dict = {"searched": False}
    if request.method == "POST":
        form = ResidentSearchForm(request.POST)
        if form.is_valid():
            results, truncated = search_residents(user=request.user, form=form)
            context.update(searched=True, results=results, truncated=truncated)
    else:
        form = ResidentSearchForm()
    context.update(form=form, max_results=MAX_RESULTS)
    return render(request, "residents/search.html", context)


@require_safe
@login_required
def detail(request: HttpRequest, public_id) -> HttpResponse:
    """A resident's page: personal details, current household and who is involved.
    Not visible (no need to know) is a 404, audited by the access helper."""
    user = request.user
    grant = None
    if has_capability(user, Capability.VIEW_OWN_RECORD):
        purpose = Purpose.OWN_RECORD
    else:
        grant = (
            BreakGlass.objects.active()
            .filter(user=user, resident__public_id=public_id)
            .order_by("-expires_at")
            .first()
        )
        purpose = Purpose.EMERGENCY if grant is not None else Purpose.CARE
    resident = get_resident_for_user(user, public_id, purpose=purpose)
    memberships = list(
        HouseholdMembership.objects.current()
        .filter(resident=resident)
        .select_related("household__address")
    )
    involvements = list(
        Involvement.objects.active()
        .filter(resident=resident)
        .select_related("organisation", "team", "professional")
        .order_by("started_on", "pk")
    )
    own_record = purpose == Purpose.OWN_RECORD
    decision_notices, opinion_cases = [], []
    if own_record:
        from wijkkracht.cases.satisfaction import cases_to_give_an_opinion_on
        from wijkkracht.decisions.service import notices_for_resident

        decision_notices = notices_for_resident(resident)
        opinion_cases = cases_to_give_an_opinion_on(user)
    return render(
        request,
        "residents/detail.html",
        {
            "resident": resident,
            "memberships": memberships,
            "involvements": involvements,
            "grant": grant,
            "own_record": own_record,
            "decision_notices": decision_notices,
            "opinion_cases": opinion_cases,
        },
    )


@require_safe
@login_required
def own(request: HttpRequest) -> HttpResponse:
    """A resident's own page (inzage): to the resident page of the account's resident."""
    user = request.user
    if not has_capability(user, Capability.VIEW_OWN_RECORD) or not user.resident_id:
        raise Http404
    public_id = Resident.objects.visible_to(user).values_list("public_id", flat=True).first()
    if public_id is None:
        raise Http404
    return redirect("residents:detail", public_id=public_id)
