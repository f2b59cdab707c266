"""The neighbourhood monitor for policy analysts and team leads (``view_aggregates``);
everyone else gets a 404. No person ever appears here: pages read precomputed figures
after disclosure control (``monitor.recompute``), one query per page
(``monitor.pages``); figures from fewer than 10 persons or households show a marker.

Targets are set by policy and contract managers (``TARGETS_CAPABILITY``): the municipality
steers its partners on them."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.core.decorators import capability_required
from wijkkracht.monitor import exports, pages
from wijkkracht.monitor.aggregates import MARKER, THRESHOLD
from wijkkracht.monitor.figures import FIGURES
from wijkkracht.monitor.forms import TargetsForm
from wijkkracht.monitor.models import IndicatorTarget, Split

# A capability of its own ("manage_indicator_targets") is proposed; until then the
# policy analysts' (and team leads') right to keep neighbourhood plans.
TARGETS_CAPABILITY = Capability.MANAGE_INDICATOR_TARGETS
SPLITS = [(Split.AREA, _("Districts")), (Split.TEAM, _("Teams")), (Split.PROVIDER, _("Providers"))]


def _common(request, period) -> dict:
    return {
        "marker": MARKER,
        "threshold": THRESHOLD,
        "period": period,
        "quarters": pages.quarters(),
        "may_set_targets": has_capability(request.user, TARGETS_CAPABILITY),
    }


def _split(request) -> str:
    value = request.GET.get("split", Split.AREA)
    return value if value in Split.values else Split.AREA


@require_GET
@capability_required(Capability.VIEW_AGGREGATES)
def index(request):
    """The ten indicators for all districts (or teams, or providers) in one quarter, with
    traffic light and trend."""
    period = pages.chosen_period(request.GET.get("period"))
    split = _split(request)
    table = pages.overview(
        request.user, split=split, period=period, municipality=request.GET.get("municipality")
    )
    return render(
        request,
        "monitor/index.html",
        {
            **_common(request, period),
            "table": table,
            "split": split,
            "splits": [(value, str(label)) for value, label in SPLITS],
            "rows": table.lines if table else [],
            "keep_fields": [
                ("split", split),
                ("municipality", table.municipality if table else ""),
            ],
            "export_fields": [
                ("page", "overview"),
                ("split", split),
                ("municipality", table.municipality if table else ""),
            ],
        },
    )


@require_GET
@capability_required(Capability.VIEW_AGGREGATES)
def area(request, code: str):
    """The neighbourhood profile (wijkfoto) of a district or neighbourhood."""
    period = pages.chosen_period(request.GET.get("period"))
    found = pages.profile(request.user, code=code.upper(), period=period)
    if found is None:
        raise Http404
    charts = []
    for title, items in found.sections:
        shown = [(col, a, m) for col, a, m in items if col.unit == "percent"]
        if shown:
            charts.append(
                {
                    "title": title,
                    "bars": pages.bars([(f"{col.label}", a) for col, a, _m in shown]),
                    "municipality_bars": pages.bars([(f"{col.label}", m) for col, _a, m in shown]),
                    "height": 16 + 28 * len(shown),
                }
            )
    return render(
        request,
        "monitor/area.html",
        {
            **_common(request, period),
            "profile": found,
            "charts": charts[:1],
            "level": _("district") if found.area.level == "district" else _("neighbourhood"),
            "export_fields": [("page", "profile"), ("code", found.area.key)],
        },
    )


@require_GET
@capability_required(Capability.VIEW_AGGREGATES)
def area_map(request):
    """The districts coloured by one figure, with the same figures as a table."""
    period = pages.chosen_period(request.GET.get("period"))
    figure = request.GET.get("figure", "kpi03")
    if figure not in FIGURES:
        figure = "kpi03"
    table = pages.district_values(
        request.user, figure=figure, period=period, municipality=request.GET.get("municipality")
    )
    svg = None
    if table is not None:
        svg = _map_svg(table, figure)
    return render(
        request,
        "monitor/map.html",
        {
            **_common(request, period),
            "table": table,
            "figure": figure,
            "spec": FIGURES[figure],
            "figures": [(code, str(spec.label)) for code, spec in FIGURES.items()],
            "svg": svg,
            "export_fields": [
                ("page", "map"),
                ("figure", figure),
                ("municipality", table.municipality if table else ""),
            ],
        },
    )


def _map_svg(table, figure):
    try:
        from wijkkracht.contrib.cbs.figures import area_map as draw
    except ImportError:  # the CBS app is not installed: the table alone
        return None
    spec = FIGURES[figure]
    values, names = {}, {}
    for line in table.lines:
        if line.level != "district":
            continue
        cell = line.cell(figure)
        values[line.key] = None if cell.suppressed else cell.value
        names[line.key] = line.label
    return draw(
        table.municipality,
        values,
        level="district",
        title=str(spec.label),
        unit=pages.unit_label(spec.unit),
        decimals=spec.decimals,
        names=names,
        no_data_label=_("fewer than %(threshold)s, or hidden") % {"threshold": THRESHOLD},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.VIEW_AGGREGATES)
def targets(request):
    """The municipality's target and tolerance per indicator; set by policy analysts."""
    municipalities = list(request.user.municipalities.order_by("name"))
    if not municipalities:
        raise Http404
    code = request.POST.get("municipality") or request.GET.get("municipality")
    municipality = next((m for m in municipalities if m.code == code), municipalities[0])
    existing = {t.indicator: t for t in IndicatorTarget.objects.filter(municipality=municipality)}
    may_edit = has_capability(request.user, TARGETS_CAPABILITY)
    form = TargetsForm(request.POST or None, existing=existing)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            with transaction.atomic():
                changed = form.save(municipality=municipality, actor=request.user)
                record(
                    user=request.user,
                    action=Action.UPDATE,
                    purpose=Purpose.ADMINISTRATION,
                    object_type="indicator_targets",
                    object_id=municipality.code,
                    detail={"changed": changed},
                )
            messages.success(request, _("The targets are saved."))
            return redirect(f"{request.path}?municipality={municipality.code}")
    return render(
        request,
        "monitor/targets.html",
        {
            "form": form,
            "rows": form.rows(),
            "municipality": municipality,
            "municipalities": municipalities,
            "may_edit": may_edit,
        },
    )


@require_POST
@capability_required(Capability.VIEW_AGGREGATES)
def export(request):
    """The table of a page (overview, profile or map) as CSV or XLSX: exactly what the
    page shows, markers included. Posted, because every export writes an audit line."""
    data = request.POST
    page = data.get("page", "overview")
    fmt = "xlsx" if data.get("format") == "xlsx" else "csv"
    period = pages.chosen_period(data.get("period"))
    if page == "profile":
        found = pages.profile(request.user, code=data.get("code", "").upper(), period=period)
        if found is None:
            raise Http404
        sheet = exports.profile_sheet(found)
        name = f"wijkfoto-{found.area.key}-{period}"
    elif page == "map":
        figure = data.get("figure") if data.get("figure") in FIGURES else "kpi03"
        table = pages.district_values(
            request.user, figure=figure, period=period, municipality=data.get("municipality")
        )
        sheet = exports.table_sheet(table)
        name = f"wijkmonitor-{figure}-{period}"
    else:
        split = data.get("split") if data.get("split") in Split.values else Split.AREA
        table = pages.overview(
            request.user, split=split, period=period, municipality=data.get("municipality")
        )
        sheet = exports.table_sheet(table)
        name = f"wijkmonitor-{split}-{period}"
    record(
        user=request.user,
        action=Action.EXPORT,
        purpose=Purpose.ADMINISTRATION,
        object_type="aggregates",
        detail={"format": fmt, "page": page, "rows": len(sheet) - 1},
    )
    stamp = timezone.localdate().isoformat()
    return exports.response(sheet, fmt=fmt, filename=f"{name}-{stamp}")
