"""Budget pages: the budgets, one budget's overview with its spends, spending, a spend's
page with its approval and justification, the spender's and the team lead's work lists,
and the anonymised report for the council. Use cases do the changes and their audit;
list pages fetch a constant number of queries, whatever the number of spends."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.budgets import justification, setting, spending
from wijkkracht.budgets.access import (
    budget_team_ids,
    get_budget_for_user,
    get_spend_for_user,
    may_approve,
    may_manage,
    may_spend,
)
from wijkkracht.budgets.auditing import audit_spends
from wijkkracht.budgets.forms import (
    BudgetForm,
    ChangeBudgetForm,
    JustifyForm,
    RejectForm,
    ReviewForm,
    SpendForm,
    add_errors,
)
from wijkkracht.budgets.models import (
    COMMITTED,
    JUSTIFY_WITHIN_DAYS,
    OWED,
    Budget,
    JustificationStatus,
    Spend,
    SpendStatus,
)
from wijkkracht.budgets.report import MARKER, THRESHOLD, accountability_report, report_csv
from wijkkracht.core.decorators import capability_required

PAGE_SIZE = 50
WORK_LIST_SIZE = 100
BUDGET_READERS = (Capability.SPEND_BUDGET, Capability.APPROVE_SPEND, Capability.MANAGE_BUDGETS)
SPEND_READERS = (Capability.SPEND_BUDGET, Capability.APPROVE_SPEND)


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _deny(request, object_type: str, object_id: str = ""):
    record(
        user=request.user,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type=object_type,
        object_id=object_id,
        outcome=Outcome.DENIED,
    )
    raise Http404


# --- Budgets ---------------------------------------------------------------------------


@capability_required(*BUDGET_READERS)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    year = _year(request)
    visible = Budget.objects.visible_to(user)
    budgets = (
        visible.filter(year=year)
        .with_figures()
        .select_related("team", "neighbourhood")
        .order_by("team__name", "neighbourhood__name", "pk")
    )
    years = sorted({year, *visible.values_list("year", flat=True).distinct()}, reverse=True)
    return render(
        request,
        "budgets/index.html",
        {"budgets": budgets, "year": year, "years": years, "can_manage": may_manage(user)},
    )


@capability_required(Capability.MANAGE_BUDGETS)
@require_http_methods(["GET", "HEAD", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = BudgetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        holder = data["team"] or data["neighbourhood"]
        try:
            budget = setting.set_budget(
                actor=request.user,
                municipality=holder.municipality,
                team=data["team"],
                neighbourhood=data["neighbourhood"],
                year=data["year"],
                amount=data["amount"],
                spend_limit=data["spend_limit"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The budget is set."))
            return redirect("budgets:detail", budget.public_id)
    return render(request, "budgets/budget_form.html", {"form": form})


@capability_required(*BUDGET_READERS)
@require_safe
def detail(request: HttpRequest, public_id) -> HttpResponse:
    budget = get_budget_for_user(request.user, public_id)
    return _render_budget(request, budget)


def _render_budget(request, budget: Budget, *, change_form=None, status: int = 200):
    user = request.user
    spends = budget.spends.select_related("spent_by").order_by("-spent_on", "-pk")
    page = Paginator(spends, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    # A spend for a household is personal data, even without the household shown.
    audit_spends(
        user=user,
        spends=[s for s in rows if s.household_id],
        action=Action.READ,
        detail={"page": "budget"},
    )
    can_manage = may_manage(user, budget)
    if can_manage and change_form is None and not budget.is_closed:
        change_form = ChangeBudgetForm(
            initial={"amount": budget.amount, "spend_limit": budget.spend_limit}
        )
    member = may_spend(user, budget) or may_approve(user, budget)
    return render(
        request,
        "budgets/detail.html",
        {
            "budget": budget,
            "page": page,
            "rows": rows,
            "member": member,
            "can_spend": member and may_spend(user, budget) and not budget.is_closed,
            "can_manage": can_manage,
            "change_form": change_form,
            "today": timezone.localdate(),
        },
        status=status,
    )


@capability_required(Capability.MANAGE_BUDGETS)
@require_POST
def change(request: HttpRequest, public_id) -> HttpResponse:
    budget = get_budget_for_user(request.user, public_id)
    form = ChangeBudgetForm(request.POST)
    if form.is_valid():
        try:
            setting.change_budget(
                budget=budget,
                actor=request.user,
                amount=form.cleaned_data["amount"],
                spend_limit=form.cleaned_data["spend_limit"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The budget is changed."))
            return redirect("budgets:detail", budget.public_id)
    return _render_budget(request, budget, change_form=form)


@capability_required(Capability.MANAGE_BUDGETS)
@require_POST
def close(request: HttpRequest, public_id) -> HttpResponse:
    budget = get_budget_for_user(request.user, public_id)
    try:
        setting.close_budget(budget=budget, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The budget is closed. Justifications can still be given."))
    return redirect("budgets:detail", budget.public_id)


# --- Spending --------------------------------------------------------------------------


@capability_required(Capability.SPEND_BUDGET)
@require_http_methods(["GET", "HEAD", "POST"])
def spend(request: HttpRequest, public_id) -> HttpResponse:
    from wijkkracht.cases.models import Case

    user = request.user
    budget = get_budget_for_user(user, public_id)
    if not may_spend(user, budget):
        _deny(request, "budget", str(budget.public_id))
    cases = (
        Case.objects.visible_to(user)
        .open()
        .filter(team_id__in=budget_team_ids(budget), municipality_id=budget.municipality_id)
        .select_related("household__address")
        .order_by("household__address__street", "household__address__house_number", "pk")
    )
    form = SpendForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = spending.spend(
                budget=budget,
                actor=user,
                amount=data["amount"],
                category=data["category"],
                on=data["spent_on"],
                case=data["case"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if made.status == SpendStatus.PAID:
                messages.success(
                    request,
                    _("The spend is recorded. Justify it within %(days)s days.")
                    % {"days": JUSTIFY_WITHIN_DAYS},
                )
            else:
                messages.info(
                    request,
                    _(
                        "This is more than the limit per spend: the team lead approves it "
                        "first. The amount is reserved."
                    ),
                )
            return redirect("budgets:spend_detail", made.public_id)
    # The choice of cases shows households' addresses.
    record(
        user=user,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="budget_spend_form",
        object_id=str(budget.public_id),
        detail={"cases": len(form.fields["case"].queryset)},
    )
    return render(
        request,
        "budgets/spend_form.html",
        {"budget": budget, "form": form, "days": JUSTIFY_WITHIN_DAYS},
    )


def _spend_context(request, spend: Spend, forms: dict | None = None) -> dict:
    from wijkkracht.households.models import Household

    user = request.user
    budget = spend.budget
    is_spender = spend.spent_by_id == user.pk
    lead = may_approve(user, budget) and not is_spender
    show_household = bool(
        spend.household_id
        and Household.objects.visible_to(user).filter(pk=spend.household_id).exists()
    )
    forms = forms or {}
    can = {
        "approve": lead and spend.status == SpendStatus.PENDING,
        "pay": is_spender and spend.status == SpendStatus.APPROVED,
        "cancel": spend.status in COMMITTED and (is_spender or may_approve(user, budget)),
        "justify": is_spender and spend.justification_status in OWED,
        "review": lead and spend.justification_status == JustificationStatus.SUBMITTED,
    }
    return {
        "spend": spend,
        "budget": budget,
        "events": spend.events.select_related("actor"),
        "show_household": show_household,
        "can": can,
        "reject_form": forms.get("reject") or RejectForm(),
        "justify_form": forms.get("justify")
        or JustifyForm(initial={"what": spend.what, "why": spend.why, "effect": spend.effect}),
        "review_form": forms.get("review") or ReviewForm(),
    }


@capability_required(*SPEND_READERS)
@require_safe
def spend_detail(request: HttpRequest, public_id) -> HttpResponse:
    spend = get_spend_for_user(request.user, public_id)
    return render(request, "budgets/spend_detail.html", _spend_context(request, spend))


SPEND_ACTIONS = ("approve", "reject", "pay", "cancel", "justify", "review")


@capability_required(*SPEND_READERS)
@require_POST
def spend_action(request: HttpRequest, public_id, action: str) -> HttpResponse:
    if action not in SPEND_ACTIONS:
        raise Http404
    user = request.user
    spend = get_spend_for_user(user, public_id, audit_read=False)
    form = None
    try:
        if action == "approve":
            spending.approve_spend(spend=spend, actor=user)
            done = _("The spend is approved.")
        elif action == "pay":
            spending.pay_spend(spend=spend, actor=user)
            done = _("The spend is paid. Justify it within %(days)s days.") % {
                "days": JUSTIFY_WITHIN_DAYS
            }
        elif action == "cancel":
            spending.cancel_spend(spend=spend, actor=user)
            done = _("The spend is cancelled.")
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                return _spend_again(request, spend, {"reject": form})
            spending.reject_spend(spend=spend, actor=user, reason=form.cleaned_data["reason"])
            done = _("The spend is rejected.")
        elif action == "justify":
            form = JustifyForm(request.POST)
            if not form.is_valid():
                return _spend_again(request, spend, {"justify": form})
            justification.justify_spend(spend=spend, actor=user, **form.cleaned_data)
            done = _("Thank you: the justification goes to the team lead.")
        else:
            form = ReviewForm(request.POST)
            if not form.is_valid():
                return _spend_again(request, spend, {"review": form})
            if form.cleaned_data["decision"] == ReviewForm.ACCEPT:
                justification.accept_justification(
                    spend=spend, actor=user, note=form.cleaned_data["note"]
                )
                done = _("The justification is accepted.")
            else:
                justification.ask_more_information(
                    spend=spend, actor=user, note=form.cleaned_data["note"]
                )
                done = _("More information is asked from the spender.")
    except ValidationError as exc:
        if (
            form is not None
            and hasattr(exc, "error_dict")
            and set(exc.error_dict) <= set(form.fields)
        ):
            add_errors(form, exc)
            return _spend_again(request, spend, {action: form})
        for message in exc.messages:
            messages.error(request, message)
        return redirect("budgets:spend_detail", spend.public_id)
    messages.success(request, done)
    return redirect("budgets:spend_detail", spend.public_id)


def _spend_again(request, spend: Spend, forms: dict) -> HttpResponse:
    """The spend's page with the form that was not accepted (read audited again)."""
    spend = get_spend_for_user(request.user, spend.public_id)
    return render(request, "budgets/spend_detail.html", _spend_context(request, spend, forms))


# --- Work lists ------------------------------------------------------------------------


def _with_budget(spends):
    return spends.select_related("budget__team", "budget__neighbourhood", "spent_by")


@capability_required(Capability.SPEND_BUDGET)
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """The spender's page: justifications owed (overdue first) and spends waiting."""
    user = request.user
    own = _with_budget(
        Spend.objects.filter(spent_by=user, budget__municipality_id__in=user.municipality_ids())
    )
    owed = list(own.filter(justification_status__in=OWED).order_by("justification_due", "pk"))
    waiting = list(own.filter(status__in=COMMITTED).order_by("spent_on", "pk"))
    recent = list(
        own.exclude(justification_status__in=OWED)
        .exclude(status__in=COMMITTED)
        .order_by("-spent_on", "-pk")[:20]
    )
    audit_spends(
        user=user,
        spends=[s for s in (*owed, *waiting, *recent) if s.household_id],
        action=Action.READ,
        detail={"page": "my_spends"},
    )
    return render(
        request,
        "budgets/mine.html",
        {
            "owed": owed,
            "waiting": waiting,
            "recent": recent,
            "overdue_count": sum(s.is_overdue for s in owed),
        },
    )


@capability_required(Capability.APPROVE_SPEND)
@require_safe
def lead(request: HttpRequest) -> HttpResponse:
    """The team lead's page: spends to approve, justifications to review and
    justifications overdue, in the teams they lead."""
    user = request.user
    budgets = Budget.objects.of_team_ids(user.led_team_ids()).filter(
        municipality_id__in=user.municipality_ids()
    )
    spends = _with_budget(Spend.objects.filter(budget__in=budgets))
    pending = spends.filter(status=SpendStatus.PENDING).order_by("created_at", "pk")
    to_review = spends.filter(justification_status=JustificationStatus.SUBMITTED).order_by(
        "justified_at", "pk"
    )
    overdue = spends.overdue().order_by("justification_due", "pk")
    lists = {
        "pending": list(pending[:WORK_LIST_SIZE]),
        "to_review": list(to_review[:WORK_LIST_SIZE]),
        "overdue": list(overdue[:WORK_LIST_SIZE]),
    }
    audit_spends(
        user=user,
        spends={s.pk: s for rows in lists.values() for s in rows if s.household_id}.values(),
        action=Action.READ,
        detail={"page": "team_lead"},
    )
    return render(
        request,
        "budgets/lead.html",
        {**lists, "limit": WORK_LIST_SIZE},
    )


# --- The report for the council -------------------------------------------------------


def _report(request):
    user = request.user
    municipalities = list(user.municipalities.order_by("name"))
    if not municipalities:
        _deny(request, "budget_report")
    wanted = request.GET.get("municipality")
    municipality = next((m for m in municipalities if m.code == wanted), municipalities[0])
    return accountability_report(municipality=municipality, year=_year(request)), municipalities


@capability_required(Capability.VIEW_AGGREGATES)
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    result, municipalities = _report(request)
    record(
        user=request.user,
        action=Action.READ,
        purpose=Purpose.ADMINISTRATION,
        object_type="budget_report",
        object_id=f"{result.municipality.code}-{result.year}",
    )
    return render(
        request,
        "budgets/report.html",
        {
            "report": result,
            "municipalities": municipalities,
            "marker": MARKER,
            "threshold": THRESHOLD,
            "this_year": timezone.localdate().year,
        },
    )


@capability_required(Capability.VIEW_AGGREGATES)
@require_safe
def report_export(request: HttpRequest) -> HttpResponse:
    result, _municipalities = _report(request)
    record(
        user=request.user,
        action=Action.EXPORT,
        purpose=Purpose.ADMINISTRATION,
        object_type="budget_report",
        object_id=f"{result.municipality.code}-{result.year}",
        detail={"format": "csv"},
    )
    response = HttpResponse(report_csv(result), content_type="text/csv; charset=utf-8")
    filename = f"maatwerkbudget-{result.municipality.code}-{result.year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
