"""Pages of the neighbourhood plans.

Staff with MANAGE_NEIGHBOURHOOD_PLANS (team leads, policy analysts) keep the plans of
their own municipalities under /neighbourhood-plans/ (another municipality's plan is a
404 with a denied audit line). The public pages under /neighbourhood-plans/public/ need
no login and show published plans only, without any personal data (no contact persons,
no names of who changed what)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.areas.models import District, Municipality
from wijkkracht.core.decorators import capability_required
from wijkkracht.neighbourhoodplans import editing, workflow
from wijkkracht.neighbourhoodplans import indicators as indicator_list
from wijkkracht.neighbourhoodplans.access import get_plan_for_user, get_published_plan
from wijkkracht.neighbourhoodplans.forms import (
    ActionFormSet,
    EngagementForm,
    PlanForm,
    PriorityForm,
    actions_from,
)
from wijkkracht.neighbourhoodplans.models import (
    NeighbourhoodPlan,
    PlanStatus,
    Priority,
    PriorityAction,
)

manage_required = capability_required(Capability.MANAGE_NEIGHBOURHOOD_PLANS)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _priorities(plan: NeighbourhoodPlan) -> list[Priority]:
    """The plan's priorities with their actions (two queries) and indicator labels."""
    priorities = list(
        plan.priorities.prefetch_related(
            Prefetch("actions", queryset=PriorityAction.objects.order_by("order", "pk"))
        )
    )
    for priority in priorities:
        priority.indicator_items = [(c, indicator_list.label(c)) for c in priority.indicators]
    return priorities


# --- staff ------------------------------------------------------------------------------


@require_safe
@manage_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Every district of the user's municipalities with its plans (three queries)."""
    ids = request.user.municipality_ids()
    plans = NeighbourhoodPlan.objects.of_municipalities(ids).annotate(
        priority_count=Count("priorities")
    )
    districts = list(
        District.objects.filter(municipality_id__in=ids)
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "neighbourhood_plans",
                queryset=plans.order_by("-first_year", "-created_at"),
                to_attr="plans",
            )
        )
        .order_by("municipality__name", "code")
    )
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name"))
    return render(
        request,
        "neighbourhoodplans/list.html",
        {"districts": districts, "municipalities": municipalities},
    )


@require_http_methods(["GET", "POST"])
@manage_required
def plan_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("district"):
        initial["district"] = District.objects.filter(
            municipality_id__in=request.user.municipality_ids(), code=request.GET["district"]
        ).first()
    form = PlanForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = editing.create_plan(
                district=data["district"],
                title=data["title"],
                first_year=data["first_year"],
                last_year=data["last_year"],
                summary=data["summary"],
                actor=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The draft plan has been created."))
            return redirect("neighbourhoodplans:detail", public_id=plan.public_id)
    return render(request, "neighbourhoodplans/plan_form.html", {"form": form, "plan": None})


@require_safe
@manage_required
def plan_detail(request: HttpRequest, public_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    labels = dict(PlanStatus.choices)
    return render(
        request,
        "neighbourhoodplans/detail.html",
        {
            "plan": plan,
            "priorities": _priorities(plan),
            "engagements": list(plan.engagements.all()),
            "editable": plan.status in workflow.EDITABLE,
            "targets": [(t, labels[t]) for t in workflow.allowed_targets(plan.status)],
            "engagement_form": EngagementForm(),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_required
def plan_edit(request: HttpRequest, public_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    if plan.status not in workflow.EDITABLE:
        raise Http404
    form = PlanForm(
        request.POST or None,
        user=request.user,
        with_district=False,
        initial={
            "title": plan.title,
            "first_year": plan.first_year,
            "last_year": plan.last_year,
            "summary": plan.summary,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_plan(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("neighbourhoodplans:detail", public_id=plan.public_id)
    return render(request, "neighbourhoodplans/plan_form.html", {"form": form, "plan": plan})


@require_POST
@manage_required
def plan_status(request: HttpRequest, public_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    target = request.POST.get("to", "")
    try:
        workflow.change_status(plan=plan, to=target, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        done = {
            PlanStatus.PUBLISHED: _("The plan has been published."),
            PlanStatus.ARCHIVED: _("The plan has been archived."),
        }
        messages.success(request, done.get(target, _("The status has been changed.")))
    return redirect("neighbourhoodplans:detail", public_id=plan.public_id)


@require_http_methods(["GET", "POST"])
@manage_required
def engagement_add(request: HttpRequest, public_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    if plan.status not in workflow.EDITABLE:
        raise Http404
    form = EngagementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editing.add_engagement(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The participation has been added."))
            return redirect("neighbourhoodplans:detail", public_id=plan.public_id)
    return render(request, "neighbourhoodplans/engagement_form.html", {"form": form, "plan": plan})


@require_POST
@manage_required
def engagement_remove(request: HttpRequest, public_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    try:
        engagement_id = int(request.POST.get("engagement", ""))
        editing.remove_engagement(plan=plan, engagement_id=engagement_id, actor=request.user)
    except ValueError:
        messages.error(request, _("Choose the participation to remove."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The participation has been removed."))
    return redirect("neighbourhoodplans:detail", public_id=plan.public_id)


def _priority_of(plan, priority_id) -> Priority:
    priority = Priority.objects.filter(plan=plan, public_id=priority_id).first()
    if priority is None:
        raise Http404
    return priority


def _indicator_groups(form) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    chosen = set(form["indicators"].value() or [])
    return [
        (label, [(code, text, code in chosen) for code, text in options])
        for label, options in indicator_list.choices()
    ]


def _priority_page(request, plan, priority):
    if plan.status not in workflow.EDITABLE:
        raise Http404
    if priority is None:
        initial, action_initial = {}, []
    else:
        initial = {
            "title": priority.title,
            "description": priority.description,
            "indicators": priority.indicators,
        }
        action_initial = list(
            priority.actions.order_by("order", "pk").values(
                "what",
                "owner_organisation",
                "owner_team",
                "contact_person",
                "starts_on",
                "due_on",
                "status",
            )
        )
    form = PriorityForm(request.POST or None, initial=initial)
    formset = ActionFormSet(request.POST or None, initial=action_initial, prefix="action")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            editing.save_priority(
                plan=plan,
                priority=priority,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                indicators=form.cleaned_data["indicators"],
                actions=actions_from(formset),
                actor=request.user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The priority has been saved."))
            return redirect("neighbourhoodplans:detail", public_id=plan.public_id)
    return render(
        request,
        "neighbourhoodplans/priority_form.html",
        {
            "plan": plan,
            "priority": priority,
            "form": form,
            "formset": formset,
            "indicator_groups": _indicator_groups(form),
            "has_errors": bool(form.errors or any(formset.errors) or formset.non_form_errors()),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_required
def priority_add(request: HttpRequest, public_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    return _priority_page(request, plan, None)


@require_http_methods(["GET", "POST"])
@manage_required
def priority_edit(request: HttpRequest, public_id, priority_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    return _priority_page(request, plan, _priority_of(plan, priority_id))


@require_POST
@manage_required
def priority_remove(request: HttpRequest, public_id, priority_id) -> HttpResponse:
    plan = get_plan_for_user(request.user, public_id)
    priority = _priority_of(plan, priority_id)
    try:
        editing.remove_priority(plan=plan, priority=priority, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The priority has been removed."))
    return redirect("neighbourhoodplans:detail", public_id=plan.public_id)


# --- public -----------------------------------------------------------------------------


@require_safe
def public_municipalities(request: HttpRequest) -> HttpResponse:
    municipalities = list(
        Municipality.objects.annotate(
            published=Count(
                "neighbourhood_plans",
                filter=Q(neighbourhood_plans__status=PlanStatus.PUBLISHED),
            )
        )
        .filter(published__gt=0)
        .order_by("name")
    )
    return render(
        request, "neighbourhoodplans/public_municipalities.html", {"municipalities": municipalities}
    )


@require_safe
def public_index(request: HttpRequest, municipality_code: str) -> HttpResponse:
    """The municipality's districts, with the published plan of each (two queries)."""
    municipality = Municipality.objects.filter(code=municipality_code.upper()).first()
    if municipality is None:
        raise Http404
    districts = list(
        District.objects.filter(municipality=municipality)
        .prefetch_related(
            Prefetch(
                "neighbourhood_plans",
                queryset=NeighbourhoodPlan.objects.published().annotate(
                    priority_count=Count("priorities")
                ),
                to_attr="published",
            )
        )
        .order_by("code")
    )
    return render(
        request,
        "neighbourhoodplans/public_index.html",
        {"municipality": municipality, "districts": districts},
    )


@require_safe
def public_plan(request: HttpRequest, municipality_code: str, district_code: str) -> HttpResponse:
    plan = get_published_plan(municipality_code, district_code)
    return render(
        request,
        "neighbourhoodplans/public_plan.html",
        {
            "plan": plan,
            "priorities": _priorities(plan),
            "engagements": list(plan.engagements.all()),
        },
    )
