"""Decision pages: the decision officer's work list, a decision with its history and the
forms for every step, the request form from a household case, the letter as PDF, the
list of a case's decisions and "my tasks". Every page names its capability; decisions
are fetched through ``decisions.access`` (404 outside what the user may see) and every
decision shown is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.cases.access import get_case_for_user
from wijkkracht.core.decorators import capability_required
from wijkkracht.core.pagination import page_rows
from wijkkracht.decisions import changing, deciding, forms
from wijkkracht.decisions.access import get_decision_for_user, may_decide, may_request_for
from wijkkracht.decisions.deadlines import ending_within_reminder_period
from wijkkracht.decisions.letter import render_letter_pdf
from wijkkracht.decisions.models import (
    IN_FORCE,
    Decision,
    DecisionStatus,
    DecisionTask,
)
from wijkkracht.decisions.requesting import question_label, request_decision, withdraw_request
from wijkkracht.plans.models import ActionStatus, PlanAction
from wijkkracht.provisions.models import Contract, Law, ProvisionKind

PAGE_SIZE = 20
ENDING_SOON_ROWS = 8
TASKS_PAGE_SIZE = 25
# Only what the work list shows (no five answers, no motivation): fewer bytes per row.
LIST_FIELDS = (
    "public_id",
    "status",
    "law",
    "requested_at",
    "decide_by",
    "end_date",
    "resident__public_id",
    "resident__given_names",
    "resident__surname_prefix",
    "resident__surname",
    "provision__name",
)
# Per status the order that serves the officer, each along an index.
WORKLIST_ORDER = {
    DecisionStatus.REQUESTED: ("decide_by", "pk"),  # the legal time limit first
    DecisionStatus.GRANTED: ("end_date", "pk"),  # ending first
    DecisionStatus.CHANGED: ("end_date", "pk"),
    DecisionStatus.ENDED: ("-end_date", "-pk"),  # most recent first
    DecisionStatus.EXPIRED: ("-end_date", "-pk"),
}


def _audit_shown(user, decisions, *, object_type: str = "decision") -> None:
    """One audit line per decision shown (with the resident's pseudonym), in one insert."""
    items = [(str(d.public_id), d.resident) for d in decisions]
    if items:
        record_many(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type=object_type,
            items=items,
        )


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@capability_required(Capability.DECIDE)
@require_safe
def worklist(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    filters = forms.WorklistFilter(request.GET or None)
    status, law = DecisionStatus.REQUESTED, ""
    if filters.is_valid():
        status = filters.cleaned_data["status"] or DecisionStatus.REQUESTED
        law = filters.cleaned_data["law"]
    mine = Decision.objects.visible_to(user)
    decisions = mine.filter(status=status)
    if law:
        decisions = decisions.filter(law=law)
    decisions = (
        decisions.select_related("resident", "provision", "requested_by")
        .only(
            *LIST_FIELDS,
            "requested_by__username",
            "requested_by__first_name",
            "requested_by__last_name",
        )
        .order_by(*WORKLIST_ORDER.get(status, ("-requested_at", "-pk")))
    )
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = page_rows(page)
    # One query per status in force, each walking the (municipality, status, end date)
    # index in order and stopping at the limit; merged here.
    window = ending_within_reminder_period(today, user.municipality_ids())
    ending = []
    for in_force in IN_FORCE:
        soon = mine.filter(window, status=in_force)
        if law:
            soon = soon.filter(law=law)
        ending += (
            soon.select_related("resident", "provision", "provider")
            .only(*LIST_FIELDS, "provider__name")
            .order_by("end_date", "pk")[:ENDING_SOON_ROWS]
        )
    ending = sorted(ending, key=lambda d: (d.end_date, d.pk))[:ENDING_SOON_ROWS]
    _audit_shown(user, [*rows, *ending])
    laws = dict(Law.choices)
    for decision in [*rows, *ending]:
        # Plain strings here rather than template filters and a reverse() per row.
        decision.overdue = decision.is_overdue(today)
        decision.law_label = laws.get(decision.law, decision.law)
        decision.requested_on = timezone.localtime(decision.requested_at).strftime("%d-%m-%Y")
        decision.decide_by_text = decision.decide_by.strftime("%d-%m-%Y")
        decision.end_text = decision.end_date.strftime("%d-%m-%Y") if decision.end_date else "-"
    query = {"status": status, "law": law}
    return render(
        request,
        "decisions/worklist.html",
        {
            "filters": filters if filters.is_bound else forms.WorklistFilter(initial=query),
            "status": status,
            "status_label": dict(forms.WORKLIST_STATUSES)[status],
            "law": law,
            "page": page,
            "rows": rows,
            "ending": ending,
            "today": today,
            "query": "&".join(f"{k}={v}" for k, v in query.items() if v),
            "detail_prefix": _detail_prefix(),
        },
    )


def _detail_prefix() -> str:
    """``/decisions/`` as routed: rows link to ``{{ detail_prefix }}<uuid>/``."""
    return reverse("decisions:worklist")


def _providers(decision: Decision, on=None):
    return forms.contracted_providers(decision.provision, on)


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def detail(request: HttpRequest, public_id) -> HttpResponse:
    user = request.user
    decision = get_decision_for_user(user, public_id)
    decides = may_decide(user, decision)
    context = {
        "decision": decision,
        "five_questions": [
            {"question": question_label(item["key"]), "answer": item["answer"]}
            for item in decision.five_questions
        ],
        "events": decision.events.select_related("actor").order_by("at", "pk"),
        "allocations": decision.allocations.select_related("provider").order_by("pk"),
        "decides": decides,
        "overdue": decision.is_overdue(),
        "has_letter": decision.status != DecisionStatus.REQUESTED
        and decision.status != DecisionStatus.WITHDRAWN,
    }
    initial = {"version": decision.version}
    if decides and decision.status == DecisionStatus.REQUESTED:
        providers = _providers(decision, decision.requested_start)
        context["grant_form"] = forms.GrantForm(
            initial={
                **initial,
                "start_date": decision.requested_start or timezone.localdate(),
                "end_date": decision.requested_end,
                "volume": decision.requested_volume,
                "unit": decision.requested_unit,
                "frequency": decision.requested_frequency,
                "provider": decision.preferred_provider_id,
            },
            providers=providers,
        )
        context["refuse_form"] = forms.RefuseForm(initial=initial)
    if decides and decision.status in IN_FORCE:
        providers = _providers(decision)
        context["change_form"] = forms.ChangeForm(
            initial={
                **initial,
                "end_date": decision.end_date,
                "volume": decision.volume,
                "unit": decision.unit,
                "frequency": decision.frequency,
                "provider": decision.provider_id,
                "budget": decision.budget,
            },
            providers=providers,
            prefix="change",
        )
        context["end_form"] = forms.EndForm(initial=initial, prefix="end")
    if decision.status == DecisionStatus.REQUESTED and may_request_for(user, decision):
        context["withdraw_form"] = forms.WithdrawForm()
    return render(request, "decisions/detail.html", context)


def _step(request, public_id, form_factory, run, done: str) -> HttpResponse:
    decision = get_decision_for_user(request.user, public_id, audit_read=False)
    back = redirect("decisions:detail", public_id=decision.public_id)
    form = form_factory(decision)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return back
    try:
        run(decision, form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return back
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, done)
    return back


def _any_provider(decision: Decision):
    """On POST every organisation of the municipality parses; the use case refuses one
    without a contract with a message that names it."""
    from wijkkracht.organisations.models import Organisation

    return Organisation.objects.filter(
        Q(municipalities=decision.municipality_id)
        | Q(pk__in=Contract.objects.filter(provision=decision.provision).values("provider_id"))
    ).distinct()


@capability_required(Capability.DECIDE)
@require_POST
def grant(request: HttpRequest, public_id) -> HttpResponse:
    def run(decision, data):
        deciding.grant(
            decision=decision,
            start_date=data["start_date"],
            end_date=data["end_date"],
            volume=data["volume"],
            unit=data["unit"],
            frequency=data["frequency"],
            provider=data["provider"],
            budget=data["budget"],
            actor=request.user,
            expected_version=data.get("version"),
        )

    return _step(
        request,
        public_id,
        lambda d: forms.GrantForm(request.POST, providers=_any_provider(d)),
        run,
        _("The provision is granted."),
    )


@capability_required(Capability.DECIDE)
@require_POST
def refuse(request: HttpRequest, public_id) -> HttpResponse:
    def run(decision, data):
        deciding.refuse(
            decision=decision,
            reason=data["reason"],
            actor=request.user,
            expected_version=data.get("version"),
        )

    return _step(
        request,
        public_id,
        lambda d: forms.RefuseForm(request.POST),
        run,
        _("The request is refused."),
    )


@capability_required(Capability.DECIDE)
@require_POST
def change(request: HttpRequest, public_id) -> HttpResponse:
    def run(decision, data):
        changing.change(
            decision=decision,
            end_date=data["end_date"],
            volume=data["volume"],
            unit=data["unit"],
            frequency=data["frequency"],
            provider=data["provider"],
            budget=data["budget"],
            effective_from=data["effective_from"],
            change_reason=data["change_reason"],
            reason=data["reason"],
            actor=request.user,
            expected_version=data.get("version"),
        )

    return _step(
        request,
        public_id,
        lambda d: forms.ChangeForm(request.POST, providers=_any_provider(d), prefix="change"),
        run,
        _("The decision is changed."),
    )


@capability_required(Capability.DECIDE)
@require_POST
def end(request: HttpRequest, public_id) -> HttpResponse:
    def run(decision, data):
        changing.end(
            decision=decision,
            ended_on=data["ended_on"],
            end_reason=data["end_reason"],
            reason=data["reason"],
            actor=request.user,
            expected_version=data.get("version"),
        )

    return _step(
        request,
        public_id,
        lambda d: forms.EndForm(request.POST, prefix="end"),
        run,
        _("The decision is ended."),
    )


@capability_required(Capability.REQUEST_DECISION)
@require_POST
def withdraw(request: HttpRequest, public_id) -> HttpResponse:
    def run(decision, data):
        withdraw_request(decision=decision, reason=data["reason"], actor=request.user)

    return _step(
        request,
        public_id,
        lambda d: forms.WithdrawForm(request.POST),
        run,
        _("The request is withdrawn."),
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def letter(request: HttpRequest, public_id) -> HttpResponse:
    decision = get_decision_for_user(request.user, public_id, action=Action.EXPORT)
    if decision.status in (DecisionStatus.REQUESTED, DecisionStatus.WITHDRAWN):
        raise Http404
    response = HttpResponse(render_letter_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="besluit-{decision.reference}.pdf"'
    return response


def _request_choices(case):
    actions = list(
        PlanAction.objects.filter(
            goal__plan__case=case,
            status=ActionStatus.OPEN,
            provision__kind=ProvisionKind.CUSTOM,
            provision__is_active=True,
        )
        .select_related("provision")
        .order_by("goal__order", "order", "pk")
    )
    return actions


@capability_required(Capability.REQUEST_DECISION)
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request: HttpRequest, case_id) -> HttpResponse:
    user = request.user
    case, memberships = get_case_for_user(user, case_id, audit_read=request.method != "POST")
    members = [m.resident for m in memberships]
    actions = _request_choices(case)
    from wijkkracht.organisations.models import Organisation

    providers = Organisation.objects.filter(
        pk__in=Contract.objects.current()
        .filter(provision__in=[a.provision_id for a in actions])
        .values("provider_id")
    ).order_by("name")
    kwargs = {"actions": actions, "members": members, "providers": providers}
    if request.method == "POST":
        form = forms.RequestForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            action = next((a for a in actions if a.pk == data["plan_action"]), None)
            resident = next((m for m in members if m.pk == data["resident"]), None)
            try:
                decision = request_decision(
                    case=case,
                    resident=resident,
                    plan_action=action,
                    requested_volume=data["requested_volume"],
                    requested_unit=data["requested_unit"],
                    requested_frequency=data["requested_frequency"],
                    requested_start=data["requested_start"],
                    requested_end=data["requested_end"],
                    preferred_provider=data["preferred_provider"],
                    motivation=data["motivation"],
                    referrer_type=data["referrer_type"],
                    referrer_name=data["referrer_name"],
                    actor=user,
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The provision is requested."))
                return redirect("decisions:detail", public_id=decision.public_id)
    else:
        initial = {}
        if request.GET.get("action", "").isdigit():
            initial["plan_action"] = int(request.GET["action"])
        form = forms.RequestForm(initial=initial, **kwargs)
    return render(
        request,
        "decisions/request.html",
        {"case": case, "form": form, "has_actions": bool(actions)},
        status=400 if form.is_bound and form.errors else 200,
    )


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def case_decisions(request: HttpRequest, case_id) -> HttpResponse:
    """The decisions of one household case, with the way to request a new one."""
    user = request.user
    case, _memberships = get_case_for_user(user, case_id)
    decisions = list(
        Decision.objects.visible_to(user)
        .filter(Q(case=case) | Q(household_id=case.household_id))
        .select_related("resident", "provision", "provider")
        .order_by("-requested_at", "-pk")
    )
    _audit_shown(user, decisions)
    return render(
        request,
        "decisions/case_decisions.html",
        {
            "case": case,
            "decisions": decisions,
            "may_request": has_capability(user, Capability.REQUEST_DECISION),
        },
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def my_tasks(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Only tasks for decisions the user may still see: need-to-know can end after the
    # reminder was made (a hand-over, an involvement that expired).
    tasks = (
        DecisionTask.objects.open()
        .filter(user=user, decision__municipality_id__in=user.municipality_ids())
        .filter(decision__in=Decision.objects.visible_to(user).values("pk"))
        .select_related("decision__resident", "decision__provision")
        .order_by("due_on", "pk")
    )
    page = Paginator(tasks, TASKS_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    _audit_shown(user, [t.decision for t in shown])
    return render(request, "decisions/tasks.html", {"tasks": shown, "page": page})


@capability_required(Capability.VIEW_RESIDENTS)
@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    updated = (
        DecisionTask.objects.open()
        .filter(pk=task_id, user=request.user)
        .update(done_at=timezone.now())
    )
    if not updated:
        raise Http404
    record(
        user=request.user,
        action=Action.UPDATE,
        purpose=Purpose.CARE,
        object_type="decision_task",
        object_id=str(task_id),
        detail={"step": "done"},
    )
    messages.success(request, _("The task is done."))
    return redirect("decisions:tasks")
