"""Demo: decisions (beschikkingen) on the custom provisions of the demo catalogue, with
their history, 301 assignments and the reminders of today.

About 6 custom provisions per 100 residents, over the laws of the catalogue: most granted
and in force (some ending within 8 weeks, so reminders and tasks show), some requested and
waiting (a few past the legal time limit), some refused, changed, ended or expired. The
demo coordinator's case households get a few of their own. The decision officer is the
demo account ``beschikker``. Bulk inserts in batches: fast at 1,000,000 residents.
``bulk_decisions`` is also used by the benchmark (bench/suites/decisions.py)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

PER_HUNDRED = 6
BATCH = 5000
FIVE_ANSWERS = [
    {"key": "involvement", "answer": "De inwoner heeft zelf om deze hulp gevraagd."},
    {"key": "expected_effect", "answer": "Meer grip op het dagelijks leven binnen een half jaar."},
    {"key": "cost", "answer": "Volgens het tarief van de gemeente."},
    {
        "key": "legal_basis",
        "answer": "Maatwerkvoorziening; de algemene voorziening is niet genoeg.",
    },
    {"key": "lasting_solution", "answer": "Daarna helpen het netwerk en de buurt verder."},
]
REFUSAL = (
    "U kunt eerst gebruik maken van de inloop in het buurthuis. Die is gratis en dichtbij. "
    "Lukt dat niet, dan kijken we opnieuw."
)
# (status, share): the rest is granted and in force.
MIX = (
    ("requested", 0.05),
    ("refused", 0.05),
    ("withdrawn", 0.01),
    ("changed", 0.06),
    ("ended", 0.04),
    ("expired", 0.10),
)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _status(rng: random.Random) -> str:
    value, acc = rng.random(), 0.0
    for status, share in MIX:
        acc += share
        if value < acc:
            return status
    return "granted"


class _Catalogue:
    """The demo's custom provisions with their contracted providers."""

    def __init__(self, municipality, today):
        from wijkkracht.provisions.models import Contract, Provision, ProvisionKind

        self.items = []
        provisions = Provision.objects.filter(
            municipality=municipality, kind=ProvisionKind.CUSTOM, is_active=True
        ).exclude(law="")
        providers: dict[int, list[int]] = {}
        for provision_id, provider_id in (
            Contract.objects.current(today)
            .filter(provision__in=provisions)
            .values_list("provision_id", "provider_id")
        ):
            providers.setdefault(provision_id, []).append(provider_id)
        for provision in provisions.order_by("pk"):
            if providers.get(provision.pk):
                self.items.append((provision, sorted(providers[provision.pk])))


def _requesters(municipality) -> dict[int, list[int]]:
    """Neighbourhood id -> professionals of the team covering it."""
    from wijkkracht.accounts.models import Role
    from wijkkracht.teams.models import Team, TeamMembership

    members: dict[int, list[int]] = {}
    for team_id, user_id in TeamMembership.objects.filter(
        team__municipality=municipality,
        user__role__in=[Role.PROFESSIONAL, Role.TEAM_LEAD],
        user__is_active=True,
    ).values_list("team_id", "user_id"):
        members.setdefault(team_id, []).append(user_id)
    result: dict[int, list[int]] = {}
    for nb_id, team_id in Team.neighbourhoods.through.objects.filter(
        team__municipality=municipality
    ).values_list("neighbourhood_id", "team_id"):
        if members.get(team_id):
            result.setdefault(nb_id, []).extend(members[team_id])
    return result


def bulk_decisions(
    *,
    municipality,
    count: int,
    officer,
    fallback_requester,
    seed: int,
    today: dt.date | None = None,
    cases: dict[int, tuple[int, int]] | None = None,
    showcase: set[int] | None = None,
) -> dict[str, int]:
    """Create about ``count`` decisions for residents of ``municipality`` (spread over the
    current household members), with history and 301 assignments. ``cases``: household id
    -> (case id, coordinator id) to link to; ``showcase``: household ids that get one
    decision each that shows in the demo (ending soon or waiting). Returns counts."""
    from wijkkracht.decisions.deadlines import DEFAULTS, Limits
    from wijkkracht.decisions.models import Decision, DecisionEvent
    from wijkkracht.households.models import HouseholdMembership

    today = today or timezone.localdate()
    catalogue = _Catalogue(municipality, today).items
    if not catalogue or count <= 0:
        return {"decisions": 0}
    # The decisions already there are part of the seed: a second batch gets new ids.
    existing = Decision.objects.filter(municipality=municipality).count()
    rng = random.Random(f"decisions:{municipality.code}:{seed}:{count}:{existing}")
    now = timezone.now()
    requesters = _requesters(municipality)
    cases = cases or {}
    showcase = set(showcase or ())
    memberships = HouseholdMembership.objects.current().filter(household__municipality=municipality)
    total = memberships.count()
    if not total:
        return {"decisions": 0}
    rate = count / total
    created = {"decisions": 0, "allocations": 0}
    pending: list[Decision] = []

    def flush():
        if not pending:
            return
        Decision.objects.bulk_create(pending, batch_size=BATCH)
        batch = Decision.objects.filter(pk__in=[d.pk for d in pending])
        # The request and decision steps and the 301 assignments follow from the rows just
        # written: INSERT ... SELECT, no Python objects per row.
        _events_from(batch)
        later = []
        for d in pending:
            if d.status == "changed":
                later.append(
                    DecisionEvent(
                        decision_id=d.pk,
                        step="change",
                        from_status="granted",
                        to_status="changed",
                        at=d.decided_at + dt.timedelta(days=30),
                        actor_id=d.decided_by_id,
                        reason="Verlengd na evaluatie",
                        change_reason="04",
                    )
                )
            elif d.status in ("ended", "expired"):
                later.append(
                    DecisionEvent(
                        decision_id=d.pk,
                        step="end" if d.status == "ended" else "expire",
                        from_status="granted",
                        to_status=d.status,
                        at=timezone.make_aware(dt.datetime.combine(d.end_date, dt.time(2))),
                        actor_id=d.decided_by_id if d.status == "ended" else None,
                        reason="Doel bereikt" if d.status == "ended" else "",
                        change_reason=d.end_reason,
                    )
                )
        DecisionEvent.objects.bulk_create(later, batch_size=BATCH)
        created["allocations"] += _allocations_from(batch)
        created["decisions"] += len(pending)
        pending.clear()

    rows = memberships.values_list(
        "resident_id", "household_id", "household__address__neighbourhood_id"
    ).order_by("pk")
    for resident_id, household_id, nb_id in rows.iterator(chunk_size=20_000):
        case = cases.get(household_id)
        n = int(rate) + (1 if rng.random() < rate - int(rate) else 0)
        shown = household_id in showcase
        if shown:
            showcase.discard(household_id)  # one member per household
            n = max(n, 1)
        for i in range(n):
            provision, providers = rng.choice(catalogue)
            status = _status(rng)
            if shown and i == 0:
                status = "requested" if rng.random() < 0.3 else "ending_soon"
            pending.append(
                _decision(
                    rng,
                    municipality=municipality,
                    resident_id=resident_id,
                    household_id=household_id,
                    case=case,
                    requester=rng.choice(requesters.get(nb_id) or [fallback_requester.pk]),
                    officer=officer,
                    provision=provision,
                    provider_id=rng.choice(providers),
                    status=status,
                    today=today,
                    now=now,
                    limits=DEFAULTS.get(provision.law, Limits(56)),
                )
            )
        if len(pending) >= BATCH:
            flush()
    flush()
    return created


def _events_from(batch) -> None:
    from django.db.models import Case, CharField, F, JSONField, Value, When

    from wijkkracht.decisions.models import DecisionEvent
    from wijkkracht.decisions.reminders import _insert_select

    columns = [
        "decision_id",
        "step",
        "from_status",
        "to_status",
        "at",
        "actor_id",
        "before",
        "after",
        "reason",
        "change_reason",
    ]

    def text(value):
        return Value(value, output_field=CharField())

    empty = Value({}, output_field=JSONField())
    requested = batch.annotate(
        c1=F("pk"),
        c2=text("request"),
        c3=text(""),
        c4=text("requested"),
        c5=F("requested_at"),
        c6=F("requested_by_id"),
        c7=empty,
        c8=empty,
        c9=text(""),
        c10=text(""),
    ).values_list(*[f"c{i}" for i in range(1, 11)])
    _insert_select(DecisionEvent, columns, requested)
    refused = When(status="refused", then=text("refused"))
    decided = (
        batch.filter(decided_at__isnull=False)
        .annotate(
            c1=F("pk"),
            c2=Case(When(status="refused", then=text("refuse")), default=text("grant")),
            c3=text("requested"),
            c4=Case(refused, default=text("granted")),
            c5=F("decided_at"),
            c6=F("decided_by_id"),
            c7=empty,
            c8=empty,
            c9=F("refusal_reason"),
            c10=text(""),
        )
        .values_list(*[f"c{i}" for i in range(1, 11)])
    )
    _insert_select(DecisionEvent, columns, decided)


def _allocations_from(batch) -> int:
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.functions import TruncDate

    from wijkkracht.decisions.allocation import MESSAGE_CODES
    from wijkkracht.decisions.models import Allocation
    from wijkkracht.decisions.reminders import _insert_select

    granted = (
        batch.filter(
            start_date__isnull=False,
            law__in=list(MESSAGE_CODES),
        )
        .exclude(provision__product_category="")
        .annotate(
            c1=F("pk"),
            c2=F("provision__product_category"),
            c3=F("provision__product_code"),
            c4=TruncDate("decided_at"),
            c5=F("start_date"),
            c6=F("end_date"),
            c7=F("volume"),
            c8=F("unit"),
            c9=F("frequency"),
            c10=F("provider_id"),
            c11=Case(
                When(status="changed", then=Value("04", output_field=CharField())),
                default=F("end_reason"),
            ),
            c12=F("decided_at"),
        )
        .values_list(*[f"c{i}" for i in range(1, 13)])
    )
    return _insert_select(
        Allocation,
        [
            "decision_id",
            "product_category",
            "product_code",
            "allocated_on",
            "start_date",
            "end_date",
            "volume",
            "unit",
            "frequency",
            "provider_id",
            "change_reason",
            "created_at",
        ],
        granted,
    )


def _decision(
    rng,
    *,
    municipality,
    resident_id,
    household_id,
    case,
    requester,
    officer,
    provision,
    provider_id,
    status,
    today,
    now,
    limits,
):
    from wijkkracht.decisions.models import Decision

    unit = provision.unit or "04"
    volume = Decimal(rng.choice((1, 2, 3, 4, 6, 8)))
    frequency = "6" if unit in ("82", "83") else rng.choice("2222241")
    if status == "requested":
        requested_on = today - dt.timedelta(days=rng.randint(0, limits.decide_within_days + 10))
    else:
        requested_on = today - dt.timedelta(days=rng.randint(20, 700))
    requested_at = timezone.make_aware(
        dt.datetime.combine(requested_on, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    )
    decision = Decision(
        public_id=_uuid(rng),
        municipality=municipality,
        resident_id=resident_id,
        household_id=household_id,
        case_id=case[0] if case else None,
        provision=provision,
        law=provision.law,
        status=status,
        requested_at=requested_at,
        requested_by_id=(case[1] if case else requester),
        decide_by=requested_on + dt.timedelta(days=limits.decide_within_days),
        requested_volume=volume,
        requested_unit=unit,
        requested_frequency=frequency,
        preferred_provider_id=provider_id if rng.random() < 0.4 else None,
        motivation="Het lukt niet met alleen het netwerk en de algemene voorzieningen.",
        five_questions=FIVE_ANSWERS,
    )
    decision._provision = provision
    if status in ("requested", "withdrawn"):
        return decision
    decided_on = min(today, requested_on + dt.timedelta(days=rng.randint(3, 14)))
    decision.decided_at = timezone.make_aware(dt.datetime.combine(decided_on, dt.time(11)))
    decision.decided_by = officer
    if status == "refused":
        decision.refusal_reason = REFUSAL
        return decision
    ending_soon = status == "ending_soon"
    if ending_soon:
        decision.status = status = "granted"
    start = decided_on + dt.timedelta(days=rng.randint(0, 7))
    if status == "expired":
        end = today - dt.timedelta(days=rng.randint(1, 200))
        start = min(start, end - dt.timedelta(days=30))
    elif status == "ended":
        end = max(start, today - dt.timedelta(days=rng.randint(0, 60)))
        decision.end_reason = rng.choice(("05", "07", "09", "02"))
    elif ending_soon or rng.random() < 0.12:  # ends within the reminder period
        end = today + dt.timedelta(days=rng.randint(0, 55))
    else:
        end = today + dt.timedelta(days=rng.randint(57, 540))
    decision.start_date = min(start, end)
    decision.end_date = end
    decision.volume, decision.unit, decision.frequency = volume, unit, frequency
    decision.provider_id = provider_id
    return decision


def generate(demo) -> dict[str, int]:
    from wijkkracht.cases.models import Case
    from wijkkracht.decisions.reminders import create_reminders

    municipality = demo.municipality
    officer = demo.demo_users.get("beschikker")
    if officer is None:
        return {"decisions": 0}
    cases = {
        household_id: (case_id, coordinator_id)
        for household_id, case_id, coordinator_id in Case.objects.filter(municipality=municipality)
        .exclude(status="closed")
        .values_list("household_id", "pk", "coordinator_id")
    }
    coordinator_id = demo.coordinator_user.pk
    showcase = {h for h, (_case, coordinator) in cases.items() if coordinator == coordinator_id}
    counts = bulk_decisions(
        municipality=municipality,
        count=round(demo.total * PER_HUNDRED / 100),
        officer=officer,
        fallback_requester=demo.coordinator_user,
        seed=demo.seed,
        today=demo.today,
        cases=cases,
        showcase=showcase,
    )
    if counts["decisions"]:
        from wijkkracht.decisions.models import Allocation, Decision, DecisionEvent
        from wijkkracht.demo.statistics import analyze

        analyze(Decision, DecisionEvent, Allocation)
        run = create_reminders(today=demo.today)
        counts["decision_reminders"] = run.reminders
    return counts


def delete(municipality) -> None:
    from wijkkracht.decisions.models import (
        Allocation,
        Decision,
        DecisionEvent,
        DecisionTask,
        LawSettings,
        LetterSettings,
        Reminder,
        ResidentNotice,
    )

    of_municipality = Q(decision__municipality=municipality)
    for model in (DecisionTask, ResidentNotice, Reminder, DecisionEvent, Allocation):
        model.objects.filter(of_municipality).delete()
    decisions = Decision.objects.filter(municipality=municipality)
    decisions._raw_delete(decisions.db)  # what refers to them is deleted above
    LawSettings.objects.filter(municipality=municipality).delete()
    LetterSettings.objects.filter(municipality=municipality).delete()
