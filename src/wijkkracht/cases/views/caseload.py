"""The caseload overview, per professional and per team.

- ``mine``: the open cases a professional coordinates or takes part in (all of which they
  may open).
- ``team``: for a team lead only, the open cases of a team they lead (``TeamMembership``
  with ``is_lead``), whether or not the lead is involved with each household. It is a
  supervision overview: per case the household name (the members' surnames), status,
  coordinator, opened date, actions overdue, "no plan after 4 weeks", last contact and
  escalation. Showing it is audited as a read, one line per case and current member
  (``object_type="caseload"``). Opening a case is not part of that overview: the case page
  applies need-to-know as everywhere (``cases.access``), so a row links to the case only
  when the lead may see it; otherwise it is a 404 for them too. Anyone else asking for a
  team's caseload gets a 404 and a denied audit line.

The figures are computed with subqueries and one query each for the names and for which
rows may be opened: the number of queries does not grow with the number of cases shown."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wijkkracht.accounts.roles import Capability
from wijkkracht.audit.log import record, record_many
from wijkkracht.audit.models import Action, Outcome, Purpose
from wijkkracht.cases.access import visible_among
from wijkkracht.cases.models import Case, Escalation, TimelineEntry
from wijkkracht.core.decorators import capability_required
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.plans.models import ActionStatus, Goal, PlanAction
from wijkkracht.teams.models import Team, TeamMembership

PAGE_SIZE = 50
NO_PLAN_AFTER = dt.timedelta(days=28)


def overdue_actions():
    """Per case (``OuterRef("pk")``): its open plan actions past their due date."""
    overdue = (
        PlanAction.objects.filter(
            goal__plan__case=OuterRef("pk"),
            status=ActionStatus.OPEN,
            due_on__lt=timezone.localdate(),
        )
        .order_by()
        .values("goal__plan__case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0))


def has_goals():
    return Exists(Goal.objects.filter(plan__case=OuterRef("pk")))


def is_escalated():
    return Exists(Escalation.objects.filter(case=OuterRef("pk"), deescalated_at=None))


def with_figures(cases):
    last = TimelineEntry.objects.filter(case=OuterRef("pk")).order_by("-at")
    return cases.annotate(
        overdue_actions=overdue_actions(),
        has_plan_goals=has_goals(),
        last_contact=Subquery(last.filter(kind=TimelineEntry.Kind.CONTACT).values("at")[:1]),
        last_entry=Subquery(last.values("at")[:1]),
        escalated=is_escalated(),
    ).select_related("coordinator", "team")


def totals(cases) -> dict:
    """The four figures above the table, in one query over the open cases."""
    cutoff = timezone.now() - NO_PLAN_AFTER
    return cases.annotate(
        has_goals=has_goals(), is_escalated=is_escalated(), overdue=overdue_actions()
    ).aggregate(
        cases=Count("pk"),
        no_plan=Count("pk", filter=Q(opened_at__lt=cutoff, has_goals=False)),
        escalated=Count("pk", filter=Q(is_escalated=True)),
        overdue_actions=Coalesce(Sum("overdue"), Value(0)),
    )


def household_names(cases) -> dict[int, tuple[str, list]]:
    """Household id -> (the current members' surnames, the members), in one query."""
    memberships = (
        HouseholdMembership.objects.current()
        .filter(household_id__in={case.household_id for case in cases})
        .select_related("resident")
        .order_by("household_id", F("resident__date_of_birth").asc(nulls_last=True), "pk")
    )
    found: dict[int, tuple[list[str], list]] = {}
    for membership in memberships:
        surnames, members = found.setdefault(membership.household_id, ([], []))
        resident = membership.resident
        surname = " ".join(p for p in (resident.surname_prefix, resident.surname) if p)
        if surname not in surnames:
            surnames.append(surname)
        members.append(resident)
    return {key: (" / ".join(names), members) for key, (names, members) in found.items()}


def _date(value) -> str:
    return dateformat.format(timezone.localtime(value), "d-m-Y")


def row_cells(case) -> tuple:
    """The cells of one row of the caseload table, for ``ROW``."""
    label = case.household_label
    if case.may_open:
        label = format_html(
            '<a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>',
            reverse("cases:detail", args=[case.public_id]),
            label,
        )
    coordinator = case.coordinator
    if case.last_contact:
        last = _date(case.last_contact)
    elif case.last_entry:
        last = f"{_date(case.last_entry)} ({_('last entry')})"
    else:
        last = "-"
    no_plan, escalated = case.no_plan_after_4_weeks, case.escalated
    return (
        case.public_id,
        label,
        capfirst(case.get_status_display()),
        coordinator.get_full_name() or coordinator.get_username(),
        _date(case.opened_at),
        case.overdue_actions,
        case.overdue_actions,
        "yes" if no_plan else "no",
        _("yes") if no_plan else _("no"),
        last,
        "yes" if escalated else "no",
        _("yes") if escalated else _("no"),
    )


# The rows are built here rather than in the template: fifty rows of eight cells through
# the template engine were a large part of the page's time. Same HTML as a template row.
ROW = (
    '<tr class="utrecht-table__row" data-case="{}">'
    '<th class="utrecht-table__header-cell" scope="row">{}</th>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell" data-overdue="{}">{}</td>'
    '<td class="utrecht-table__cell" data-no-plan="{}">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell" data-escalated="{}">{}</td>'
    "</tr>\n"
)


def render_caseload(request, cases, *, title, team=None, all_visible=False):
    """``all_visible``: ``cases`` is already limited to cases the user may open.

    The page's cases are found first (only their ids, in order), and the figures are
    computed for those fifty only: the correlated subqueries do not run for the cases of
    earlier pages."""
    user = request.user
    cases = cases.open()
    ordered = cases.order_by("opened_at", "pk").values_list("pk", flat=True)
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    found = {case.pk: case for case in with_figures(Case.objects.filter(pk__in=ids))}
    rows = [found[pk] for pk in ids if pk in found]
    names = household_names(rows)
    may_open = (
        set(ids)
        if all_visible
        else visible_among(
            user,
            rows,
            member_ids=[member.pk for _name, members in names.values() for member in members],
        )
    )
    cutoff = timezone.now() - NO_PLAN_AFTER
    items = []
    for case in rows:
        case.no_plan_after_4_weeks = case.opened_at < cutoff and not case.has_plan_goals
        case.household_name, members = names.get(case.household_id, ("", []))
        case.household_label = _("Household %(name)s") % {
            "name": case.household_name or _("household without members")
        }
        case.may_open = case.pk in may_open
        items += [(str(case.public_id), member) for member in members] or [
            (str(case.public_id), None)
        ]
    record_many(
        user=user,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="caseload",
        items=items or [(str(team.pk) if team else "", None)],
        detail={"team": team.pk if team else None, "cases": len(rows)},
    )
    teams = Team.objects.filter(teammembership__user=user, teammembership__is_lead=True).order_by(
        "name"
    )
    return render(
        request,
        "cases/caseload.html",
        {
            "page": page,
            "rows": rows,
            "rows_html": format_html_join("", ROW, (row_cells(case) for case in rows)),
            "totals": totals(cases),
            "title": title,
            "team": team,
            "teams": teams,
        },
    )


@capability_required(Capability.VIEW_RESIDENTS)
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    user = request.user
    # The cases the user coordinates or takes part in, then need-to-know on those few
    # (cases.access.visible_among, the same rule as Case.objects.visible_to). The count,
    # the page and the totals then select by id.
    candidates = (
        Case.objects.open()
        .filter(
            Q(coordinator=user)
            | Q(
                pk__in=Case.objects.filter(
                    participants__professional=user, participants__until=None
                )
            )
        )
        .only("pk", "household_id", "coordinator_id", "municipality_id")
    )
    cases = Case.objects.filter(pk__in=visible_among(user, candidates))
    return render_caseload(request, cases, title="mine", all_visible=True)


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
    # involved with each household; the case page itself still applies need-to-know
    # (see the module docstring).
    cases = Case.objects.filter(team=the_team, municipality_id__in=user.municipality_ids())
    return render_caseload(request, cases, title="team", team=the_team)
