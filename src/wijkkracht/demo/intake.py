"""Demo support questions: plausible questions in Dutch for the demo municipality,
received over the last twelve months through every channel, routed as
``intake.routing`` would (address → neighbourhood → the team with the lowest id; no
address → the municipality-wide intake queue), most with a first contact within the
service level, some overdue, most of the older ones closed with an outcome.

Written with ``bulk_create`` from one seeded ``random.Random``: 50,000 questions take
seconds. No audit lines per question (the demo generation writes one line)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from wijkkracht.core.working_days import add_working_days, is_working_day
from wijkkracht.households.models import HouseholdMembership
from wijkkracht.intake.models import (
    REFERENCE_ALPHABET,
    Channel,
    ContactPreference,
    IntakeOutcome,
    Status,
    SupportRequest,
)
from wijkkracht.organisations.models import Organisation
from wijkkracht.teams.models import Team, TeamMembership

BATCH = 2000
QUESTIONS_PER_RESIDENT = 1 / 20
CHANNELS = (
    (Channel.PORTAL, 0.28),
    (Channel.PHONE, 0.22),
    (Channel.DESK, 0.08),
    (Channel.PARTNER, 0.14),
    (Channel.SCHOOL, 0.08),
    (Channel.GP, 0.09),
    (Channel.POLICE, 0.04),
    (Channel.OWN_OBSERVATION, 0.07),
)
OUTCOMES = (
    (IntakeOutcome.ANSWERED, 0.45),
    (IntakeOutcome.CASE_OPENED, 0.25),
    (IntakeOutcome.REFERRED, 0.30),
)
# (text, life domains)
TEMPLATES = (
    ("Ik kan mijn rekeningen niet meer betalen en krijg steeds aanmaningen.", ["finances"]),
    (
        "Wij hebben een huurachterstand en zijn bang dat we uit huis moeten.",
        ["housing", "finances"],
    ),
    ("Mijn moeder wordt vergeetachtig en redt het thuis niet meer alleen.", ["basic_adl"]),
    ("Ik voel me erg eenzaam sinds mijn man is overleden.", ["social_network"]),
    ("Onze zoon gaat al weken niet naar school.", ["work_education", "domestic_relations"]),
    ("Ik ben mijn baan kwijt en weet niet hoe ik een uitkering aanvraag.", ["work_education"]),
    ("Er is veel ruzie thuis en de kinderen lijden eronder.", ["domestic_relations"]),
    ("Ik heb hulp nodig bij het invullen van formulieren van de gemeente.", ["instrumental_adl"]),
    ("Mijn buurman drinkt veel en maakt 's nachts lawaai.", ["substance_use"]),
    ("Ik zorg voor mijn zieke partner en het wordt me te veel.", ["mental_health"]),
    ("Ik zoek vrijwilligerswerk of een plek om overdag naartoe te gaan.", ["time_use"]),
    (
        "Ons huis is te klein en vochtig, de kinderen zijn vaak ziek.",
        ["housing", "physical_health"],
    ),
    ("Ik heb schulden bij verschillende instanties en overzie het niet meer.", ["finances"]),
    ("Mijn dochter heeft een beperking; welke ondersteuning is er?", ["basic_adl"]),
    ("Ik slaap slecht en pieker de hele dag.", ["mental_health"]),
    ("Wij krijgen een brief van de deurwaarder, wat moeten we doen?", ["finances", "justice"]),
    (
        "Ik wil graag meedoen in de buurt maar weet niet waar ik moet beginnen.",
        ["social_participation"],
    ),
    ("Mijn vader kan niet meer zelf boodschappen doen.", ["instrumental_adl"]),
    ("De school maakt zich zorgen over de thuissituatie van een leerling.", ["domestic_relations"]),
    (
        "De huisarts verwijst: patiënt heeft hulp nodig bij de administratie.",
        ["instrumental_adl", "finances"],
    ),
)
FIRST_CONTACT_NOTES = (
    "Gebeld en een afspraak gemaakt voor een gesprek.",
    "Huisbezoek gedaan, situatie besproken.",
    "Gesprek aan de balie, vraag verhelderd.",
    "Per e-mail gereageerd en informatie gestuurd.",
)
OUTCOME_REASONS = {
    IntakeOutcome.ANSWERED: (
        "Informatie gegeven over het inloopspreekuur.",
        "Advies gegeven; inwoner gaat zelf verder.",
        "Verwezen naar het maatjesproject in de buurt.",
    ),
    IntakeOutcome.CASE_OPENED: (
        "Meerdere leefgebieden; gezinsplan nodig.",
        "Zorgen over de kinderen; regisseur aangewezen.",
    ),
    IntakeOutcome.REFERRED: (
        "Doorverwezen naar schuldhulpverlening.",
        "Doorverwezen naar de huisarts.",
        "Doorverwezen naar de woningcorporatie.",
    ),
}
CONTACT_METHODS = (
    ContactPreference.PHONE,
    ContactPreference.PHONE,
    ContactPreference.VISIT,
    ContactPreference.EMAIL,
)
LATE_SHARE = 0.08  # first contact after the service level
NO_ADDRESS_SHARE = 0.12
MATCHED_SHARE = 0.35  # matched to the registry by a professional


def _pick(rng: random.Random, weighted):
    value, acc = rng.random(), 0.0
    for item, share in weighted:
        acc += share
        if value < acc:
            return item
    return weighted[-1][0]


def default_count(residents: int) -> int:
    return max(1, round(residents * QUESTIONS_PER_RESIDENT))


def ensure_intake_team(municipality, *, members=(), leads=()) -> Team:
    """The municipality-wide intake team (front door), with the given members and leads."""
    team = Team.objects.filter(municipality=municipality, kind=Team.Kind.INTAKE).first()
    if team is None:
        organisation = (
            Organisation.objects.filter(
                municipalities=municipality, kind=Organisation.Kind.MUNICIPALITY
            )
            .order_by("pk")
            .first()
        )
        team = Team.objects.create(
            municipality=municipality,
            kind=Team.Kind.INTAKE,
            organisation=organisation,
            name=f"Eén toegang {municipality.name}",
        )
    for user, lead in [*((u, False) for u in members), *((u, True) for u in leads)]:
        TeamMembership.objects.update_or_create(team=team, user=user, defaults={"is_lead": lead})
    return team


@dataclass
class _Home:
    address_id: int
    postcode: str
    house_number: int
    addition: str
    neighbourhood_id: int | None
    resident_id: int
    name: str
    born: dt.date


def generate_questions(
    *, municipality, count: int, seed: int = 1, now: dt.datetime | None = None
) -> int:
    """Create ``count`` questions for ``municipality``; returns the number created."""
    if count <= 0:
        return 0
    rng = random.Random(f"{municipality.code}:questions:{seed}")
    now = now or timezone.now()
    homes = []
    heads = (
        HouseholdMembership.objects.current()
        .filter(household__municipality=municipality, relation=HouseholdMembership.Relation.HEAD)
        .values_list(
            "household__address_id",
            "household__address__postcode",
            "household__address__house_number",
            "household__address__house_letter",
            "household__address__house_number_addition",
            "household__address__neighbourhood_id",
            "resident_id",
            "resident__given_names",
            "resident__surname_prefix",
            "resident__surname",
            "resident__date_of_birth",
        )
    )
    for (
        address,
        postcode,
        number,
        letter,
        addition,
        nb,
        resident,
        given,
        prefix,
        surname,
        born,
    ) in heads.iterator(chunk_size=10_000):
        name = " ".join(part for part in (given.split(" ")[0], prefix, surname) if part)
        homes.append(_Home(address, postcode, number, letter + addition, nb, resident, name, born))
    team_of = dict(
        Team.objects.filter(municipality=municipality, kind=Team.Kind.NEIGHBOURHOOD)
        .values("neighbourhoods")
        .annotate(team=Min("pk"))
        .values_list("neighbourhoods", "team")
    )
    members: dict[int | None, list[int]] = {}
    for team_id, user_id, kind in TeamMembership.objects.filter(
        team__municipality=municipality
    ).values_list("team_id", "user_id", "team__kind"):
        members.setdefault(None if kind == Team.Kind.INTAKE else team_id, []).append(user_id)
    referrers = list(
        Organisation.objects.filter(municipalities=municipality).values_list("pk", flat=True)
    )
    due_of: dict[dt.date, dt.date] = {}
    days = municipality.first_contact_days
    taken = set()
    rows = []
    created = 0
    for _ in range(count):
        received = now - dt.timedelta(seconds=rng.randint(0, 365 * 86400))
        received_day = timezone.localdate(received)
        if received_day not in due_of:
            due_of[received_day] = add_working_days(received_day, days)
        due = due_of[received_day]
        channel = _pick(rng, CHANNELS)
        text, domains = rng.choice(TEMPLATES)
        home = None if rng.random() < NO_ADDRESS_SHARE or not homes else rng.choice(homes)
        team_id = team_of.get(home.neighbourhood_id) if home and home.neighbourhood_id else None
        handlers = members.get(team_id) or []
        # When is the first contact made? Most within the service level, some late.
        if rng.random() < LATE_SHARE:
            delay = days + rng.randint(1, 8)
        else:
            delay = rng.choice((0, 1, 1, 2, 2, 3, 3, 4, days))
        contact_day = add_working_days(received_day, delay) if delay else received_day
        contact_at = _during_office_hours(rng, contact_day, received)
        if rng.random() < 0.004:  # a few forgotten ones: never contacted
            contact_at = None
        if contact_at is not None and contact_at > now:
            contact_at = None
        status = Status.NEW
        assigned = None
        if handlers and (contact_at is not None or rng.random() < 0.6):
            assigned = rng.choice(handlers)
            status = Status.ASSIGNED
        outcome, reason, closed_at = "", "", None
        if contact_at is not None:
            status = Status.CONTACTED
            closed_at = contact_at + dt.timedelta(days=rng.randint(0, 30), hours=rng.randint(0, 6))
            if closed_at <= now:
                status = Status.CLOSED
                outcome = _pick(rng, OUTCOMES)
                reason = rng.choice(OUTCOME_REASONS[outcome])
            else:
                closed_at = None
        matched = home is not None and rng.random() < MATCHED_SHARE
        rows.append(
            SupportRequest(
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                reference=_reference(rng, taken),
                municipality=municipality,
                channel=channel,
                status=status,
                received_at=received,
                description=text,
                life_domains=sorted(domains),
                name=home.name if home and rng.random() < 0.9 else "",
                date_of_birth=home.born if home and rng.random() < 0.4 else None,
                postcode=home.postcode if home else "",
                house_number=home.house_number if home else None,
                house_number_addition=home.addition if home else "",
                contact_preference=rng.choice(CONTACT_METHODS),
                consent_to_contact=True,
                referrer_organisation_id=rng.choice(referrers)
                if channel in (Channel.PARTNER, Channel.SCHOOL, Channel.GP, Channel.POLICE)
                and referrers
                else None,
                address_id=home.address_id if home else None,
                team_id=team_id,
                routing_note="Buurt van het adres." if team_id else "Intakewachtrij.",
                resident_id=home.resident_id if matched else None,
                assigned_to_id=assigned,
                first_contact_due=due,
                first_contact_at=contact_at,
                first_contact_method=rng.choice(CONTACT_METHODS) if contact_at else "",
                first_contact_note=rng.choice(FIRST_CONTACT_NOTES) if contact_at else "",
                outcome=outcome,
                outcome_reason=reason,
                closed_at=closed_at,
            )
        )
        if len(rows) >= BATCH:
            SupportRequest.objects.bulk_create(rows)
            created += len(rows)
            rows = []
    SupportRequest.objects.bulk_create(rows)
    return created + len(rows)


def _during_office_hours(rng: random.Random, day: dt.date, received: dt.datetime):
    if day == timezone.localdate(received):
        return received + dt.timedelta(minutes=rng.randint(20, 240))
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    moment = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _reference(rng: random.Random, taken: set[str]) -> str:
    while True:
        code = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"HV-{code[:4]}-{code[4:]}"
        if reference not in taken:
            taken.add(reference)
            return reference


def delete_questions(municipality) -> None:
    """Delete the demo municipality's questions (they protect teams and users)."""
    while True:
        pks = list(
            SupportRequest.objects.filter(municipality=municipality)
            .order_by("pk")
            .values_list("pk", flat=True)[:20_000]
        )
        if not pks:
            return
        SupportRequest.objects.filter(pk__in=pks).delete()
