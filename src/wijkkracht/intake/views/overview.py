"""The team lead overview: intake figures per team and quarter (a team lead: the teams
they lead; a policy analyst: their municipalities and every team in them). Counts only,
never a person; small counts are hidden as in the neighbourhood monitor."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wijkkracht.accounts.roles import Capability, has_capability
from wijkkracht.areas.models import Municipality
from wijkkracht.intake.figures import (
    DisclosedFigures,
    Quarter,
    disclosed,
    empty_figures,
    figures_by_team,
    municipality_figures,
    recent_quarters,
)
from wijkkracht.intake.models import Channel, IntakeOutcome
from wijkkracht.monitor.aggregates import MARKER, THRESHOLD
from wijkkracht.teams.models import Team

QUARTERS_SHOWN = 8


@dataclass(frozen=True)
class OverviewRow:
    level: str  # "municipality", "team" or "queue"
    name: str
    figures: DisclosedFigures


def may_view_overview(user) -> bool:
    return has_capability(user, Capability.VIEW_AGGREGATES) or has_capability(
        user, Capability.REROUTE_INTAKE
    )


def _team_row(team: Team, figures: dict) -> OverviewRow:
    if team.kind == Team.Kind.INTAKE:  # an intake team works the municipality-wide queue
        found = figures.get((team.municipality_id, None), empty_figures())
        return OverviewRow("queue", team.name, disclosed(found))
    return OverviewRow(
        "team", team.name, disclosed(figures.get((team.municipality_id, team.pk), empty_figures()))
    )


def overview_rows(user, period: Quarter, *, today) -> list[OverviewRow]:
    municipality_ids = user.municipality_ids()
    led = user.led_team_ids()
    if led and has_capability(user, Capability.REROUTE_INTAKE):
        teams = list(
            Team.objects.filter(pk__in=led, municipality_id__in=municipality_ids).order_by(
                "name", "pk"
            )
        )
        figures = figures_by_team(
            period, municipality_ids={t.municipality_id for t in teams}, today=today
        )
        return [_team_row(team, figures) for team in teams]
    if not has_capability(user, Capability.VIEW_AGGREGATES):
        return []
    figures = figures_by_team(period, municipality_ids=municipality_ids, today=today)
    teams_of: dict[int, list[Team]] = {}
    for team in (
        Team.objects.filter(municipality_id__in=municipality_ids)
        .exclude(kind=Team.Kind.INTAKE)
        .order_by("name", "pk")
    ):
        teams_of.setdefault(team.municipality_id, []).append(team)
    rows = []
    for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by("name"):
        rows.append(
            OverviewRow(
                "municipality",
                municipality.name,
                disclosed(municipality_figures(municipality, period, today=today)),
            )
        )
        rows.extend(_team_row(team, figures) for team in teams_of.get(municipality.pk, []))
        rows.append(
            OverviewRow(
                "queue",
                _("Municipality-wide intake queue"),
                disclosed(figures.get((municipality.pk, None), empty_figures())),
            )
        )
    return rows


@require_safe
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not may_view_overview(request.user):
        raise Http404
    today = timezone.localdate()
    quarters = recent_quarters(today, QUARTERS_SHOWN)
    period = Quarter.parse(request.GET.get("period"))
    if period is None or period not in quarters:
        period = quarters[0]
    return render(
        request,
        "intake/overview.html",
        {
            "period": period,
            "quarters": quarters,
            "rows": overview_rows(request.user, period, today=today),
            "channels": Channel.choices,
            "outcomes": IntakeOutcome.choices,
            "marker": MARKER,
            "threshold": THRESHOLD,
        },
    )
