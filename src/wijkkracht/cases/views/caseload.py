"""The caseload overview: a professional's own open cases (as coordinator or involved
professional) and, for a team lead, the open cases of a team they lead. Per case the
household, status, coordinator, actions overdue, "no plan after 4 weeks", last contact and
escalation, computed with subqueries: the number of queries does not grow with the number
of cases shown."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases.models import Case, Escalation, TimelineEntry
from wijkkracht.core.decorators import capability_required
from wijkkracht.plans.models import ActionStatus, Goal, PlanAction
from wijkkracht.teams.models import Team, TeamMembership

PAGE_SIZE = 50
NO_PLAN_AFTER = dt.timedelta(days=28)


def with_figures(cases):
    today = timezone.localdate()
    overdue = (
        PlanAction.objects.filter(
            goal__plan__case=OuterRef("pk"), status=ActionStatus.OPEN, due_on__lt=today
        )
        .order_by()
        .values("goal__plan__case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last = TimelineEntry.objects.filter(case=OuterRef("pk")).order_by("-at")
    has_goals = Exists(Goal.objects.filter(plan__case=OuterRef("pk")))
    return cases.annotate(
        overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
        has_plan_goals=has_goals,
        last_contact=Subquery(last.filter(kind=TimelineEntry.Kind.CONTACT).values("at")[:1]),
        last_entry=Subquery(last.values("at")[:1]),
        escalated=Exists(Escalation.objects.filter(case=OuterRef("pk"), deescalated_at=None)),
    ).select_related("household__address", "coordinator", "team")


def totals(cases) -> dict:
    cutoff = timezone.now() - NO_PLAN_AFTER
    today = timezone.localdate()
    overdue = PlanAction.objects.filter(
        goal__plan__case__in=cases.values("pk"), status=ActionStatus.OPEN, due_on__lt=today
    )
    figures = cases.aggregate(
        cases=Count("pk"),
        no_plan=Count(
            "pk",
            filter=Q(opened_at__lt=cutoff) & ~Q(pk__in=Goal.objects.values("plan__case")),
        ),
        escalated=Count(
            "pk",
            filter=Q(pk__in=Escalation.objects.filter(deescalated_at=None).values("case")),
        ),
    )
    figures["overdue_actions"] = overdue.count()
    return figures


def render_caseload(request, cases, *, title, team=None):
    cases = with_figures(cases.open()).order_by("opened_at", "pk")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    cutoff = timezone.now() - NO_PLAN_AFTER
    for case in page.object_list:
        case.no_plan_after_4_weeks = case.opened_at < cutoff and not case.has_plan_goals
    record(
        user=request.user,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="caseload",
        object_id=str(team.pk) if team else "",
        detail={"cases": len(page.object_list)},
    )
    teams = Team.objects.filter(
        teammembership__user=request.user, teammembership__is_lead=True
    ).order_by("name")
    return render(
        request,
        "cases/caseload.html",
        {"page": page, "totals": totals(cases), "title": title, "team": team, "teams": teams},
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    user = request.user
    cases = Case.objects.visible_to(user).filter(
        Q(coordinator=user)
        | Q(pk__in=Case.objects.filter(participants__professional=user, participants__until=None))
    )
    return render_caseload(request, cases, title="mine")


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def team(request: HttpRequest, team_id: int) -> HttpResponse:
    user = request.user
    if not TeamMembership.objects.filter(team_id=team_id, user=user, is_lead=True).exists():
        record(
            user=user,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="caseload",
            object_id=str(team_id),
            outcome=Outcome.DENIED,
        )
        raise Http404
    the_team = Team.objects.get(pk=team_id)
    # The lead supervises the team: its cases are listed whether or not the lead is
    # involved with each household; the case page itself still applies need-to-know.
    cases = Case.objects.filter(team=the_team, municipality_id__in=user.municipality_ids())
    return render_caseload(request, cases, title="team", team=the_team)
