"""The household case page: household and members, status, coordinator with contact
details, team, participants, network, escalation, plan link, timeline, the forms for a
note and a contact, and links to the other changes (each its own small page,
``views.changes.form_page``: the hand-over and participant forms list the team and
every professional of the municipality, too much to build on every view of the case).
Fetched through ``cases.access.get_case_for_user`` (404 otherwise)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.cases import changes, forms
from wijkkracht.cases.access import get_case_for_user
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.core.decorators import capability_required

TIMELINE_PAGE_SIZE = 50


def plan_url(case: Case, name: str = "plans:detail") -> str:
    """A page of the support plan, when the plans app provides it."""
    try:
        return reverse(name, args=[case.public_id])
    except NoReverseMatch:
        return ""


def timeline_page(request: HttpRequest, case: Case, memberships):
    """Newest first, filtered by kind and household member (GET parameters that are no
    personal data: a kind and a public id). Two queries whatever the page size."""
    entries = case.timeline.select_related("actor__organisation", "member", "note").order_by(
        "-at", "-pk"
    )
    kind = request.GET.get("kind", "")
    if kind in TimelineEntry.Kind.values:
        entries = entries.filter(kind=kind)
    else:
        kind = ""
    members = {str(m.resident.public_id): m.resident for m in memberships}
    member = request.GET.get("member", "")
    if member in members:
        entries = entries.filter(member=members[member])
    else:
        member = ""
    page = Paginator(entries, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.note_readable = entry.note is not None and entry.note.readable_by(request.user, case)
    return page, kind, member


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def detail(request: HttpRequest, public_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, public_id)
    return render_detail(request, case, memberships)


def render_detail(
    request: HttpRequest, case: Case, memberships, *, status: int = 200, **bound_forms
) -> HttpResponse:
    """The case page. ``bound_forms`` (``note_form``, ``contact_form``): a posted form
    shown again with what was typed and what is wrong (``views.changes``)."""
    user = request.user
    page, kind, member = timeline_page(request, case, memberships)
    escalation = (
        case.escalations.filter(deescalated_at__isnull=True).select_related("expert_team").first()
    )
    manages = changes.may_manage(user, case, known_visible=True)
    is_open = case.status != CaseStatus.CLOSED
    initial = {"version": case.version}
    context = {
        "case": case,
        "household": case.household,
        "address": case.household.address,
        "memberships": memberships,
        "coordinator": case.coordinator,
        "participants": case.participants.filter(until__isnull=True)
        .select_related("professional", "organisation")
        .order_by("since", "pk"),
        "network": case.network.order_by("name"),
        "handovers": case.coordinator_changes.select_related("from_user", "to_user").order_by(
            "-changed_at", "-pk"
        ),
        "escalation": escalation,
        "plan_url": plan_url(case),
        "evaluation_url": plan_url(case, "plans:evaluate")
        if case.status in (CaseStatus.EVALUATION, CaseStatus.CLOSED)
        else "",
        "page": page,
        "kinds": TimelineEntry.Kind.choices,
        "kind": kind,
        "member": member,
        "manages": manages,
        "is_open": is_open,
        "transitions": _transitions(case) if manages else [],
        "note_form": forms.NoteForm(initial=initial, members=[m.resident for m in memberships]),
        "contact_form": forms.ContactForm(
            initial=initial, members=[m.resident for m in memberships]
        ),
    }
    context.update(bound_forms)
    return render(request, "cases/detail.html", context, status=status)


def _transitions(case: Case) -> list[tuple[str, str]]:
    from django.utils.translation import gettext as _

    return {
        CaseStatus.INTAKE: [("activate", _("Start working on the case"))],
        CaseStatus.ACTIVE: [("start_evaluation", _("Start the evaluation"))],
        CaseStatus.EVALUATION: [("resume", _("Resume: there is more to do"))],
    }.get(case.status, [])
