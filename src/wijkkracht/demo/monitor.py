"""Demo: two years of household cases behind the monitor, then the precomputed figures.

The coordinator's own case load (``demo.cases``) is a handful of cases made through the
use cases; the monitor needs a population: for about 8% of the households (at least
500 cases in a small demo) a case opened in the last eight quarters (the questions are
the intake demo's; these cases have none, so kpi02 counts from their opening),
with a plan agreed with the resident, goals and actions by whom, two self-reliance
assessments, sometimes an escalation, and for the closed ones an evaluation with goal
results and a satisfaction score; some households come back with a new case. Each team
gets its own "quality" so that the traffic lights differ. Written with ``bulk_create``
(goals, actions and domain scores, the biggest, as plain rows with ``demo.rows``) from
one seeded ``random.Random`` (no timeline or audit lines: this is history), then
``monitor.recompute`` runs synchronously and targets are set for the ten indicators.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from wijkkracht.assessments.models import DomainScore, SelfRelianceAssessment
from wijkkracht.cases.models import Case, CaseStatus, ClosingReason, Escalation
from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.demo.rows import insert_rows
from wijkkracht.demo.statistics import analyze
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.intake.figures import recent_quarters
from wijkkracht.intake.models import SupportRequest
from wijkkracht.monitor.models import IndicatorTarget, PrecomputedFigure
from wijkkracht.monitor.recompute import QUARTERS, recompute_municipality
from wijkkracht.plans.models import (
    ActionStatus,
    Evaluation,
    Goal,
    GoalOutcome,
    GoalResult,
    GoalStatus,
    PerformerKind,
    PlanAction,
    SupportPlan,
)
from wijkkracht.teams.models import Team, TeamMembership

BATCH = 2000
CASE_SHARE = 0.08  # of households: a case in the last eight quarters
MIN_CASES = 500
RETURN_SHARE = 0.15
DOMAINS = [str(d) for d in LifeDomain.values]
GOALS = (
    "Weer overzicht over het geld.",
    "In ons huis blijven wonen.",
    "Minder alleen zijn.",
    "Rust thuis, minder ruzie.",
    "Werk of een opleiding vinden.",
    "Beter slapen, minder piekeren.",
)
ACTIONS = (
    "Samen de post doorlopen",
    "Aanmelden bij de schuldhulp",
    "Koffie bij de buurvrouw",
    "Meedoen met de maaltijdclub",
    "Gesprek met de coach",
    "Naar de huisarts",
)
ACTION_COLUMNS = (
    "goal_id",
    "what",
    "performer_kind",
    "performer_name",
    "performer_user_id",
    "due_on",
    "status",
    "done_on",
    "order",
)
TARGETS = {  # indicator: (target, tolerance)
    "kpi01": (3, 1),
    "kpi02": (30, 10),
    "kpi03": (60, 10),
    "kpi04": (40, 10),
    "kpi05": (15, 5),
    "kpi06": (45, 5),
    "kpi07": (45, 5),
    "kpi08": (60, 10),
    "kpi09": (10, 3),
    "kpi10": (7.5, 0.5),
}


def _pick(rng: random.Random, weighted):
    value, acc = rng.random(), 0.0
    for item, share in weighted:
        acc += share
        if value < acc:
            return item
    return weighted[-1][0]


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


class _History:
    def __init__(self, demo):
        self.demo = demo
        self.municipality = demo.municipality
        self.rng = random.Random(f"monitor:{demo.municipality.code}:{demo.seed}")
        self.today = demo.today
        self.start = recent_quarters(self.today, QUARTERS)[-1].start
        self.rows: dict[str, list] = {}

    def _teams(self):
        municipality = self.municipality
        team_of_nb = {}
        for team_id, nb_id in Team.neighbourhoods.through.objects.filter(
            team__municipality=municipality, team__kind=Team.Kind.NEIGHBOURHOOD
        ).values_list("team_id", "neighbourhood_id"):
            team_of_nb.setdefault(nb_id, team_id)
        members: dict[int, list[int]] = {}
        # Generated staff only: the demo accounts keep their own small case load.
        for team_id, user_id in TeamMembership.objects.filter(
            team__municipality=municipality,
            user__username__startswith=f"gm{municipality.code[2:]}-",
        ).values_list("team_id", "user_id"):
            members.setdefault(team_id, []).append(user_id)
        expert = Team.objects.filter(municipality=municipality, kind=Team.Kind.EXPERT).first()
        return team_of_nb, members, expert

    def generate(self) -> dict[str, int]:
        rng = self.rng
        team_of_nb, members, expert = self._teams()
        team_of_nb = {nb: team for nb, team in team_of_nb.items() if team in members}
        quality = {team: rng.uniform(-1, 1) for team in members}
        busy = set(
            Case.objects.filter(municipality=self.municipality)
            .exclude(status=CaseStatus.CLOSED)
            .values_list("household_id", flat=True)
        )
        households = [
            (pk, nb)
            for pk, nb in Household.objects.filter(
                municipality=self.municipality, ended_on__isnull=True
            ).values_list("pk", "address__neighbourhood_id")
            if nb in team_of_nb and pk not in busy
        ]
        count = min(len(households), max(MIN_CASES, round(len(households) * CASE_SHARE)))
        chosen = sorted(rng.sample(households, count))
        heads = self._heads([pk for pk, _nb in chosen])
        addresses = dict(
            Household.objects.filter(pk__in=[pk for pk, _nb in chosen]).values_list(
                "pk", "address_id"
            )
        )
        span = (self.today - self.start).days + 60
        cases = []
        for household_id, nb in chosen:
            team = team_of_nb[nb]
            opened = self.today - dt.timedelta(days=rng.randint(20, span))
            cases.append((household_id, nb, team, opened))
            if rng.random() < RETURN_SHARE:
                later = opened + dt.timedelta(days=rng.randint(150, 500))
                if later < self.today - dt.timedelta(days=10):
                    cases.append((household_id, nb, team, later))
        cases.sort(key=lambda c: (c[0], c[3]))
        specs = []
        for i, (household_id, _nb, team, opened) in enumerate(cases):
            q = quality[team]
            nxt = cases[i + 1] if i + 1 < len(cases) and cases[i + 1][0] == household_id else None
            length = rng.randint(60, 330)
            closed = opened + dt.timedelta(days=length)
            if nxt is not None:
                closed = min(closed, nxt[3] - dt.timedelta(days=rng.randint(20, 120)))
                closed = max(closed, opened + dt.timedelta(days=14))
            is_closed = closed < self.today
            specs.append(
                {
                    "household": household_id,
                    "address": addresses[household_id],
                    "head": heads.get(household_id),
                    "team": team,
                    "coordinator": rng.choice(members[team]),
                    "opened": opened,
                    "closed": closed if is_closed else None,
                    "quality": q,
                }
            )
        case_rows = []
        for spec in specs:
            closed = spec["closed"]
            case_rows.append(
                Case(
                    municipality=self.municipality,
                    household_id=spec["household"],
                    team_id=spec["team"],
                    coordinator_id=spec["coordinator"],
                    status=CaseStatus.CLOSED if closed else CaseStatus.ACTIVE,
                    opened_at=_at(spec["opened"], rng),
                    closed_at=_at(closed, rng) if closed else None,
                    closing_reason=(
                        _pick(
                            rng,
                            (
                                (ClosingReason.GOALS_ACHIEVED, 0.55),
                                (ClosingReason.PARTLY_ACHIEVED, 0.3),
                                (ClosingReason.MOVED_AWAY, 0.05),
                                (ClosingReason.DECLINED, 0.1),
                            ),
                        )
                        if closed
                        else ""
                    ),
                )
            )
        Case.objects.bulk_create(case_rows, batch_size=BATCH)
        counts = {"monitor_cases": len(case_rows)}
        counts.update(self._plans(specs, case_rows))
        counts.update(self._assessments(specs, case_rows))
        counts["monitor_escalations"] = self._escalations(specs, case_rows, expert)
        return counts

    def _heads(self, household_ids: list[int]) -> dict[int, int]:
        heads: dict[int, int] = {}
        for start in range(0, len(household_ids), 5000):
            chunk = household_ids[start : start + 5000]
            for household_id, resident_id in (
                HouseholdMembership.objects.current()
                .filter(household_id__in=chunk)
                .order_by("household_id", "pk")
                .values_list("household_id", "resident_id")
            ):
                heads.setdefault(household_id, resident_id)
        return heads

    def _plans(self, specs, cases) -> dict[str, int]:
        rng = self.rng
        plans = []
        for spec, case in zip(specs, cases, strict=True):
            agreed = None
            if rng.random() < 0.9:
                agreed = spec["opened"] + dt.timedelta(
                    days=max(3, round(rng.gammavariate(3, 8) - 5 * spec["quality"]))
                )
                if agreed >= self.today or (spec["closed"] and agreed > spec["closed"]):
                    agreed = None
            plans.append(
                SupportPlan(
                    case_id=case.pk,
                    version=1,
                    created_at=case.opened_at,
                    updated_at=case.opened_at,
                    agreed_with_resident_on=agreed,
                )
            )
        SupportPlan.objects.bulk_create(plans, batch_size=BATCH)
        goals, goal_meta = [], []
        for spec, case, plan in zip(specs, cases, plans, strict=True):
            achieve = 0.72 + 0.12 * spec["quality"]
            for order in range(rng.randint(2, 4)):
                outcome = None
                if spec["closed"]:
                    r = rng.random()
                    outcome = (
                        GoalOutcome.ACHIEVED
                        if r < achieve
                        else GoalOutcome.PARTLY
                        if r < achieve + 0.3
                        else GoalOutcome.NOT_ACHIEVED
                    )
                goals.append(
                    (
                        plan.pk,
                        str(rng.choice(DOMAINS)),
                        rng.choice(GOALS),
                        order,
                        str(GoalStatus(outcome) if outcome else GoalStatus.OPEN),
                    )
                )
                goal_meta.append((spec, case, outcome))
        goal_ids = insert_rows(
            Goal, ("plan_id", "life_domain", "description", "order", "status"), goals
        )
        actions = []
        for goal_id, (spec, _case, outcome) in zip(goal_ids, goal_meta, strict=True):
            own = 0.1 * spec["quality"]
            for order in range(rng.randint(1, 3)):
                kind = _pick(
                    rng,
                    (
                        (PerformerKind.RESIDENT, 0.26 + own),
                        (PerformerKind.NETWORK, 0.14),
                        (PerformerKind.VOLUNTEER, 0.08),
                        (PerformerKind.PROFESSIONAL, 0.42 - own),
                        (PerformerKind.PROVIDER, 0.10),
                    ),
                )
                done = outcome is not None or rng.random() < 0.4
                actions.append(
                    (
                        goal_id,
                        rng.choice(ACTIONS),
                        str(kind),
                        "",
                        spec["coordinator"] if kind == PerformerKind.PROFESSIONAL else None,
                        spec["opened"] + dt.timedelta(days=rng.randint(14, 120)),
                        str(ActionStatus.DONE if done else ActionStatus.OPEN),
                        (spec["closed"] or self.today) if done else None,
                        order,
                    )
                )
        insert_rows(PlanAction, ACTION_COLUMNS, actions)
        evaluations, evaluated = [], []
        for spec, case in zip(specs, cases, strict=True):
            if not spec["closed"] or rng.random() > 0.85:
                continue
            answered = rng.random() < 0.7
            score = min(10, max(1, round(rng.gauss(7.4 + 0.6 * spec["quality"], 1.2))))
            evaluations.append(
                Evaluation(
                    case_id=case.pk,
                    satisfaction=score if answered else None,
                    entered_by=Evaluation.EnteredBy.RESIDENT,
                    evaluated_at=case.closed_at,
                    evaluated_by_id=spec["coordinator"],
                )
            )
            evaluated.append(case.pk)
        Evaluation.objects.bulk_create(evaluations, batch_size=BATCH)
        evaluation_of = {e.case_id: e.pk for e in evaluations}
        results = [
            GoalResult(evaluation_id=evaluation_of[case.pk], goal_id=goal_id, result=outcome)
            for goal_id, (_spec, case, outcome) in zip(goal_ids, goal_meta, strict=True)
            if outcome is not None and case.pk in evaluation_of
        ]
        GoalResult.objects.bulk_create(results, batch_size=BATCH)
        return {
            "monitor_plans": len(plans),
            "monitor_goals": len(goals),
            "monitor_actions": len(actions),
            "monitor_evaluations": len(evaluations),
        }

    def _assessments(self, specs, cases) -> dict[str, int]:
        rng = self.rng
        assessments, planned = [], []
        for spec, case in zip(specs, cases, strict=True):
            if spec["head"] is None or rng.random() > 0.75:
                continue
            last_day = spec["closed"] or self.today - dt.timedelta(days=1)
            days = [spec["opened"] + dt.timedelta(days=rng.randint(0, 10))]
            if (last_day - days[0]).days > 30:
                days.append(last_day - dt.timedelta(days=rng.randint(0, 10)))
            domains = rng.sample(DOMAINS, k=5)
            first = [rng.choice((1, 2, 2, 3, 3, 4)) for _ in domains]
            gain = max(0.0, rng.gauss(0.9 + 0.4 * spec["quality"], 0.6))
            for n, day in enumerate(days):
                scores = (
                    first
                    if n == 0
                    else [min(5, max(1, round(s + gain + rng.uniform(-0.5, 0.5)))) for s in first]
                )
                assessments.append(
                    SelfRelianceAssessment(
                        case_id=case.pk,
                        member_id=spec["head"],
                        assessed_on=day,
                        assessor_id=spec["coordinator"],
                    )
                )
                planned.append(list(zip(domains, scores, strict=True)))
        SelfRelianceAssessment.objects.bulk_create(assessments, batch_size=BATCH)
        insert_rows(
            DomainScore,
            ("assessment_id", "domain", "score"),
            [
                (a.pk, domain, score)
                for a, pairs in zip(assessments, planned, strict=True)
                for domain, score in pairs
            ],
        )
        return {"monitor_assessments": len(assessments)}

    def _escalations(self, specs, cases, expert) -> int:
        if expert is None:
            return 0
        rng = self.rng
        rows = []
        for spec, case in zip(specs, cases, strict=True):
            if rng.random() > 0.09 - 0.03 * spec["quality"]:
                continue
            at = case.opened_at + dt.timedelta(days=rng.randint(5, 40))
            back = None
            if spec["closed"]:
                back = min(case.closed_at, at + dt.timedelta(days=rng.randint(20, 90)))
            rows.append(
                Escalation(
                    case_id=case.pk,
                    expert_team_id=expert.pk,
                    reason="Complexe situatie (demo).",
                    escalated_at=at,
                    escalated_by_id=spec["coordinator"],
                    deescalated_at=back,
                    deescalation_reason="Terug naar het wijkteam." if back else "",
                )
            )
        Escalation.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)


def set_targets(municipality) -> int:
    IndicatorTarget.objects.bulk_create(
        [
            IndicatorTarget(municipality=municipality, indicator=code, target=t, tolerance=tol)
            for code, (t, tol) in TARGETS.items()
        ],
        ignore_conflicts=True,
    )
    return len(TARGETS)


def generate(demo) -> dict[str, int]:
    counts = _History(demo).generate()
    counts["indicator_targets"] = set_targets(demo.municipality)
    analyze(
        SupportRequest,
        Case,
        SupportPlan,
        Goal,
        PlanAction,
        Evaluation,
        GoalResult,
        SelfRelianceAssessment,
        DomainScore,
        Escalation,
    )
    result = recompute_municipality(demo.municipality, today=demo.today)
    counts["monitor_figures"] = int(result["figures"])
    return counts


def delete(municipality) -> None:
    """Precomputed figures and targets; the cases go with the generator's own delete."""
    PrecomputedFigure.objects.filter(municipality=municipality).delete()
    IndicatorTarget.objects.filter(municipality=municipality).delete()
