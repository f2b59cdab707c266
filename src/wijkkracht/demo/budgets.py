"""Demo: the discretionary budget ("Hemelse Modder") of every neighbourhood team of the
demo municipality for this year: 5,000 euro per neighbourhood the team covers, 250 euro
per spend without approval, set by the demo policy analyst (``beleid``).

Spends run from 1 January to today in every purpose category, until roughly the part of
the year gone by times 80% of the budget (it was "not even used up"). Most are justified
and accepted; some justifications wait for review, some were sent back for more
information and some are overdue. Above the limit most were approved and paid, a few
rejected, and the recent ones wait for the team lead's approval. The demo coordinator
(``regisseur``) has spends for the households of their cases, a few overdue and a few
waiting for the demo team lead (``teamleider``). Written with ``bulk_create`` in batches,
the spends' history only in the two teams of the demo accounts: fast at 1,000,000
residents (about 15,000 spends)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.utils import timezone

BATCH = 5000
PER_NEIGHBOURHOOD = Decimal("5000.00")
SPEND_LIMIT = Decimal("250.00")
USED_SHARE = 0.8

# category: (weight, lowest, highest amount in euros)
CATEGORIES = {
    "groceries": (0.32, 20, 160),
    "arrears": (0.20, 60, 650),
    "transport": (0.12, 8, 90),
    "clothing_furnishing": (0.12, 35, 420),
    "children_school": (0.15, 15, 220),
    "other": (0.09, 10, 260),
}
TEXTS = {
    "groceries": (
        "Boodschappen voor het weekend (supermarkt).",
        "Er was geen eten in huis en de uitkering kwam pas na het weekend.",
        "Het gezin had te eten; maandag samen naar de voedselbank gegaan.",
    ),
    "arrears": (
        "Een deel van de huurachterstand betaald aan de woningcorporatie.",
        "Er dreigde een ontruiming; de uitkering was vertraagd.",
        "De ontruiming is van de baan; een betalingsregeling is afgesproken.",
    ),
    "transport": (
        "OV-kaart opgeladen voor de reis naar het UWV en de huisarts.",
        "Zonder vervoer kon de afspraak niet doorgaan.",
        "De afspraken zijn nagekomen; de uitkering loopt weer.",
    ),
    "clothing_furnishing": (
        "Een bed en beddengoed uit de kringloopwinkel.",
        "Na de verhuizing was er geen bed voor het kind.",
        "Het kind slaapt weer goed; school merkt het verschil.",
    ),
    "children_school": (
        "Schoolspullen en de ouderbijdrage voor het schoolreisje.",
        "Het kind zou anders thuis moeten blijven.",
        "Het kind ging mee met de klas.",
    ),
    "other": (
        "Kosten voor een nieuw identiteitsbewijs.",
        "Zonder geldig ID kon de bijstandsaanvraag niet verder.",
        "De aanvraag is ingediend.",
    ),
}
MORE_INFORMATION = "Graag het bonnetje erbij en wat er verder is afgesproken."
REJECTED = "Dit past bij de bijzondere bijstand; de aanvraag daarvoor is samen gedaan."


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    # Amounts like 42.35: whole euros mostly, cents sometimes (as in a till receipt).
    cents = rng.randint(low * 100, high * 100)
    if rng.random() < 0.6:
        cents -= cents % 100
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def generate(demo) -> dict[str, int]:
    from wijkkracht.budgets.models import (
        JUSTIFY_WITHIN_DAYS,
        Budget,
        JustificationStatus,
        Spend,
        SpendEvent,
        SpendStatus,
    )
    from wijkkracht.cases.models import Case
    from wijkkracht.teams.models import Team, TeamMembership

    rng = random.Random(f"budgets:{demo.code}:{demo.seed}")
    today = demo.today
    year = today.year
    first_day = dt.date(year, 1, 1)
    days_gone = (today - first_day).days + 1
    share_of_year = days_gone / (366 if year % 4 == 0 else 365)
    now = timezone.now()
    policy = demo.demo_users.get("beleid")
    if policy is None or not demo.teams:
        return {}

    covered = dict.fromkeys((t.pk for t in demo.teams), 0)
    for team_id in Team.neighbourhoods.through.objects.filter(
        team_id__in=list(covered)
    ).values_list("team_id", flat=True):
        covered[team_id] += 1
    budgets = [
        Budget(
            public_id=_uuid(rng),
            municipality=demo.municipality,
            team=team,
            year=year,
            amount=PER_NEIGHBOURHOOD * max(1, covered[team.pk]),
            spend_limit=SPEND_LIMIT,
            created_by=policy,
            created_at=timezone.make_aware(dt.datetime(year, 1, 2, 9, 0)),
        )
        for team in demo.teams
    ]
    Budget.objects.bulk_create(budgets, batch_size=BATCH)

    # Spenders and leads per team (the demo accounts are in the first team).
    memberships: dict[int, list[tuple[int, bool]]] = {}
    for team_id, user_id, is_lead in TeamMembership.objects.filter(
        team_id__in=list(covered)
    ).values_list("team_id", "user_id", "is_lead"):
        memberships.setdefault(team_id, []).append((user_id, is_lead))
    households_of_team: dict[int, list[int]] = {}
    for household_id, _head, nb in demo.involved:
        team = demo.teams[demo.team_of_neighbourhood[nb]]
        households_of_team.setdefault(team.pk, []).append(household_id)
    coordinator = demo.demo_users.get("regisseur")
    lead_user = demo.demo_users.get("teamleider")
    coordinator_cases = (
        list(Case.objects.filter(coordinator=coordinator).values_list("pk", "household_id"))
        if coordinator
        else []
    )

    used: dict[int, Decimal] = {}
    names = list(CATEGORIES)
    weights = [CATEGORIES[c][0] for c in names]
    spends: list[Spend] = []
    events: list[tuple[int, str, dt.datetime, int, str]] = []  # (spend index, kind, at, actor)

    def add(budget, category, amount, day, spender, lead, *, case=None, household=None):
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 17), 0)))
        spend = Spend(
            public_id=_uuid(rng),
            budget=budget,
            amount=amount,
            category=category,
            spent_on=day,
            status=SpendStatus.PAID,
            spent_by_id=spender,
            created_at=at,
            case_id=case,
            household_id=household,
            justification_status=JustificationStatus.NOT_DUE,
        )
        i = len(spends)
        spends.append(spend)
        age = (today - day).days
        above = amount > budget.spend_limit
        if above:
            events.append((i, "requested", at, spender, ""))
            if age < 10 or lead is None:
                spend.status = SpendStatus.PENDING
                return spend
            decided = at + dt.timedelta(hours=rng.randint(2, 30))
            spend.decided_by_id, spend.decided_at = lead, decided
            if rng.random() < 0.12:
                spend.status = SpendStatus.REJECTED
                spend.rejection_reason = REJECTED
                events.append((i, "rejected", decided, lead, REJECTED))
                return spend
            events.append((i, "approved", decided, lead, ""))
            day = min(today, day + dt.timedelta(days=rng.randint(0, 2)))
            spend.spent_on = day
            at = max(decided, timezone.make_aware(dt.datetime.combine(day, dt.time(16, 0))))
            events.append((i, "paid", at, spender, ""))
        else:
            events.append((i, "spent", at, spender, ""))
        spend.paid_at = at
        spend.justification_due = day + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
        what, why, effect = TEXTS[category]
        overdue = spend.justification_due < today
        roll = rng.random()
        if not overdue:
            state = "submitted" if roll < 0.4 else "due"
        elif roll < 0.78 or lead is None:
            state = "accepted" if lead is not None else "submitted"
        elif roll < 0.86:
            state = "submitted"
        elif roll < 0.90:
            state = "more_information"
        else:
            state = "due"  # overdue
        if state == "due":
            spend.justification_status = JustificationStatus.DUE
            return spend
        justified = min(now, at + dt.timedelta(days=rng.randint(1, JUSTIFY_WITHIN_DAYS)))
        spend.what, spend.why, spend.effect = what, why, effect
        spend.justified_at = justified
        events.append((i, "justified", justified, spender, ""))
        spend.justification_status = JustificationStatus.SUBMITTED
        if state in ("accepted", "more_information"):
            reviewed = min(now, justified + dt.timedelta(days=rng.randint(1, 5)))
            spend.reviewed_by_id, spend.reviewed_at = lead, reviewed
            if state == "accepted":
                spend.justification_status = JustificationStatus.ACCEPTED
                events.append((i, "accepted", reviewed, lead, ""))
            else:
                spend.justification_status = JustificationStatus.MORE_INFORMATION
                spend.review_note = MORE_INFORMATION
                spend.justification_due = reviewed.date() + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
                events.append((i, "more_information", reviewed, lead, MORE_INFORMATION))
        return spend

    for budget in budgets:
        members = memberships.get(budget.team_id, [])
        leads = [u for u, is_lead in members if is_lead]
        spenders = [u for u, is_lead in members if not is_lead] or [u for u, _l in members]
        if not spenders:
            continue
        lead = leads[0] if leads else None
        households = households_of_team.get(budget.team_id, [])
        target = budget.amount * Decimal(str(round(share_of_year * USED_SHARE, 4)))
        used[budget.pk] = Decimal("0.00")
        while used[budget.pk] < target:
            category = rng.choices(names, weights)[0]
            _w, low, high = CATEGORIES[category]
            amount = _amount(rng, low, high)
            if used[budget.pk] + amount > budget.amount:
                break
            day = first_day + dt.timedelta(days=rng.randrange(days_gone))
            household = rng.choice(households) if households and rng.random() < 0.4 else None
            spend = add(
                budget, category, amount, day, rng.choice(spenders), lead, household=household
            )
            if spend.status != SpendStatus.REJECTED:
                used[budget.pk] += amount

    # The demo accounts' own work: the coordinator's spends for their case households,
    # a few overdue, a few waiting for the demo team lead.
    first = budgets[0]
    if coordinator and lead_user and first.team_id == demo.teams[0].pk:
        cases = coordinator_cases or [(None, None)]
        plan = [
            ("groceries", Decimal("64.80"), 40),
            ("transport", Decimal("22.50"), 31),
            ("children_school", Decimal("85.00"), 25),
            ("groceries", Decimal("48.15"), 9),
            ("arrears", Decimal("480.00"), 3),
            ("clothing_furnishing", Decimal("310.00"), 1),
            ("arrears", Decimal("395.00"), 0),
        ]
        for n, (category, amount, age) in enumerate(plan):
            if used.get(first.pk, Decimal("0")) + amount > first.amount:
                continue
            used[first.pk] = used.get(first.pk, Decimal("0")) + amount
            day = max(first_day, today - dt.timedelta(days=age))
            case, household = cases[n % len(cases)]
            spend = add(
                first,
                category,
                amount,
                day,
                coordinator.pk,
                lead_user.pk,
                case=case,
                household=household,
            )
            if age > 20 and spend.status == SpendStatus.PAID:  # overdue, not yet justified
                spend.justification_status = JustificationStatus.DUE
                spend.what = spend.why = spend.effect = ""
                spend.justified_at = spend.reviewed_at = spend.reviewed_by_id = None
                spend.review_note = ""
                spend.justification_due = day + dt.timedelta(days=JUSTIFY_WITHIN_DAYS)
                index = len(spends) - 1
                events[:] = [
                    e
                    for e in events
                    if not (e[0] == index and e[1] in ("justified", "accepted", "more_information"))
                ]

    Spend.objects.bulk_create(spends, batch_size=BATCH)
    # History lines only where someone can read them: the teams of the demo accounts
    # (generated staff cannot log in). Keeps the demo fast at a million residents.
    readable = {t.pk for t in demo.teams[:2]}
    SpendEvent.objects.bulk_create(
        [
            SpendEvent(spend_id=spends[i].pk, kind=kind, at=at, actor_id=actor, note=note)
            for i, kind, at, actor, note in events
            if spends[i].budget.team_id in readable
        ],
        batch_size=BATCH,
    )
    return {
        "budgets": len(budgets),
        "budget_spends": len(spends),
        "budget_spends_pending": sum(s.status == SpendStatus.PENDING for s in spends),
        "budget_justifications_overdue": sum(
            s.justification_status
            in (JustificationStatus.DUE, JustificationStatus.MORE_INFORMATION)
            and s.justification_due is not None
            and s.justification_due < today
            for s in spends
        ),
    }


def delete(municipality) -> None:
    from wijkkracht.budgets.models import Budget, Spend, SpendEvent

    SpendEvent.objects.filter(spend__budget__municipality=municipality).delete()
    Spend.objects.filter(budget__municipality=municipality).delete()
    Budget.objects.filter(municipality=municipality).delete()
