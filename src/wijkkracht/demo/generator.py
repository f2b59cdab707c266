"""Generate a fictional municipality with realistic households, teams, staff and
involvements, fast enough for a million residents.

Everything is derived from ``random.Random(seed)`` and name pools built once from Faker
(``demo.pools``); rows are written with ``bulk_create`` in batches, households in chunks
so that memory stays flat. Addresses, households, residents and memberships, the biggest
tables, are plain rows written by ``demo.rows.insert_rows`` (COPY on PostgreSQL), so
the search fields of residents are filled here as ``Resident.fill_search_fields`` would.
Each step's time is reported to ``timing`` (``manage.py demo --verbosity 2``).
"""

from __future__ import annotations

import math
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, partial
from importlib import import_module

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.models import Discipline, Role, User
from wijkkracht.areas.models import Address, District, Municipality, Neighbourhood
from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.demo.accounts import DEFAULT_PASSWORD, DEMO_ACCOUNTS, DemoAccount
from wijkkracht.demo.api_clients import create_demo_api_client, delete_demo_api_clients
from wijkkracht.demo.bsn import fictional_bsns
from wijkkracht.demo.pools import DISTRICT_NAMES, INVOLVEMENT_REASONS, Pools, build_pools
from wijkkracht.demo.rows import insert_rows
from wijkkracht.demo.statistics import analyze
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.involvements.models import BreakGlass, Involvement
from wijkkracht.organisations.models import Organisation
from wijkkracht.residents.models import Resident, normalise_name
from wijkkracht.teams.models import Team, TeamMembership

DEFAULT_CODE = "GM1999"  # not used by any municipality in the CBS 2022 list
DEFAULT_NAME = "Lindewaard"
DEMO_YEAR = 2022
BATCH = 1000
CHUNK_HOUSEHOLDS = 5000
RESIDENTS_PER_NEIGHBOURHOOD = 1500
INVOLVEMENT_SHARE = 0.03  # of households: the share a neighbourhood team is involved with
MIN_COORDINATOR_CASES = 8

SINGLE = "single"
COUPLE = "couple"
COUPLE_WITH_CHILDREN = "couple_with_children"
SINGLE_PARENT = "single_parent"
# Roughly the CBS household composition of the Netherlands.
HOUSEHOLD_SHARES = {SINGLE: 0.38, COUPLE: 0.29, COUPLE_WITH_CHILDREN: 0.26, SINGLE_PARENT: 0.07}
CHILDREN_OF_COUPLES = ((1, 0.40), (2, 0.42), (3, 0.14), (4, 0.04))
CHILDREN_OF_SINGLE_PARENTS = ((1, 0.58), (2, 0.32), (3, 0.10))

ORGANISATIONS = (
    (Organisation.Kind.MUNICIPALITY, "Gemeente {name}"),
    (Organisation.Kind.SOCIAL_WORK, "Sociaal Werk {name}"),
    (Organisation.Kind.YOUTH_CARE, "Jeugd en Gezin {name}"),
    (Organisation.Kind.HOUSING_CORPORATION, "Woonstichting {name}"),
    (Organisation.Kind.DEBT_SERVICES, "Schuldhulp {name}"),
    (Organisation.Kind.HEALTH, "Gezondheidscentrum en Wijkverpleging {name}"),
)
EMPLOYER = {
    Discipline.SOCIAL_WORKER: Organisation.Kind.SOCIAL_WORK,
    Discipline.YOUTH_FAMILY_COACH: Organisation.Kind.YOUTH_CARE,
    Discipline.DISTRICT_NURSE: Organisation.Kind.HEALTH,
    Discipline.DEBT_COUNSELLOR: Organisation.Kind.DEBT_SERVICES,
    Discipline.WMO_CONSULTANT: Organisation.Kind.MUNICIPALITY,
    Discipline.WORK_INCOME_CONSULTANT: Organisation.Kind.MUNICIPALITY,
    Discipline.MENTAL_HEALTH: Organisation.Kind.HEALTH,
    Discipline.BEHAVIOURAL_SPECIALIST: Organisation.Kind.YOUTH_CARE,
    Discipline.HOUSING_CONSULTANT: Organisation.Kind.HOUSING_CORPORATION,
    Discipline.OTHER: Organisation.Kind.SOCIAL_WORK,
}
NEIGHBOURHOOD_TEAM_DISCIPLINES = (
    Discipline.SOCIAL_WORKER,
    Discipline.SOCIAL_WORKER,
    Discipline.YOUTH_FAMILY_COACH,
    Discipline.DISTRICT_NURSE,
    Discipline.DEBT_COUNSELLOR,
    Discipline.WMO_CONSULTANT,
    Discipline.WORK_INCOME_CONSULTANT,
    Discipline.HOUSING_CONSULTANT,
)
EXPERT_TEAM_DISCIPLINES = (
    Discipline.MENTAL_HEALTH,
    Discipline.BEHAVIOURAL_SPECIALIST,
    Discipline.YOUTH_FAMILY_COACH,
    Discipline.DEBT_COUNSELLOR,
    Discipline.OTHER,
)
ADDRESS_COLUMNS = (
    "public_id",
    "municipality_id",
    "neighbourhood_id",
    "postcode",
    "house_number",
    "house_letter",
    "house_number_addition",
    "street",
    "town",
)
HOUSEHOLD_COLUMNS = ("public_id", "municipality_id", "address_id", "started_on")
RESIDENT_COLUMNS = (
    "public_id",
    "municipality_id",
    "given_names",
    "surname_prefix",
    "surname",
    "search_surname",
    "search_given",
    "date_of_birth",
    "bsn",
    "email",
    "phone",
    "created_at",
)
# Letters of Dutch postcodes: no F, I, O, Q, U, Y; SA, SD and SS are not used.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
LETTER_PAIRS = tuple(
    a + b for a in POSTCODE_LETTERS for b in POSTCODE_LETTERS if a + b not in {"SA", "SD", "SS"}
)


# Demo data of later capabilities: each module has ``generate(demo) -> dict[str, int]``
# (``demo`` is the running generator: municipality, teams, professionals, rng, seed, ...)
# and may have ``delete(municipality)``, called in reverse order before the cases go.
DEMO_EXTENSIONS = (
    "wijkkracht.demo.provisions",
    "wijkkracht.demo.decisions",
    "wijkkracht.demo.budgets",
    "wijkkracht.demo.figures",
    "wijkkracht.demo.burgerpeiling",
    "wijkkracht.demo.monitor",
    "wijkkracht.demo.neighbourhoodplans",
)


class DemoError(Exception):
    """The demo cannot be generated; the message says why (translated)."""


@dataclass
class CreatedAccount:
    username: str
    role: str
    organisation: str
    needs_second_factor: bool


@dataclass
class DemoSummary:
    municipality: Municipality
    password: str
    counts: dict[str, int] = field(default_factory=dict)
    accounts: list[CreatedAccount] = field(default_factory=list)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _pick(rng: random.Random, weighted: tuple[tuple[int, float], ...]) -> int:
    value, acc = rng.random(), 0.0
    for item, share in weighted:
        acc += share
        if value < acc:
            return item
    return weighted[-1][0]


def generate_demo(
    *,
    residents: int,
    seed: int = 1,
    municipality_code: str = DEFAULT_CODE,
    name: str = DEFAULT_NAME,
    password: str = DEFAULT_PASSWORD,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
    questions: int | None = None,
    timing: Callable[[str, float], None] | None = None,
) -> DemoSummary:
    """Create the demo municipality in one transaction. Refuses when a municipality with
    that code exists, unless ``replace``: then its (synthetic) data is deleted first."""
    if residents < 1:
        raise DemoError(_("The number of residents must be at least 1."))
    with transaction.atomic():
        existing = Municipality.objects.filter(code=municipality_code).first()
        if existing is not None:
            if not replace:
                raise DemoError(
                    _(
                        "Municipality %(code)s already exists; use --replace to delete the demo "
                        "municipality and generate it again."
                    )
                    % {"code": municipality_code}
                )
            if not existing.is_synthetic:
                raise DemoError(
                    _(
                        "Municipality %(code)s is a real municipality, not a demo; it is never "
                        "replaced."
                    )
                    % {"code": municipality_code}
                )
            delete_demo_municipality(existing)
        generator = _Generator(
            residents=residents,
            seed=seed,
            code=municipality_code,
            name=name,
            password=password,
            progress=progress,
            questions=questions,
            timing=timing,
        )
        summary = generator.run()
        record(
            user=None,
            action=Action.CREATE,
            purpose=Purpose.ADMINISTRATION,
            object_type="municipality",
            object_id=municipality_code,
            detail={"demo": True, "seed": seed, **summary.counts},
        )
    return summary


def delete_demo_municipality(municipality: Municipality) -> None:
    """Delete a synthetic municipality and everything in it. Audit lines stay: they hold
    no foreign keys and are append-only."""
    if not municipality.is_synthetic:
        raise DemoError(_("Only a demo (synthetic) municipality can be deleted."))
    staff = User.objects.filter(municipalities=municipality).exclude(
        municipalities__in=Municipality.objects.exclude(pk=municipality.pk)
    )
    portal = User.objects.filter(resident__municipality=municipality)
    try:
        with transaction.atomic():
            from wijkkracht.cases.models import Case
            from wijkkracht.demo.intake import delete_questions

            for module in reversed(DEMO_EXTENSIONS):
                delete = getattr(import_module(module), "delete", None)
                if delete is not None:
                    delete(municipality)
            # Cases first: their plans, timelines and notes go with them.
            Case.objects.filter(municipality=municipality).delete()
            delete_questions(municipality)
            Involvement.objects.filter(
                Q(municipality=municipality) | Q(professional__in=staff)
            ).delete()
            BreakGlass.objects.filter(
                Q(resident__municipality=municipality) | Q(user__in=staff)
            ).delete()
            delete_demo_api_clients(municipality)
            portal.delete()
            User.objects.filter(pk__in=list(staff.values_list("pk", flat=True))).delete()
            _delete_in_chunks(Household.objects.filter(municipality=municipality))
            _delete_in_chunks(Resident.objects.filter(municipality=municipality))
            _delete_in_chunks(Address.objects.filter(municipality=municipality))
            Team.objects.filter(municipality=municipality).delete()
            Organisation.objects.filter(municipalities=municipality).exclude(
                municipalities__in=Municipality.objects.exclude(pk=municipality.pk)
            ).delete()
            municipality.delete()
            record(
                user=None,
                action=Action.DELETE,
                purpose=Purpose.ADMINISTRATION,
                object_type="municipality",
                object_id=municipality.code,
                detail={"demo": True},
            )
    except (ProtectedError, RestrictedError) as exc:
        blocking = sorted({obj._meta.verbose_name for obj in exc.args[1]})
        raise DemoError(
            _("The demo municipality cannot be deleted: %(what)s still refer to it.")
            % {"what": ", ".join(str(b) for b in blocking)}
        ) from exc


def _delete_in_chunks(queryset, size: int = 20_000) -> None:
    """Delete through the ORM (so cascades of every app apply) without loading a million
    rows at once."""
    while True:
        pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:size])
        if not pks:
            return
        queryset.model.objects.filter(pk__in=pks).delete()


@dataclass
class _Street:
    pc4: int = 0
    pair_index: int = 0
    letters: str = ""
    street: str = ""
    number: int = 0
    left_on_street: int = 0
    left_in_postcode: int = 0
    pending: list = field(default_factory=list)


class _Generator:
    def __init__(
        self, *, residents, seed, code, name, password, progress, questions=None, timing=None
    ):
        self.total = residents
        self.seed = seed
        self.questions = questions  # None: one question per 20 residents
        # The code is part of the seed: two demo municipalities never share public ids.
        self.rng = random.Random(f"{code}:{seed}")
        self.code = code
        self.name = name
        self.password = password
        self.progress = progress or (lambda done, total: None)
        self.timing = timing or (lambda step, seconds: None)
        self.pools: Pools = build_pools(seed)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.counts: dict[str, int] = {}

    # --- areas --------------------------------------------------------------------------
    def run(self) -> DemoSummary:
        self.municipality = Municipality.objects.create(
            code=self.code, name=self.name, year=DEMO_YEAR, is_synthetic=True
        )
        self._timed("areas", self._areas)
        self._timed("organisations", self._organisations)
        self._timed("teams", self._teams_and_staff)
        self._timed("households", self._households)
        self._timed("involvements", self._involvements)
        accounts = self._timed("accounts", self._demo_accounts)
        self._timed(
            "statistics",
            partial(analyze, Address, Household, Resident, HouseholdMembership, Involvement),
        )
        self._timed("questions", self._questions)
        self._timed("cases", self._cases)
        self._extensions()
        return DemoSummary(
            municipality=self.municipality,
            password=self.password,
            counts=self.counts,
            accounts=accounts,
        )

    def _timed(self, step: str, function: Callable[[], object]):
        """Run one step and report its wall-clock seconds (``--verbosity 2``)."""
        started = time.perf_counter()
        result = function()
        self.timing(step, time.perf_counter() - started)
        return result

    def _cases(self) -> None:
        from wijkkracht.demo.cases import generate_cases

        self.counts["cases"] = generate_cases(
            coordinator=self.coordinator_user,
            team=self.teams[0],
            household_ids=[household_id for household_id, _head in self.coordinator_cases],
            seed=self.seed,
        )

    def _extensions(self) -> None:
        """Each later capability adds its demo data in its own module (DEMO_EXTENSIONS),
        in order, with this generator as its argument; counts go into the summary."""
        for module in DEMO_EXTENSIONS:
            generate = partial(import_module(module).generate, self)
            self.counts.update(self._timed(module.rsplit(".", 1)[-1], generate))

    def _areas(self) -> None:
        digits = self.code[2:]
        n_neighbourhoods = min(99 * 99, max(8, round(self.total / RESIDENTS_PER_NEIGHBOURHOOD)))
        n_districts = min(99, max(3, math.ceil(n_neighbourhoods / 6)))
        n_neighbourhoods = max(n_neighbourhoods, n_districts)
        names = iter(self.pools.areas)
        districts = []
        for d in range(n_districts):
            base = DISTRICT_NAMES[d] if d < len(DISTRICT_NAMES) else f"Wijk {d + 1:02d}"
            districts.append(
                District(
                    municipality=self.municipality,
                    code=f"WK{digits}{d + 1:02d}",
                    name=f"{self.name}-{base}" if d < len(DISTRICT_NAMES) else base,
                    year=DEMO_YEAR,
                )
            )
        District.objects.bulk_create(districts)
        neighbourhoods = []
        per_district = [0] * n_districts
        for i in range(n_neighbourhoods):
            d = i % n_districts
            per_district[d] += 1
            try:
                nb_name = next(names)
            except StopIteration:
                nb_name = f"Buurt {i + 1}"
            neighbourhoods.append(
                Neighbourhood(
                    municipality=self.municipality,
                    district=districts[d],
                    code=f"BU{digits}{d + 1:02d}{per_district[d]:02d}",
                    name=nb_name,
                    year=DEMO_YEAR,
                )
            )
        neighbourhoods.sort(key=lambda n: n.code)
        Neighbourhood.objects.bulk_create(neighbourhoods)
        self.neighbourhoods = neighbourhoods
        self.weights = [self.rng.uniform(0.5, 1.5) for _ in neighbourhoods]
        self.counts["districts"] = len(districts)
        self.counts["neighbourhoods"] = len(neighbourhoods)
        self._postcode_areas = self._free_postcode_areas()
        self.streets = [_Street() for _ in neighbourhoods]
        self._street_names = iter(self.pools.streets)
        self._street_round = 0

    def _free_postcode_areas(self):
        """Four-digit postcode areas not used by addresses already in the database,
        starting at a place that depends on the municipality code."""
        used = set(
            Address.objects.annotate(pc4=Substr("postcode", 1, 4))
            .values_list("pc4", flat=True)
            .distinct()
        )
        start = 1000 + (int(self.code[2:]) * 7) % 9000
        for offset in range(9000):
            pc4 = 1000 + (start - 1000 + offset) % 9000
            if str(pc4) not in used:
                yield pc4

    def _next_street_name(self) -> str:
        for street in self._street_names:
            return street if not self._street_round else f"{street} {self._street_round + 1}"
        self._street_round += 1
        self._street_names = iter(self.pools.streets)
        return self._next_street_name()

    def _next_address(self, nb: int) -> tuple:
        """The next address in neighbourhood ``nb`` as a row of ``ADDRESS_COLUMNS``."""
        state = self.streets[nb]
        if state.pending:
            return state.pending.pop()
        rng = self.rng
        if state.left_on_street == 0:
            state.street = self._next_street_name()
            state.number = 0
            state.left_on_street = rng.randint(20, 140)
            state.left_in_postcode = 0
        if state.left_in_postcode == 0:
            if state.pc4 == 0 or state.pair_index >= len(LETTER_PAIRS):
                try:
                    state.pc4 = next(self._postcode_areas)
                except StopIteration as exc:
                    raise DemoError(_("No free postcodes are left for the demo.")) from exc
                state.pair_index = rng.randrange(0, 40)
            state.letters = LETTER_PAIRS[state.pair_index]
            state.pair_index += 1
            state.left_in_postcode = rng.randint(10, 30)
        state.number += 1
        state.left_on_street -= 1
        state.left_in_postcode -= 1
        postcode = f"{state.pc4}{state.letters}"
        municipality_id = self.municipality.pk
        neighbourhood_id = self.neighbourhoods[nb].pk
        if rng.random() < 0.12:  # a block of flats: one number, several additions
            units = [
                (
                    _uuid(rng),
                    municipality_id,
                    neighbourhood_id,
                    postcode,
                    state.number,
                    "",
                    str(unit),
                    state.street,
                    self.name,
                )
                for unit in range(rng.randint(2, 8), 0, -1)
            ]
            state.pending = units
            return state.pending.pop()
        return (
            _uuid(rng),
            municipality_id,
            neighbourhood_id,
            postcode,
            state.number,
            "A" if rng.random() < 0.02 else "",
            "",
            state.street,
            self.name,
        )

    # --- organisations, teams, staff ----------------------------------------------------
    def _organisations(self) -> None:
        organisations = [
            Organisation(
                name=pattern.format(name=self.name),
                kind=kind,
                email=f"info@{kind.replace('_', '')}.{self.name.lower()}.example",
            )
            for kind, pattern in ORGANISATIONS
        ]
        Organisation.objects.bulk_create(organisations)
        Organisation.municipalities.through.objects.bulk_create(
            [
                Organisation.municipalities.through(
                    organisation_id=o.pk, municipality_id=self.municipality.pk
                )
                for o in organisations
            ]
        )
        self.organisations = {o.kind: o for o in organisations}
        self.counts["organisations"] = len(organisations)

    def _teams_and_staff(self) -> None:
        rng = self.rng
        by_district: dict[int, list[int]] = {}
        for i, nb in enumerate(self.neighbourhoods):
            by_district.setdefault(nb.district_id, []).append(i)
        groups: list[list[int]] = []
        for indices in by_district.values():
            while indices:
                size = rng.choice((1, 2, 2, 3))
                groups.append(indices[:size])
                indices = indices[size:]
        social_work = self.organisations[Organisation.Kind.SOCIAL_WORK]
        teams = [
            Team(
                municipality=self.municipality,
                kind=Team.Kind.NEIGHBOURHOOD,
                organisation=social_work,
                name=f"Wijkteam {self.neighbourhoods[group[0]].name}",
            )
            for group in groups
        ]
        expert = Team(
            municipality=self.municipality,
            kind=Team.Kind.EXPERT,
            organisation=self.organisations[Organisation.Kind.MUNICIPALITY],
            name=f"Expertiseteam {self.name}",
        )
        Team.objects.bulk_create([*teams, expert])
        Team.neighbourhoods.through.objects.bulk_create(
            [
                Team.neighbourhoods.through(
                    team_id=team.pk, neighbourhood_id=self.neighbourhoods[i].pk
                )
                for team, group in zip(teams, groups, strict=True)
                for i in group
            ]
        )
        self.teams = teams
        self.expert_team = expert
        self.team_of_neighbourhood = {i: t for t, group in enumerate(groups) for i in group}
        self.first_team_households = (
            sum(self.weights[i] for i in groups[0]) / sum(self.weights) * self.total / 2.1
        )

        unusable = make_password(None)
        users: list[User] = []
        memberships: list[tuple[int, int, bool]] = []  # (user index, team index, lead)
        digits = self.code[2:]
        for t, team in enumerate([*teams, expert]):
            disciplines = (
                EXPERT_TEAM_DISCIPLINES
                if team is expert
                else (NEIGHBOURHOOD_TEAM_DISCIPLINES[: rng.randint(6, 8)])
            )
            for k, discipline in enumerate(disciplines):
                first = rng.choice(self.pools.female if rng.random() < 0.75 else self.pools.male)
                prefix, surname = rng.choice(self.pools.surnames)
                lead = k == 0 and t > 0 and team is not expert
                users.append(
                    User(
                        username=f"gm{digits}-{t + 1:03d}-{k + 1}",
                        first_name=first,
                        last_name=f"{prefix} {surname}".strip(),
                        email=f"gm{digits}-{t + 1:03d}-{k + 1}@{self.name.lower()}.example",
                        role=Role.TEAM_LEAD if lead else Role.PROFESSIONAL,
                        discipline=discipline,
                        password=unusable,
                        organisation=self.organisations[EMPLOYER[discipline]],
                    )
                )
                memberships.append((len(users) - 1, t, lead))
        User.objects.bulk_create(users, batch_size=BATCH)
        all_teams = [*teams, expert]
        TeamMembership.objects.bulk_create(
            [
                TeamMembership(team_id=all_teams[t].pk, user_id=users[u].pk, is_lead=lead)
                for u, t, lead in memberships
            ],
            batch_size=BATCH,
        )
        self._link_municipality(users)
        self.members_of_team: dict[int, list[int]] = {}
        for u, t, _lead in memberships:
            self.members_of_team.setdefault(t, []).append(users[u].pk)
        self.professionals = {u.pk: u for u in users}
        self.counts["teams"] = len(all_teams)
        self.counts["professionals"] = len(users)

    def _link_municipality(self, users: list[User]) -> None:
        User.municipalities.through.objects.bulk_create(
            [
                User.municipalities.through(user_id=u.pk, municipality_id=self.municipality.pk)
                for u in users
            ],
            batch_size=BATCH,
        )

    # --- households and residents -------------------------------------------------------
    def _households(self) -> None:
        rng = self.rng
        bsns = fictional_bsns()
        kinds = tuple(HOUSEHOLD_SHARES.items())
        cumulative = []
        acc = 0.0
        for w in self.weights:
            acc += w
            cumulative.append(acc)
        first_team = set(i for i, t in self.team_of_neighbourhood.items() if t == 0)
        first_team_share = min(
            1.0,
            max(
                INVOLVEMENT_SHARE, MIN_COORDINATOR_CASES * 1.5 / max(self.first_team_households, 1)
            ),
        )
        self.involved: list[tuple[int, int, int]] = []  # (household pk, head pk, nb index)
        self.first_team_fallback: tuple[int, int, int] | None = None
        self.kind_counts = dict.fromkeys(HOUSEHOLD_SHARES, 0)
        search = cache(normalise_name)  # the names come from small pools
        done = 0
        households_total = 0
        while done < self.total:
            chunk = []  # (address, household, [(resident, relation, started_on)], nb, kind)
            while done < self.total and len(chunk) < CHUNK_HOUSEHOLDS:
                kind = self._kind(kinds, self.total - done)
                members = self._members(kind, self.total - done)
                done += len(members)
                nb = _bisect(cumulative, rng.random() * acc)
                chunk.append((nb, kind, members))
            addresses, households, residents, membership_rows = [], [], [], []
            municipality_id = self.municipality.pk
            for nb, kind, members in chunk:
                addresses.append(self._next_address(nb))
                started = self._household_start(members)
                households.append([_uuid(rng), municipality_id, None, started])
                self.kind_counts[kind] += 1
                for relation, given, prefix, surname, born in members:
                    residents.append(
                        (
                            _uuid(rng),
                            municipality_id,
                            given,
                            prefix,
                            surname,
                            search(surname),
                            search(given.split(" ")[0]),
                            born,
                            next(bsns) or None,
                            "",
                            "",
                            self.now,
                        )
                    )
                    membership_rows.append(
                        (len(households) - 1, len(residents) - 1, relation, max(started, born))
                    )
            address_ids = insert_rows(Address, ADDRESS_COLUMNS, addresses)
            for household, address_id in zip(households, address_ids, strict=True):
                household[2] = address_id
            household_ids = insert_rows(Household, HOUSEHOLD_COLUMNS, households)
            resident_ids = insert_rows(Resident, RESIDENT_COLUMNS, residents)
            insert_rows(
                HouseholdMembership,
                ("household_id", "resident_id", "relation", "started_on"),
                [
                    (household_ids[h], resident_ids[r], relation, started)
                    for h, r, relation, started in membership_rows
                ],
            )
            heads = {}
            for h, r, _relation, _started in membership_rows:
                heads.setdefault(h, resident_ids[r])
            for h, (nb, _kind, _members) in enumerate(chunk):
                in_first = nb in first_team
                share = first_team_share if in_first else INVOLVEMENT_SHARE
                target = (household_ids[h], heads[h], nb)
                if rng.random() < share:
                    self.involved.append(target)
                elif in_first and self.first_team_fallback is None:
                    self.first_team_fallback = target
            households_total += len(households)
            self.progress(done, self.total)
        self.counts["households"] = households_total
        self.counts["residents"] = done
        self.counts["addresses"] = households_total

    def _kind(self, kinds, remaining: int) -> str:
        value, acc, chosen = self.rng.random(), 0.0, SINGLE
        for kind, share in kinds:
            acc += share
            if value < acc:
                chosen = kind
                break
        smallest = {SINGLE: 1, COUPLE: 2, SINGLE_PARENT: 2, COUPLE_WITH_CHILDREN: 3}
        if smallest[chosen] > remaining:  # the last household fills up exactly
            return COUPLE if remaining == 2 else SINGLE
        return chosen

    def _birth(self, min_age: float, max_age: float) -> date:
        days = self.rng.randint(int(min_age * 365.25), int(max_age * 365.25))
        return self.today - timedelta(days=days)

    def _person(self, female: bool) -> tuple[str, str, str]:
        rng = self.rng
        pool = self.pools.female if female else self.pools.male
        given = rng.choice(pool)
        if rng.random() < 0.3:
            given = f"{given} {rng.choice(pool)}"
        prefix, surname = rng.choice(self.pools.surnames)
        return given, prefix, surname

    def _members(self, kind: str, remaining: int) -> list[tuple]:
        rng = self.rng
        head_female = rng.random() < 0.5
        given, prefix, surname = self._person(head_female)
        H, P, C = (
            HouseholdMembership.Relation.HEAD,
            HouseholdMembership.Relation.PARTNER,
            HouseholdMembership.Relation.CHILD,
        )
        if kind == SINGLE:
            band = rng.random()
            age = (18, 30) if band < 0.3 else (30, 65) if band < 0.65 else (65, 97)
            return [(H, given, prefix, surname, self._birth(*age))]
        partner_female = (not head_female) if rng.random() < 0.96 else head_female
        p_given, p_prefix, p_surname = self._person(partner_female)
        if kind == COUPLE:
            head_age = rng.uniform(21, 35) if rng.random() < 0.3 else rng.uniform(50, 92)
            partner_age = max(18.0, head_age + rng.uniform(-5, 5))
            return [
                (H, given, prefix, surname, self._birth(head_age, head_age + 0.99)),
                (P, p_given, p_prefix, p_surname, self._birth(partner_age, partner_age + 0.99)),
            ]
        adults = 2 if kind == COUPLE_WITH_CHILDREN else 1
        weighted = CHILDREN_OF_COUPLES if adults == 2 else CHILDREN_OF_SINGLE_PARENTS
        children = max(1, min(_pick(rng, weighted), remaining - adults))
        head_age = rng.uniform(26, 55)
        members = [(H, given, prefix, surname, self._birth(head_age, head_age + 0.99))]
        youngest_parent = head_age
        if adults == 2:
            partner_age = max(20.0, head_age + rng.uniform(-4, 4))
            members.append(
                (P, p_given, p_prefix, p_surname, self._birth(partner_age, partner_age + 0.99))
            )
            youngest_parent = min(head_age, partner_age)
        oldest_child = min(21.0, youngest_parent - 19)
        for _child in range(children):
            child_female = rng.random() < 0.49
            c_given = rng.choice(self.pools.female if child_female else self.pools.male)
            age = rng.uniform(max(0.0, youngest_parent - 42), max(0.5, oldest_child))
            members.append((C, c_given, prefix, surname, self._birth(age, age + 0.5)))
        return members

    def _household_start(self, members: list[tuple]) -> date:
        adults = [m for m in members if m[0] != HouseholdMembership.Relation.CHILD]
        youngest_adult = max(m[4] for m in adults)
        earliest = (
            youngest_adult.replace(year=youngest_adult.year + 18)
            if not (youngest_adult.month == 2 and youngest_adult.day == 29)
            else youngest_adult + timedelta(days=18 * 365)
        )
        started = self.today - timedelta(days=self.rng.randint(30, 25 * 365))
        children = [m[4] for m in members if m[0] == HouseholdMembership.Relation.CHILD]
        if children:
            started = min(started, min(children))
        return max(started, earliest) if earliest <= self.today else self.today

    # --- involvements -------------------------------------------------------------------
    def _involvements(self) -> None:
        rng = self.rng
        if not any(self.team_of_neighbourhood[nb] == 0 for _h, _r, nb in self.involved):
            if self.first_team_fallback is not None:
                self.involved.append(self.first_team_fallback)
        self.coordinator_cases: list[tuple[int, int]] = []
        rows = []
        for household_id, head_id, nb in self.involved:
            t = self.team_of_neighbourhood[nb]
            team = self.teams[t]
            members = self.members_of_team[t]
            professional = None if t == 0 and rng.random() < 0.5 else rng.choice(members)
            if professional is None:
                self.coordinator_cases.append((household_id, head_id))
            rows.append(
                self._involvement(household_id, head_id, team, professional, may_end=t != 0)
            )
            if rng.random() < 0.2:  # a second discipline involved, maybe from the experts
                if rng.random() < 0.3:
                    second_team = self.expert_team
                    second = rng.choice(self.members_of_team[len(self.teams)])
                else:
                    second_team = team
                    second = rng.choice(members)
                rows.append(
                    self._involvement(household_id, head_id, second_team, second, may_end=True)
                )
        self.involvement_rows = rows  # professional None = the demo coordinator (set later)

    def _involvement(self, household_id, head_id, team, professional_id, *, may_end):
        rng = self.rng
        started = self.today - timedelta(days=rng.randint(7, 700))
        ended = None
        if may_end and rng.random() < 0.1:
            ended = max(started, self.today - timedelta(days=rng.randint(0, 90)))
        organisation = (
            self.professionals[professional_id].organisation
            if professional_id
            else self.organisations[Organisation.Kind.SOCIAL_WORK]
        )
        return Involvement(
            public_id=_uuid(rng),
            municipality=self.municipality,
            resident_id=head_id,
            household_id=household_id if rng.random() < 0.75 else None,
            professional_id=professional_id,
            team=team,
            organisation=organisation,
            reason=rng.choice(INVOLVEMENT_REASONS),
            started_on=started,
            ended_on=ended,
            last_activity_at=self.now
            - timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440)),
        )

    # --- support questions (intake) -----------------------------------------------------
    def _questions(self) -> None:
        from wijkkracht.demo.intake import default_count, ensure_intake_team, generate_questions

        users = self.demo_users
        ensure_intake_team(
            self.municipality, members=[users["regisseur"]], leads=[users["teamleider"]]
        )
        count = default_count(self.total) if self.questions is None else self.questions
        self.counts["questions"] = generate_questions(
            municipality=self.municipality, count=count, seed=self.seed, now=self.now
        )

    # --- demo accounts ------------------------------------------------------------------
    def _demo_accounts(self) -> list[CreatedAccount]:
        password_hash = make_password(self.password)  # hashing is slow: once for all
        created: list[CreatedAccount] = []
        taken = set(
            User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
                "username", flat=True
            )
        )
        portal_resident_id = (
            self.coordinator_cases[0][1]
            if self.coordinator_cases
            else self.involved[0][1]
            if self.involved
            else None
        )
        users: dict[str, User] = {}
        for account in DEMO_ACCOUNTS:
            username = account.username
            if username in taken:  # another demo municipality has the plain names
                username = f"{username}-{self.code.lower()}"
            user = self._account(account, username, password_hash, portal_resident_id)
            if user is None:
                continue
            users[account.username] = user
            created.append(
                CreatedAccount(
                    username=username,
                    role=user.get_role_display(),
                    organisation=user.organisation.name if user.organisation_id else "",
                    needs_second_factor=user.needs_second_factor,
                )
            )
        self.demo_users = users
        coordinator = users["regisseur"]
        self.coordinator_user = coordinator
        for row in self.involvement_rows:
            if row.professional_id is None:
                row.professional_id = coordinator.pk
                row.organisation = coordinator.organisation
        Involvement.objects.bulk_create(self.involvement_rows, batch_size=BATCH)
        self.counts["involvements"] = len(self.involvement_rows)
        self.counts["involved_households"] = len({h for h, _r, _nb in self.involved})
        create_demo_api_client(municipality=self.municipality, coordinator=coordinator)
        return created

    def _account(self, account: DemoAccount, username, password_hash, resident_id):
        if account.role == Role.RESIDENT:
            if resident_id is None:
                return None
            resident = Resident.objects.get(pk=resident_id)
            user = User.objects.create(
                username=username,
                password=password_hash,
                role=Role.RESIDENT,
                first_name=resident.given_names.split(" ")[0],
                last_name=f"{resident.surname_prefix} {resident.surname}".strip(),
                resident=resident,
            )
            return user
        user = User.objects.create(
            username=username,
            password=password_hash,
            role=account.role,
            first_name=account.first_name,
            last_name=account.last_name,
            email=f"{account.username}@{self.name.lower()}.example",
            discipline=account.discipline,
            is_staff=account.is_staff,
            organisation=self.organisations[account.organisation_kind],
        )
        self._link_municipality([user])
        if account.in_first_team:
            TeamMembership.objects.create(team=self.teams[0], user=user, is_lead=account.is_lead)
        elif account.in_second_team:
            # Shows need-to-know in the demo: this colleague sees other households.
            team = self.teams[1] if len(self.teams) > 1 else self.expert_team
            TeamMembership.objects.create(team=team, user=user)
        TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        return user


def _bisect(cumulative: list[float], value: float) -> int:
    lo, hi = 0, len(cumulative) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cumulative[mid] < value:
            lo = mid + 1
        else:
            hi = mid
    return lo
