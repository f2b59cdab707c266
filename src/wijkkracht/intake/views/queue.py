"""The team's queue: open questions of one of the user's teams (or, for members of an
intake team, the municipality-wide queue), oldest first, with the forms to handle them.
Handling is POST-only and redirects back to the queue (post/redirect/get)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.functions import Substr
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.core.decorators import capability_required
from wijkkracht.intake import handling
from wijkkracht.intake.figures import WorkingDayIndex
from wijkkracht.intake.forms_queue import (
    INTAKE_QUEUE,
    AssignForm,
    CloseForm,
    FirstContactForm,
    RerouteForm,
)
from wijkkracht.intake.models import ContactPreference, IntakeOutcome, Status, SupportRequest
from wijkkracht.teams.models import Team, TeamMembership

PAGE_SIZE = 50
OPEN_STATUSES = [Status.NEW, Status.ASSIGNED, Status.CONTACTED]
EXCERPT = 120


@dataclass(frozen=True)
class QueueChoice:
    key: str  # "team-<pk>" or "intake-<municipality pk>"
    label: str
    team: Team | None
    municipality_id: int
    is_lead: bool


def queue_choices(user) -> list[QueueChoice]:
    """The queues the user works: each of their teams; membership of an intake team
    gives the municipality-wide queue of that municipality instead."""
    memberships = (
        TeamMembership.objects.filter(
            user_id=user.pk, team__municipality_id__in=user.municipality_ids()
        )
        .select_related("team__municipality")
        .order_by("team__name", "team_id")
    )
    choices: dict[str, QueueChoice] = {}
    may_reroute = has_capability(user, Capability.REROUTE_INTAKE)
    for membership in memberships:
        team = membership.team
        lead = may_reroute and membership.is_lead
        if team.kind == Team.Kind.INTAKE:
            key = f"intake-{team.municipality_id}"
            earlier = choices.get(key)
            choices[key] = QueueChoice(
                key=key,
                label=_("Intake queue of %(municipality)s")
                % {"municipality": team.municipality.name},
                team=None,
                municipality_id=team.municipality_id,
                is_lead=lead or bool(earlier and earlier.is_lead),
            )
        else:
            key = f"team-{team.pk}"
            choices[key] = QueueChoice(key, team.name, team, team.municipality_id, lead)
    return list(choices.values())


@dataclass(frozen=True)
class QueueRow:
    request: SupportRequest
    waiting_days: int
    overdue: bool
    handle_url: str


def _options(choices: list[tuple], selected=None) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if value == selected else "", label)  # noqa: S308
            for value, label in choices
        ),
    )


def _handlers(choice: QueueChoice) -> list:
    memberships = TeamMembership.objects.select_related("user").filter(user__is_active=True)
    if choice.team is not None:
        memberships = memberships.filter(team=choice.team)
    else:
        memberships = memberships.filter(
            team__municipality_id=choice.municipality_id, team__kind=Team.Kind.INTAKE
        )
    users = {}
    for membership in memberships.order_by("user__first_name", "user__last_name", "user_id"):
        if has_capability(membership.user, Capability.HANDLE_INTAKE):
            users.setdefault(membership.user_id, membership.user)
    return list(users.values())


@require_safe
@capability_required(Capability.HANDLE_INTAKE)
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    choices = queue_choices(user)
    context: dict = {"choices": choices, "selected": None, "page": None}
    if not choices:
        return render(request, "intake/queue.html", context)
    wanted = request.GET.get("queue", "")
    selected = next((c for c in choices if c.key == wanted), choices[0])
    # The open statuses spelled out (not ``.open()``'s "not closed"), so the database can
    # use the (team, status, received_at) index instead of walking all questions.
    questions = SupportRequest.objects.visible_to(user).filter(status__in=OPEN_STATUSES)
    if selected.team is not None:
        questions = questions.filter(team=selected.team)
    else:
        questions = questions.filter(team__isnull=True, municipality_id=selected.municipality_id)
    questions = (
        questions.select_related("assigned_to")
        .defer(
            "description",
            "bsn",
            "email",
            "phone",
            "date_of_birth",
            "first_contact_note",
            "outcome_reason",
            "contact_moment",
        )
        .annotate(
            excerpt=Substr("description", 1, EXCERPT + 1),
            resident_public_id=F("resident__public_id"),
        )
        .order_by("received_at", "pk")
    )
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    index = WorkingDayIndex()
    back = urlencode({"queue": selected.key, "page": page.number})
    base = reverse("intake:queue")
    rows = []
    for question in page.object_list:
        received = timezone.localdate(question.received_at)
        until = (
            timezone.localdate(question.first_contact_at) if question.first_contact_at else today
        )
        rows.append(
            QueueRow(
                request=question,
                waiting_days=index.between(received, until),
                overdue=question.is_overdue,
                handle_url=f"{base}{question.public_id}/?{back}",
            )
        )
    matched = [(str(r.request.public_id), r.request.resident_public_id) for r in rows]
    matched = [(object_id, resident) for object_id, resident in matched if resident]
    if matched:
        record_many(
            user=user,
            action=Action.READ,
            purpose=Purpose.INTAKE,
            object_type="support_request",
            items=matched,
            detail={"page": "queue"},
        )
    context.update(selected=selected, page=page, rows=rows, excerpt_length=EXCERPT)
    return render(request, "intake/queue.html", context)


# --- Handling (POST, then back to the queue) -------------------------------------------


@require_safe
@capability_required(Capability.HANDLE_INTAKE)
def handle(request: HttpRequest, public_id) -> HttpResponse:
    """One question with the forms that apply to its status; they post back and the
    browser returns to the queue it came from."""
    user = request.user
    question = (
        SupportRequest.objects.visible_to(user)
        .filter(public_id=public_id)
        .select_related("assigned_to", "team", "resident")
        .annotate(excerpt=Substr("description", 1, EXCERPT + 1))
        .first()
    )
    if question is None:
        raise Http404
    if question.resident_id:
        record_many(
            user=user,
            action=Action.READ,
            purpose=Purpose.INTAKE,
            object_type="support_request",
            items=[(str(question.public_id), question.resident.public_id)],
            detail={"page": "queue_handle"},
        )
    choice = QueueChoice(
        key=f"team-{question.team_id}"
        if question.team_id
        else f"intake-{question.municipality_id}",
        label=question.team.name if question.team_id else "",
        team=question.team,
        municipality_id=question.municipality_id,
        is_lead=False,
    )
    handlers = _handlers(choice)
    may_reroute = handling.may_reroute(user, question)
    reroute_options = ""
    if may_reroute:
        targets = [(INTAKE_QUEUE, _("Municipality-wide intake queue"))] if question.team_id else []
        targets += [
            (team.pk, team.name)
            for team in Team.objects.filter(municipality_id=question.municipality_id)
            .exclude(kind=Team.Kind.INTAKE)
            .exclude(pk=question.team_id)
            .order_by("name", "pk")
        ]
        reroute_options = _options(targets)
    today = timezone.localdate()
    until = timezone.localdate(question.first_contact_at) if question.first_contact_at else today
    queue_key = request.GET.get("queue", choice.key)
    page = request.GET.get("page", "1")
    return render(
        request,
        "intake/queue_handle.html",
        {
            "q": question,
            "waiting_days": WorkingDayIndex().between(
                timezone.localdate(question.received_at), until
            ),
            "excerpt_length": EXCERPT,
            "queue_key": queue_key if _is_queue_key(queue_key) else choice.key,
            "page_number": page if page.isdigit() else "1",
            "assign_options": _options(
                [(u.pk, u.get_full_name() or u.get_username()) for u in handlers],
                question.assigned_to_id,
            ),
            "method_options": _options(
                list(ContactPreference.choices), question.contact_preference
            ),
            "outcome_options": _options(
                [(value, capfirst(label)) for value, label in IntakeOutcome.choices]
            ),
            "may_reroute": may_reroute,
            "reroute_options": reroute_options,
            "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "status": Status,
        },
    )


def _is_queue_key(value: str) -> bool:
    return value.startswith(("team-", "intake-")) and value.split("-", 1)[1].isdigit()


def _back(request: HttpRequest) -> HttpResponse:
    """To the queue and page the form was posted from (only known, harmless values)."""
    params = {}
    queue_key = request.POST.get("queue", "")
    if _is_queue_key(queue_key):
        params["queue"] = queue_key
    page = request.POST.get("page", "")
    if page.isdigit() and page != "1":
        params["page"] = page
    url = reverse("intake:queue")
    return redirect(f"{url}?{urlencode(params)}" if params else url)


def _question(request: HttpRequest, public_id) -> SupportRequest:
    question = SupportRequest.objects.visible_to(request.user).filter(public_id=public_id).first()
    if question is None:
        raise Http404
    return question


def _report_errors(request: HttpRequest, question: SupportRequest, errors: dict) -> None:
    for field, messages_ in errors.items():
        for message in messages_:
            messages.error(
                request,
                _("%(reference)s, %(field)s: %(message)s")
                % {"reference": question.reference, "field": field, "message": message}
                if field != "__all__"
                else f"{question.reference}: {message}",
            )


def _run(request, question, form, use_case, labels: dict, success: str) -> HttpResponse:
    if not form.is_valid():
        _report_errors(
            request,
            question,
            {labels.get(name, name): errors for name, errors in form.errors.items()},
        )
        return _back(request)
    try:
        use_case(form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        _report_errors(
            request, question, {labels.get(name, name): errs for name, errs in errors.items()}
        )
        return _back(request)
    messages.success(request, success)
    return _back(request)


def _labels(form) -> dict[str, str]:
    return {name: str(field.label).lower() for name, field in form.fields.items()}


@require_POST
@capability_required(Capability.HANDLE_INTAKE)
def assign(request: HttpRequest, public_id) -> HttpResponse:
    question = _question(request, public_id)
    form = AssignForm(request.POST)
    return _run(
        request,
        question,
        form,
        lambda data: handling.assign(
            support_request=question, to_user=data["to_user"], actor=request.user
        ),
        _labels(form),
        _("%(reference)s is assigned to %(name)s.")
        % {
            "reference": question.reference,
            "name": form.cleaned_data["to_user"].get_full_name() if form.is_valid() else "",
        },
    )


@require_POST
@capability_required(Capability.HANDLE_INTAKE)
def first_contact(request: HttpRequest, public_id) -> HttpResponse:
    question = _question(request, public_id)
    form = FirstContactForm(request.POST)
    return _run(
        request,
        question,
        form,
        lambda data: handling.register_first_contact(
            support_request=question,
            at=data["at"],
            method=data["method"],
            note=data["note"],
            actor=request.user,
        ),
        _labels(form),
        _("The first contact for %(reference)s is registered.") % {"reference": question.reference},
    )


@require_POST
@capability_required(Capability.HANDLE_INTAKE)
def close(request: HttpRequest, public_id) -> HttpResponse:
    question = _question(request, public_id)
    form = CloseForm(request.POST)
    return _run(
        request,
        question,
        form,
        lambda data: handling.close_request(
            support_request=question,
            outcome=data["outcome"],
            reason=data["reason"],
            actor=request.user,
        ),
        _labels(form),
        _("%(reference)s is closed.") % {"reference": question.reference},
    )


@require_POST
@capability_required(Capability.REROUTE_INTAKE)
def reroute(request: HttpRequest, public_id) -> HttpResponse:
    question = _question(request, public_id)
    form = RerouteForm(request.POST, municipality_id=question.municipality_id)
    return _run(
        request,
        question,
        form,
        lambda data: handling.reroute(
            support_request=question,
            to_team=data["to_team"],
            reason=data["reason"],
            actor=request.user,
        ),
        _labels(form),
        _("%(reference)s is sent on.") % {"reference": question.reference},
    )
