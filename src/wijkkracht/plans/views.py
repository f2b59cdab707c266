"""Pages of the support plan under /cases/<case>/plan/. Only users who may see the case
reach them (``cases.access.get_case_for_user``: 404 and a denied audit line otherwise);
every read and change is audited."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.cases.access import get_case_for_user
from wijkkracht.cases.models import CaseStatus
from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.plans.compare import compare
from wijkkracht.plans.editing import (
    PlanClosed,
    PlanConflict,
    ProvisionNotAvailable,
    actions_with_provisions,
    record_agreement,
    save_plan,
    snapshot_of,
)
from wijkkracht.plans.evaluation import EvaluationNotOpen, record_evaluation
from wijkkracht.plans.forms import AgreementForm, EvaluationForm, parse_plan, slots
from wijkkracht.plans.models import (
    ActionStatus,
    Evaluation,
    Goal,
    GoalStatus,
    PerformerKind,
    PlanDraft,
    SupportPlan,
)
from wijkkracht.plans.pdf import render_plan_pdf
from wijkkracht.provisions.frame import FiveQuestionsIncomplete
from wijkkracht.provisions.service import provisions_for_plan


def _audit_read(request, case, memberships, object_type: str, action=Action.READ, **detail):
    record_many(
        user=request.user,
        action=action,
        purpose=Purpose.CARE,
        object_type=object_type,
        items=[(str(case.public_id), m.resident) for m in memberships]
        or [(str(case.public_id), None)],
        detail=detail or None,
    )


def _plan(case) -> SupportPlan | None:
    return SupportPlan.objects.filter(case=case).select_related("updated_by").first()


def _goals(plan: SupportPlan | None) -> list[Goal]:
    if plan is None:
        return []
    goals = plan.goals.select_related("member").prefetch_related(actions_with_provisions())
    order = {domain: i for i, domain in enumerate(LifeDomain.values)}
    return sorted(goals, key=lambda g: (order.get(g.life_domain, 99), g.order, g.pk))


def _by_domain(goals: list[Goal]):
    return [
        (LifeDomain(domain).label, list(items))
        for domain, items in groupby(goals, key=lambda g: g.life_domain)
    ]


def _household_name(memberships) -> str:
    surnames = []
    for m in memberships:
        name = " ".join(p for p in (m.resident.surname_prefix, m.resident.surname) if p)
        if name not in surnames:
            surnames.append(name)
    return _("Household %(names)s") % {"names": " / ".join(surnames)} if surnames else ""


@require_safe
@login_required
def detail(request: HttpRequest, case_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, case_id, audit_read=False)
    plan = _plan(case)
    goals = _goals(plan)
    _audit_read(request, case, memberships, "support_plan")
    return render(
        request,
        "plans/detail.html",
        {
            "case": case,
            "plan": plan,
            "by_domain": _by_domain(goals),
            "agreement_form": AgreementForm(),
            "can_edit": case.status != CaseStatus.CLOSED,
            "can_evaluate": case.status in (CaseStatus.EVALUATION, CaseStatus.CLOSED),
        },
    )


def _edit_context(
    case, memberships, plan, goals_data, expected_version, errors, draft=None, provisions=None
):
    if provisions is None:
        provisions = provisions_for_plan(case, goals_data)
    return {
        "case": case,
        "plan": plan,
        "goals": slots(goals_data, errors),
        "expected_version": expected_version,
        "errors": errors,
        "draft": draft,
        "members": [m.resident for m in memberships],
        "life_domains": LifeDomain.choices,
        "goal_statuses": GoalStatus.choices,
        "performer_kinds": PerformerKind.choices,
        "action_statuses": ActionStatus.choices,
        "provision_groups": provisions.groups(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def edit(request: HttpRequest, case_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, case_id, audit_read=False)
    if case.status == CaseStatus.CLOSED:
        raise Http404
    plan = _plan(case)
    member_ids = {str(m.resident.public_id) for m in memberships}
    if request.method == "POST":
        provisions = provisions_for_plan(case, [], plan=plan)
        parsed = parse_plan(request.POST, member_ids=member_ids, provisions=provisions.by_id)
        expected = int(request.POST.get("expected_version") or 0)

        def refused(errors):
            ctx = _edit_context(
                case, memberships, plan, parsed.goals, expected, errors, provisions=provisions
            )
            return render(request, "plans/edit.html", ctx, status=400)

        if parsed.errors:
            return refused(parsed.errors)
        try:
            save_plan(
                case=case,
                goals_and_actions=parsed.goals,
                expected_version=expected,
                actor=request.user,
            )
        except PlanConflict as conflict:
            newest = conflict.plan.versions.select_related("created_by").first()
            return render(
                request,
                "plans/conflict.html",
                {
                    "case": case,
                    "conflict": conflict,
                    "newest": newest,
                    "theirs": newest.snapshot["goals"] if newest else [],
                    "mine": conflict.submission["goals"],
                    "life_domains": dict(LifeDomain.choices),
                },
                status=409,
            )
        except PlanClosed as exc:
            raise Http404 from exc
        except FiveQuestionsIncomplete as exc:
            # parse_plan checks this already; the use case guards it again.
            messages.error(request, str(exc))
            return refused({"form": str(exc)})
        except ProvisionNotAvailable:
            message = _("Choose a provision from the catalogue of this municipality.")
            messages.error(request, message)
            return refused({"form": message})
        messages.success(request, _("The support plan has been saved."))
        return redirect("plans:detail", case_id=case.public_id)
    draft = None
    if request.GET.get("draft") and plan is not None:
        draft = PlanDraft.objects.filter(
            plan=plan, author=request.user, pk=request.GET["draft"]
        ).first()
    goals_data = draft.data["goals"] if draft else (snapshot_of(plan)["goals"] if plan else [])
    _audit_read(request, case, memberships, "support_plan")
    ctx = _edit_context(case, memberships, plan, goals_data, plan.version if plan else 0, {}, draft)
    return render(request, "plans/edit.html", ctx)


@require_POST
@login_required
def agree(request: HttpRequest, case_id) -> HttpResponse:
    case, _memberships = get_case_for_user(request.user, case_id, audit_read=False)
    plan = _plan(case)
    if plan is None:
        raise Http404
    form = AgreementForm(request.POST)
    if form.is_valid():
        record_agreement(
            plan=plan,
            agreed_on=form.cleaned_data["agreed_on"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, _("The agreement with the resident has been recorded."))
    else:
        messages.error(request, _("Enter the date on which you agreed on the plan."))
    return redirect("plans:detail", case_id=case.public_id)


@require_safe
@login_required
def versions(request: HttpRequest, case_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, case_id, audit_read=False)
    plan = _plan(case)
    all_versions = (
        list(plan.versions.select_related("created_by").defer("snapshot")) if plan else []
    )
    comparison = old = new = None
    numbers = {v.number for v in all_versions}
    try:
        a, b = int(request.GET.get("from", 0)), int(request.GET.get("to", 0))
    except ValueError:
        a = b = 0
    if plan and a in numbers and b in numbers:
        pair = {v.number: v for v in plan.versions.filter(number__in=[a, b])}
        old, new = pair[min(a, b)], pair[max(a, b)]
        comparison = compare(old.snapshot, new.snapshot)
    _audit_read(request, case, memberships, "support_plan_versions")
    return render(
        request,
        "plans/versions.html",
        {
            "case": case,
            "plan": plan,
            "versions": all_versions,
            "comparison": comparison,
            "old": old,
            "new": new,
            "life_domains": dict(LifeDomain.choices),
        },
    )


@require_safe
@login_required
def pdf(request: HttpRequest, case_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, case_id, audit_read=False)
    plan = _plan(case)
    if plan is None:
        raise Http404
    content = render_plan_pdf(
        case=case, plan=plan, goals=_goals(plan), household_name=_household_name(memberships)
    )
    _audit_read(
        request, case, memberships, "support_plan", action=Action.EXPORT, version=plan.version
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="ondersteuningsplan-v{plan.version}.pdf"'
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def evaluate(request: HttpRequest, case_id) -> HttpResponse:
    case, memberships = get_case_for_user(request.user, case_id, audit_read=False)
    if case.status not in (CaseStatus.EVALUATION, CaseStatus.CLOSED):
        raise Http404
    plan = _plan(case)
    goals = _goals(plan)
    existing = Evaluation.objects.filter(case=case).prefetch_related("results").first()
    if request.method == "POST":
        form = EvaluationForm(request.POST, goals=goals)
        if form.is_valid():
            try:
                record_evaluation(
                    case=case,
                    results=form.results(),
                    satisfaction=form.cleaned_data["satisfaction"],
                    comment=form.cleaned_data["comment"],
                    entered_by=form.cleaned_data["entered_by"],
                    actor=request.user,
                )
            except EvaluationNotOpen as exc:
                raise Http404 from exc
            messages.success(request, _("The evaluation has been recorded."))
            return redirect("plans:detail", case_id=case.public_id)
        status = 400
    else:
        initial = {}
        if existing:
            initial = {
                "satisfaction": existing.satisfaction,
                "comment": existing.satisfaction_comment,
                "entered_by": existing.entered_by,
                **{f"goal_{r.goal_id}": r.result for r in existing.results.all()},
            }
        form = EvaluationForm(initial=initial, goals=goals)
        status = 200
        record(
            user=request.user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="evaluation",
            object_id=str(case.public_id),
        )
    return render(
        request,
        "plans/evaluate.html",
        {"case": case, "form": form, "existing": existing},
        status=status,
    )
