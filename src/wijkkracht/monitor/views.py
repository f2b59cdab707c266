"""The neighbourhood monitor: figures per district and neighbourhood for policy analysts
and team leads (``view_aggregates``); everyone else gets a 404. No person ever appears
here; counts below the threshold are shown as a marker (see ``monitor.aggregates``)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.core.decorators import capability_required
from wijkkracht.monitor.aggregates import MARKER, MEASURES, THRESHOLD, monitor_table


@require_GET
@capability_required(Capability.VIEW_AGGREGATES)
def index(request):
    return render(
        request,
        "monitor/index.html",
        {
            "rows": monitor_table(request.user),
            "measures": MEASURES,
            "marker": MARKER,
            "threshold": THRESHOLD,
        },
    )


@require_POST
@capability_required(Capability.VIEW_AGGREGATES)
def export(request):
    """The same table as CSV, suppressed cells as the marker. Posted, because every
    export writes an audit line."""
    rows = monitor_table(request.user)
    record(
        user=request.user,
        action=Action.EXPORT,
        purpose=Purpose.ADMINISTRATION,
        object_type="aggregates",
        detail={"format": "csv", "rows": len(rows)},
    )
    filename = f"wijkmonitor-{timezone.localdate().isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["level", "code", "name", *(key for key, _label in MEASURES)])
    for row in rows:
        writer.writerow([row.level, row.code, _csv_text(row.name), *(str(c) for c in row.cells)])
    return response


def _csv_text(value: str) -> str:
    """Keep spreadsheet programs from reading a name as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
