"""1 gezin – 1 plan – 1 regisseur (issue 4): the household case page with a five-year
history, and the caseload pages of a team of 25 with 1,500 active cases."""

from __future__ import annotations

import datetime as dt
import random
import time

TITLE = "Household cases and caseload"
DESCRIPTION = """\
*case_page*: GET `/cases/<case>/` as its coordinator (the demo coordinator `regisseur`),
for 5 households that each have a five-year history generated in bulk: about 260
timeline events (questions, contacts, plan changes, self-reliance assessments with their
scores, escalations and de-escalations, hand-overs, notes of which some sensitive, status
changes), spread over the five years, plus 3 involved professionals, 4 network members and
a support plan. *case_page_filtered*: the same pages with the timeline filtered by kind or
member or on an older page. *case_change_pages*: the pages with the change forms the case
page links to (hand-over, escalation, a professional taking part with the list of every
professional of the municipality, network, closing), no target. *caseload_team*: GET
`/cases/caseload/team/<team>/` as the lead of a new team of 25 professionals with 1,500
active cases (plans with goals and actions, some overdue, ~5 contacts per case, 5%
escalated, the team's involvements), cycling through all 30 pages. *caseload_personal*:
GET `/cases/caseload/` (both pages) as each of the 25 professionals (60 cases each). Every
request writes its audit lines.
"""
TARGETS = (
    (100_000, "case_page", "p95", 150, "household case page, 5-year history, p95 ≤ 150 ms"),
    (100_000, "caseload_team", "p95", 100, "team caseload, 25 people, 1,500 cases, p95 ≤ 100 ms"),
    (100_000, "caseload_personal", "p95", 100, "personal caseload, 60 cases, p95 ≤ 100 ms"),
)
SIZES = None

HISTORY_CASES = 5
HISTORY_YEARS = 5
TEAM_SIZE = 25
TEAM_CASES = 1_500
BATCH = 2_000

# (kind, share of the events, summaries): what five years of a household's file hold.
EVENT_KINDS = (
    ("contact", 0.45, ("Huisbezoek", "Telefonisch contact", "Gesprek op het wijkkantoor")),
    ("note", 0.15, ("Notitie",)),
    ("plan", 0.15, ("Ondersteuningsplan gewijzigd (versie {n})",)),
    ("assessment", 0.08, ("Zelfredzaamheid beoordeeld ({n} leefgebieden)",)),
    ("question", 0.06, ("Vraag WK-{n} gekoppeld aan de casus",)),
    ("status", 0.04, ("Casus actief", "Evaluatie gestart", "Casus weer actief")),
    ("escalation", 0.04, ("Opgeschaald naar het expertiseteam", "Afgeschaald")),
    ("handover", 0.03, ("Regie overgedragen",)),
)
NOTES = (
    "Moeder geeft aan dat het beter gaat met de post.",
    "Zoon gaat weer naar school; afspraak met de mentor gemaakt.",
    "Betalingsregeling met de woningcorporatie loopt.",
    "Buurvrouw helpt twee keer per week met boodschappen.",
)
DOMAINS = (
    "finances",
    "work_education",
    "time_use",
    "housing",
    "domestic_relations",
    "mental_health",
    "physical_health",
    "social_network",
)


def _rng_dates(rng, start, end, count):
    span = (end - start).total_seconds()
    return sorted(start + dt.timedelta(seconds=rng.random() * span) for _ in range(count))


def _free_households(municipality, count, rng):
    """Households with current members and no open case, as (household id, [resident ids])."""
    from wijkkracht.cases.models import Case
    from wijkkracht.households.models import Household, HouseholdMembership

    busy = Case.objects.open().values("household_id")
    ids = list(
        Household.objects.filter(municipality=municipality, ended_on=None)
        .exclude(pk__in=busy)
        .filter(pk__in=HouseholdMembership.objects.current().values("household_id"))
        .order_by("pk")
        .values_list("pk", flat=True)[: count * 4]
    )
    chosen = sorted(rng.sample(ids, count))
    members: dict[int, list[int]] = {pk: [] for pk in chosen}
    for household_id, resident_id in (
        HouseholdMembership.objects.current()
        .filter(household_id__in=chosen)
        .order_by("household_id", "resident__date_of_birth", "pk")
        .values_list("household_id", "resident_id")
    ):
        members[household_id].append(resident_id)
    return [(pk, members[pk]) for pk in chosen]


def _history_cases(ctx, rng):
    """Five cases of the demo coordinator, each with a five-year history."""
    from wijkkracht.accounts.models import User
    from wijkkracht.assessments.models import DomainScore, SelfRelianceAssessment
    from wijkkracht.cases.models import (
        Case,
        CaseStatus,
        CoordinatorChange,
        Escalation,
        NetworkMember,
        Note,
        Participant,
        TimelineEntry,
    )
    from wijkkracht.cases.opening import open_case
    from wijkkracht.households.models import Household
    from wijkkracht.plans.models import Goal, PlanAction, SupportPlan
    from wijkkracht.teams.models import Team

    coordinator = User.objects.get(username="regisseur")
    team = Team.objects.filter(teammembership__user=coordinator, kind="neighbourhood").first()
    expert = Team.objects.filter(municipality=ctx.municipality, kind="expert").first()
    colleagues = list(User.objects.filter(teammembership__team=team).exclude(pk=coordinator.pk)[:6])
    partners = (
        list(
            User.objects.filter(municipalities=ctx.municipality, organisation__isnull=False)
            .exclude(organisation=coordinator.organisation)
            .exclude(role__in=["resident", "partner_system", "privacy_officer", "functional_admin"])
            .select_related("organisation")[:6]
        )
        or colleagues
    )
    actors = [coordinator, *colleagues, *partners]
    now = dt.datetime.now(dt.UTC)
    start = now - dt.timedelta(days=365 * HISTORY_YEARS)
    cases = []
    for household_id, members in _free_households(ctx.municipality, HISTORY_CASES, rng):
        household = Household.objects.get(pk=household_id)
        case = open_case(household=household, team=team, coordinator=coordinator, actor=coordinator)
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.ACTIVE, opened_at=start)
        entries, notes, assessments, scores = [], [], [], []
        kinds = [k for k, share, _s in EVENT_KINDS for _ in range(int(share * 100))]
        for n, at in enumerate(_rng_dates(rng, start, now, 260)):
            kind = rng.choice(kinds)
            summaries = next(s for k, _share, s in EVENT_KINDS if k == kind)
            actor = rng.choice(actors)
            member = rng.choice(members) if members and rng.random() < 0.5 else None
            summary = rng.choice(summaries).format(n=n)
            entry = TimelineEntry(
                case=case, kind=kind, at=at, actor=actor, member_id=member, summary=summary
            )
            if kind == "note":
                sensitive = rng.random() < 0.2
                note = Note(
                    case=case,
                    author=actor,
                    member_id=member,
                    text=rng.choice(NOTES),
                    confidentiality="sensitive" if sensitive else "normal",
                    created_at=at,
                )
                notes.append(note)
                entry.summary = "Gevoelige notitie" if sensitive else "Notitie"
                entry.note = note
            if kind == "assessment" and members:
                assessment = SelfRelianceAssessment(
                    case=case,
                    member_id=member or members[0],
                    assessed_on=at.date(),
                    assessor=actor,
                )
                assessments.append(assessment)
            entries.append(entry)
        Note.objects.bulk_create(notes)
        for entry in entries:
            if entry.note is not None:
                entry.note_id = entry.note.pk
        TimelineEntry.objects.bulk_create(entries, batch_size=BATCH)
        SelfRelianceAssessment.objects.bulk_create(assessments)
        for assessment in assessments:
            scores += [
                DomainScore(assessment=assessment, domain=domain, score=rng.randint(1, 5))
                for domain in DOMAINS
            ]
        DomainScore.objects.bulk_create(scores, batch_size=BATCH)
        handovers = sorted(rng.sample(range(1, 365 * HISTORY_YEARS), 3))
        CoordinatorChange.objects.bulk_create(
            CoordinatorChange(
                case=case,
                from_user=rng.choice(colleagues) if colleagues else None,
                to_user=coordinator,
                changed_at=now - dt.timedelta(days=day),
                reason="Werkverdeling in het team",
                changed_by=coordinator,
            )
            for day in handovers
        )
        if expert is not None:
            Escalation.objects.bulk_create(
                [
                    Escalation(
                        case=case,
                        expert_team=expert,
                        reason="Zorgen over de veiligheid van de kinderen",
                        escalated_at=start + dt.timedelta(days=400),
                        escalated_by=coordinator,
                        deescalated_at=start + dt.timedelta(days=520),
                        deescalation_reason="Situatie stabiel",
                    )
                ]
            )
        Participant.objects.bulk_create(
            Participant(
                case=case,
                professional=partner,
                organisation=partner.organisation,
                role=role,
                since=(start + dt.timedelta(days=30 * i)).date(),
            )
            for i, (partner, role) in enumerate(
                zip(
                    partners[:3],
                    ("GGZ-behandelaar", "Schuldhulp", "Jeugdverpleegkundige"),
                    strict=False,
                )
            )
            if partner.organisation_id
        )
        NetworkMember.objects.bulk_create(
            NetworkMember(case=case, name=name, relation=relation, note=note)
            for name, relation, note in (
                ("Tante Els", "family", "Past op de kinderen"),
                ("Buurvrouw Ria", "neighbour", "Boodschappen"),
                ("Ahmed", "volunteer", "Maatje"),
                ("Opa Kees", "informal_carer", "Rijdt naar de huisarts"),
            )
        )
        plan = SupportPlan.objects.create(case=case, version=12, updated_by=coordinator)
        goal = Goal.objects.create(
            plan=plan, life_domain="finances", description="Schuldenvrij worden"
        )
        PlanAction.objects.create(goal=goal, what="Budgetcoach", performer_kind="professional")
        cases.append(case)
    return coordinator, cases


def _team_with_caseload(ctx, rng):
    """A new neighbourhood team of 25 (one lead) with 1,500 active cases."""
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkkracht.accounts.models import Role, User
    from wijkkracht.cases.models import Case, CaseStatus, Escalation, TimelineEntry
    from wijkkracht.involvements.models import Involvement
    from wijkkracht.plans.models import Goal, PlanAction, SupportPlan
    from wijkkracht.teams.models import Team, TeamMembership

    template = Team.objects.filter(municipality=ctx.municipality, kind="neighbourhood").first()
    expert = Team.objects.filter(municipality=ctx.municipality, kind="expert").first()
    team = Team.objects.create(
        municipality=ctx.municipality,
        name="Wijkteam Caseload (bench)",
        kind=Team.Kind.NEIGHBOURHOOD,
        organisation=template.organisation,
    )
    password = make_password("bench-not-for-login")
    people = []
    for i in range(TEAM_SIZE):
        user = User.objects.create(
            username=f"bench-caseload-{i:02d}",
            first_name="Prof",
            last_name=f"Bench {i:02d}",
            role=Role.TEAM_LEAD if i == 0 else Role.PROFESSIONAL,
            organisation=template.organisation,
            password=password,
        )
        user.municipalities.set([ctx.municipality])
        TeamMembership.objects.create(team=team, user=user, is_lead=i == 0)
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        people.append(user)
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    households = _free_households(ctx.municipality, TEAM_CASES, rng)
    cases = [
        Case(
            municipality=ctx.municipality,
            household_id=household_id,
            team=team,
            coordinator=people[i % TEAM_SIZE],
            status=CaseStatus.ACTIVE if rng.random() < 0.9 else CaseStatus.EVALUATION,
            opened_at=now - dt.timedelta(days=rng.randint(1, 3 * 365)),
        )
        for i, (household_id, _members) in enumerate(households)
    ]
    Case.objects.bulk_create(cases, batch_size=BATCH)
    cases = list(Case.objects.filter(team=team).order_by("pk"))
    first_member = dict(households)
    Involvement.objects.bulk_create(
        (
            Involvement(
                municipality=ctx.municipality,
                resident_id=first_member[case.household_id][0],
                household_id=case.household_id,
                professional=case.coordinator,
                team=team,
                organisation=template.organisation,
                reason="Regisseur van de casus",
                started_on=case.opened_at.date(),
                last_activity_at=now - dt.timedelta(days=rng.randint(0, 60)),
                grants_access=True,
            )
            for case in cases
        ),
        batch_size=BATCH,
    )
    with_plan = [case for case in cases if rng.random() < 0.85]
    SupportPlan.objects.bulk_create(
        (SupportPlan(case=case, version=rng.randint(1, 6)) for case in with_plan),
        batch_size=BATCH,
    )
    plans = list(SupportPlan.objects.filter(case__team=team))
    goals = [
        Goal(plan=plan, life_domain=rng.choice(DOMAINS), description="Doel", order=n)
        for plan in plans
        for n in range(rng.randint(1, 4))
    ]
    Goal.objects.bulk_create(goals, batch_size=BATCH)
    goals = list(Goal.objects.filter(plan__case__team=team).only("pk"))
    actions = [
        PlanAction(
            goal=goal,
            what="Actie",
            performer_kind=rng.choice(["resident", "network", "professional", "provider"]),
            due_on=today + dt.timedelta(days=rng.randint(-60, 90)),
            status=rng.choice(["open", "open", "open", "done"]),
            order=n,
        )
        for goal in goals
        for n in range(rng.randint(1, 3))
    ]
    PlanAction.objects.bulk_create(actions, batch_size=BATCH)
    entries = [
        TimelineEntry(
            case=case,
            kind=rng.choice(["contact", "contact", "note", "plan"]),
            at=now - dt.timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 600)),
            actor=case.coordinator,
            summary="Contact",
        )
        for case in cases
        for _ in range(rng.randint(2, 8))
    ]
    TimelineEntry.objects.bulk_create(entries, batch_size=BATCH)
    if expert is not None:
        Escalation.objects.bulk_create(
            Escalation(
                case=case,
                expert_team=expert,
                reason="Meervoudige problematiek",
                escalated_by=case.coordinator,
                escalated_at=now - dt.timedelta(days=rng.randint(1, 90)),
            )
            for case in cases
            if rng.random() < 0.05
        )
    return team, people


def run(ctx) -> dict:
    rng = random.Random(ctx.seed)
    started = time.perf_counter()
    coordinator, history = _history_cases(ctx, rng)
    team, people = _team_with_caseload(ctx, rng)
    generation_s = round(time.perf_counter() - started, 1)
    ctx.log(
        f"{len(history)} cases with a {HISTORY_YEARS}-year history and a team of "
        f"{len(people)} with {TEAM_CASES:,} cases generated in {generation_s} s"
    )
    ctx.analyze()
    return {**measure(ctx, coordinator, history, team, people), "generation_s": generation_s}


def existing(ctx):
    """The suite's data in a database where ``run`` already generated it (to measure
    again without generating): the coordinator, the history cases, the team and its
    people."""
    from django.db.models import Count

    from wijkkracht.accounts.models import User
    from wijkkracht.cases.models import Case
    from wijkkracht.teams.models import Team

    coordinator = User.objects.get(username="regisseur")
    history = sorted(
        Case.objects.filter(coordinator=coordinator)
        .annotate(n=Count("timeline"))
        .order_by("-n", "pk")[:HISTORY_CASES],
        key=lambda case: case.pk,
    )
    team = Team.objects.get(name="Wijkteam Caseload (bench)")
    people = list(User.objects.filter(username__startswith="bench-caseload-").order_by("username"))
    return coordinator, history, team, people


def measure(ctx, coordinator, history, team, people) -> dict:
    from wijkkracht.cases.models import TimelineEntry

    events = TimelineEntry.objects.filter(case__in=history).count() // len(history)

    client = ctx.client_for(coordinator)

    def get(c, url):
        response = c.get(url)
        assert response.status_code == 200, (url, response.status_code)

    pages = [f"/cases/{case.public_id}/" for case in history]
    filtered = []
    for case in history:
        member = case.household.members.first()
        filtered += [
            f"/cases/{case.public_id}/?kind=contact",
            f"/cases/{case.public_id}/?member={member.public_id}",
            f"/cases/{case.public_id}/?page=4",
        ]
    case_page = ctx.timed(lambda url: get(client, url), pages)
    case_page_filtered = ctx.timed(lambda url: get(client, url), filtered)
    # The change forms that list people or teams are pages of their own since the case
    # page links to them; measured here so that their cost stays in view.
    forms = [
        f"/cases/{case.public_id}/{path}"
        for case in history
        for path in ("hand-over/", "escalate/", "participants/", "network/", "close/")
    ]
    change_pages = ctx.timed(lambda url: get(client, url), forms)

    lead = ctx.client_for(people[0])
    team_pages = [f"/cases/caseload/team/{team.pk}/?page={n}" for n in range(1, 31)]
    caseload_team = ctx.timed(lambda url: get(lead, url), team_pages)
    clients = [ctx.client_for(person) for person in people]
    personal = [(c, f"/cases/caseload/?page={n}") for c in clients for n in (1, 2)]
    caseload_personal = ctx.timed(lambda item: get(*item), personal)
    return {
        "case_page": ctx.percentiles(case_page),
        "case_page_filtered": ctx.percentiles(case_page_filtered),
        "case_change_pages": ctx.percentiles(change_pages),
        "caseload_team": ctx.percentiles(caseload_team),
        "caseload_personal": ctx.percentiles(caseload_personal),
        "timeline_events_per_case": events,
    }
