"""The provision catalogue pages under /provisions/: the list with filters and a provision's
page for everyone with VIEW_PROVISIONS; creating and changing provisions, tariffs and
contracts for MANAGE_PROVISIONS (policy and contract managers, functional administrators).
Only the user's own municipalities' catalogues exist for them (404 otherwise)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.areas.models import Municipality
from wijkkracht.core.decorators import capability_required
from wijkkracht.provisions import catalogue
from wijkkracht.provisions.access import get_provision_for_user
from wijkkracht.provisions.forms import (
    CatalogueFilterForm,
    ContractForm,
    ProvisionForm,
    TariffForm,
)
from wijkkracht.provisions.models import Provision, Tariff

PAGE_SIZE = 50


def _view_or_manage(view):
    """The catalogue is readable with VIEW_PROVISIONS, and by whoever keeps it
    (MANAGE_PROVISIONS: a functional administrator has only that one)."""
    by_view = capability_required(Capability.VIEW_PROVISIONS)(view)
    by_manage = capability_required(Capability.MANAGE_PROVISIONS)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if has_capability(request.user, Capability.MANAGE_PROVISIONS):
            return by_manage(request, *args, **kwargs)
        return by_view(request, *args, **kwargs)

    return wrapper


def _catalogue(user, today):
    current_tariff = (
        Tariff.objects.filter(provision=OuterRef("pk"), valid_from__lte=today)
        .order_by("-valid_from")
        .values("amount")[:1]
    )
    return (
        Provision.objects.of_municipalities(user.municipality_ids())
        .select_related("municipality", "organiser")
        .annotate(
            current_tariff=Subquery(current_tariff),
            provider_count=Count(
                "contracts",
                filter=Q(contracts__starts_on__lte=today)
                & (Q(contracts__ends_on__isnull=True) | Q(contracts__ends_on__gte=today)),
                distinct=True,
            ),
        )
        .order_by("kind", "name", "pk")
    )


@require_safe
@_view_or_manage
def catalogue_list(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    today = timezone.localdate()
    provisions = _catalogue(request.user, today)
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("kind"):
        provisions = provisions.of_kind(filters["kind"])
    if filters.get("law"):
        provisions = provisions.filter(law=filters["law"])
    if filters.get("q"):
        provisions = provisions.search(filters["q"])
    if not filters.get("inactive"):
        provisions = provisions.active()
    page = Paginator(provisions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "provisions/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": has_capability(request.user, Capability.MANAGE_PROVISIONS),
            "several_municipalities": len(request.user.municipality_ids()) > 1,
        },
    )


@require_safe
@_view_or_manage
def detail(request: HttpRequest, public_id) -> HttpResponse:
    provision = get_provision_for_user(request.user, public_id)
    can_manage = has_capability(request.user, Capability.MANAGE_PROVISIONS)
    return render(
        request, "provisions/detail.html", _detail_context(request, provision, can_manage)
    )


def _detail_context(request, provision, can_manage, tariff_form=None, contract_form=None):
    today = timezone.localdate()
    tariffs = list(provision.tariffs.all())
    current = next((t for t in tariffs if t.valid_from <= today), None)
    contracts = list(provision.contracts.select_related("provider").order_by("-starts_on", "pk"))
    for contract in contracts:
        contract.is_current = contract.starts_on <= today and (
            contract.ends_on is None or contract.ends_on >= today
        )
    return {
        "provision": provision,
        "tariffs": tariffs,
        "current_tariff": current,
        "contracts": contracts,
        "can_manage": can_manage,
        "tariff_form": tariff_form or (TariffForm() if can_manage else None),
        "contract_form": contract_form
        or (ContractForm(municipality=provision.municipality) if can_manage else None),
    }


def _municipality_for_new(request) -> Municipality:
    ids = request.user.municipality_ids()
    wanted = request.POST.get("municipality") or request.GET.get("municipality")
    if wanted:
        municipality = Municipality.objects.filter(pk__in=ids, code=wanted).first()
    else:
        municipality = Municipality.objects.filter(pk__in=ids).order_by("name").first()
    if municipality is None:
        raise Http404
    return municipality


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required(Capability.MANAGE_PROVISIONS)
def create(request: HttpRequest) -> HttpResponse:
    municipality = _municipality_for_new(request)
    form = ProvisionForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            provision = catalogue.create_provision(
                municipality=municipality, data=form.changes(), actor=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The provision has been added to the catalogue."))
            return redirect("provisions:detail", public_id=provision.public_id)
    municipalities = Municipality.objects.filter(pk__in=request.user.municipality_ids())
    return render(
        request,
        "provisions/form.html",
        {
            "form": form,
            "provision": None,
            "municipality": municipality,
            "municipalities": municipalities.order_by("name"),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required(Capability.MANAGE_PROVISIONS)
def edit(request: HttpRequest, public_id) -> HttpResponse:
    with transaction.atomic():
        provision = get_provision_for_user(
            request.user, public_id, for_update=request.method == "POST"
        )
        form = ProvisionForm(
            request.POST or None, instance=provision, municipality=provision.municipality
        )
        if request.method == "POST" and form.is_valid():
            try:
                changed = catalogue.update_provision(
                    provision=Provision.objects.get(pk=provision.pk),
                    data=form.changes(),
                    actor=request.user,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                if changed:
                    messages.success(request, _("The provision has been changed."))
                return redirect("provisions:detail", public_id=provision.public_id)
    return render(
        request,
        "provisions/form.html",
        {"form": form, "provision": provision, "municipality": provision.municipality},
        status=400 if request.method == "POST" else 200,
    )


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_POST
@capability_required(Capability.MANAGE_PROVISIONS)
def add_tariff(request: HttpRequest, public_id) -> HttpResponse:
    provision = get_provision_for_user(request.user, public_id, for_update=False)
    form = TariffForm(request.POST)
    if form.is_valid():
        try:
            catalogue.add_tariff(
                provision=provision,
                amount=form.cleaned_data["amount"],
                valid_from=form.cleaned_data["valid_from"],
                actor=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The tariff has been saved."))
            return redirect("provisions:detail", public_id=provision.public_id)
    ctx = _detail_context(request, provision, True, tariff_form=form)
    return render(request, "provisions/detail.html", ctx, status=400)


@require_POST
@capability_required(Capability.MANAGE_PROVISIONS)
def add_contract(request: HttpRequest, public_id) -> HttpResponse:
    provision = get_provision_for_user(request.user, public_id)
    form = ContractForm(request.POST, municipality=provision.municipality)
    if form.is_valid():
        try:
            catalogue.add_contract(
                provision=provision,
                provider=form.cleaned_data["provider"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The provider has been contracted."))
            return redirect("provisions:detail", public_id=provision.public_id)
    ctx = _detail_context(request, provision, True, contract_form=form)
    return render(request, "provisions/detail.html", ctx, status=400)
