"""The privacy officer's pages: searching the audit log and reviewing break-the-glass
access. Everyone without the ``view_audit`` capability gets a 404.

A search is posted (so a BSN or name never lands in a URL), audited, and its criteria are
kept in the session under a random key; the result pages carry only that key and the page
number (post/redirect/get)."""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.forms import AuditSearchForm, BreakGlassReviewForm
from wijkkracht.audit.log import record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.audit.queries import (  # unreviewed_break_glass_count: also for the home page
    break_glass_for_officer,
    filter_lines,
    lines_for_officer,
    unreviewed_break_glass_count,
)
from wijkkracht.core.decorators import capability_required
from wijkkracht.involvements.break_glass import review_break_glass
from wijkkracht.residents.models import Resident

PAGE_SIZE = 50
SESSION_KEY = "audit_searches"
MAX_SAVED_SEARCHES = 20


# --- Audit log search ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@capability_required(Capability.VIEW_AUDIT)
def search(request):
    if request.method == "POST":
        form = AuditSearchForm(request.POST)
        if form.is_valid():
            key = _run_search(request, form)
            return redirect(f"{reverse('audit:search')}?{urlencode({'q': key})}")
        return render(request, "audit/search.html", {"form": form}, status=400)

    key = request.GET.get("q", "")
    criteria = request.session.get(SESSION_KEY, {}).get(key) if key else None
    if criteria is None:
        return render(
            request, "audit/search.html", {"form": AuditSearchForm(), "expired": bool(key)}
        )
    lines = filter_lines(lines_for_officer(request.user), **_filter_kwargs(criteria))
    page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
    initial = {name: criteria[name] for name in _PUBLIC_FIELDS if criteria.get(name)}
    if criteria.get("entered_pseudonym"):
        initial["resident_pseudonym"] = criteria["entered_pseudonym"]
    return render(
        request,
        "audit/search.html",
        {
            "form": AuditSearchForm(initial=initial),
            "page": page,
            "search_key": key,
            "criteria": criteria,
        },
    )


_PUBLIC_FIELDS = ("username", "date_from", "date_to", "action", "outcome")


def _run_search(request, form: AuditSearchForm) -> str:
    """Resolve the resident criteria to pseudonyms, write the audit line, keep the
    criteria (without BSN or name) in the session; return the key."""
    data = form.cleaned_data
    user = request.user
    found_by = ""
    pseudonyms: list[str] | None = None
    if data["resident_pseudonym"]:
        found_by = "resident_pseudonym"
        pseudonyms = [str(data["resident_pseudonym"])]
    elif data["bsn"] or data["name"]:
        found_by = "bsn" if data["bsn"] else "name_and_date_of_birth"
        residents = Resident.objects.in_municipalities_of(user).search(
            bsn=data["bsn"], name=data["name"], date_of_birth=data["date_of_birth"]
        )
        pseudonyms = [str(p) for p in residents.values_list("public_id", flat=True)[:100]]
    record_many(
        user=user,
        action=Action.SEARCH,
        purpose=Purpose.SUPERVISION,
        object_type="audit_log",
        items=[("", p) for p in pseudonyms] if pseudonyms else [("", None)],
        detail={"criteria": form.criteria_names()},
    )
    criteria = {
        "pseudonyms": pseudonyms,
        "found_by": found_by,
        "entered_pseudonym": pseudonyms[0] if found_by == "resident_pseudonym" else "",
        "username": data["username"],
        "date_from": data["date_from"].isoformat() if data["date_from"] else "",
        "date_to": data["date_to"].isoformat() if data["date_to"] else "",
        "action": data["action"],
        "outcome": data["outcome"],
    }
    saved = dict(request.session.get(SESSION_KEY, {}))
    key = secrets.token_urlsafe(12)
    saved[key] = criteria
    request.session[SESSION_KEY] = dict(list(saved.items())[-MAX_SAVED_SEARCHES:])
    return key


def _filter_kwargs(criteria: dict) -> dict:
    def day(value: str):
        return dt.date.fromisoformat(value) if value else None

    return {
        "pseudonyms": criteria["pseudonyms"],
        "username": criteria["username"],
        "date_from": day(criteria["date_from"]),
        "date_to": day(criteria["date_to"]),
        "action": criteria["action"],
        "outcome": criteria["outcome"],
    }


# --- Break-the-glass review ------------------------------------------------------------


@require_http_methods(["GET"])
@capability_required(Capability.VIEW_AUDIT)
def break_glass(request):
    return _render_break_glass(request)


@require_POST
@capability_required(Capability.VIEW_AUDIT)
def break_glass_review(request, public_id):
    grant = break_glass_for_officer(request.user).filter(public_id=public_id).first()
    if grant is None:
        raise Http404
    if grant.reviewed_at is not None:
        messages.error(request, _("This access was already reviewed."))
        return redirect("audit:break_glass")
    form = _review_form(grant, request.POST)
    if not form.is_valid():
        return _render_break_glass(request, failed=(grant.pk, form), status=400)
    review_break_glass(grant=grant, reviewer=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("Your review has been saved."))
    return redirect("audit:break_glass")


def _render_break_glass(request, *, failed=None, status=200):
    """The grants page. It shows residents' names, so every grant shown is audited (one
    insert for the whole page)."""
    page = Paginator(break_glass_for_officer(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    grants = list(page.object_list)
    if grants:
        record_many(
            user=request.user,
            action=Action.READ,
            purpose=Purpose.SUPERVISION,
            object_type="break_glass",
            items=[(str(g.public_id), g.resident) for g in grants],
        )
    rows = []
    for grant in grants:
        form = None
        if failed and failed[0] == grant.pk:
            form = failed[1]
        elif grant.reviewed_at is None:
            form = _review_form(grant)
        rows.append({"grant": grant, "form": form})
    return render(
        request,
        "audit/break_glass.html",
        {
            "page": page,
            "rows": rows,
            "unreviewed_count": unreviewed_break_glass_count(request.user),
        },
        status=status,
    )


def _review_form(grant, data=None) -> BreakGlassReviewForm:
    # One form per grant on the page: ids must be unique.
    return BreakGlassReviewForm(data, auto_id=f"id_%s_{grant.public_id}")
