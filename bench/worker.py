"""One benchmark run: a fresh database, migrations, the demo, then the measurements.
Runs in its own process (``bench/run.py --worker``) because Django's settings, and so the
database, are fixed once per process."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEMO_COORDINATOR = "regisseur"


def log(message: str) -> None:
    print(f"   {message}", flush=True)


def fresh_database(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": round(statistics.median(values), 3),
        "p95": round(cuts[94], 3),
        "max": round(max(values), 3),
        "samples": len(values),
    }


class AuditTimer:
    """Wraps record/record_many wherever they were imported, and adds up the time spent
    in the outermost call per request."""

    def __init__(self):
        self.depth = 0
        self.spent = 0.0

    def install(self) -> None:
        from wijkkracht.audit import log as audit_log

        originals = {"record": audit_log.record, "record_many": audit_log.record_many}
        wrapped = {name: self._wrap(func) for name, func in originals.items()}
        for module in list(sys.modules.values()):
            if module is None or not getattr(module, "__name__", "").startswith("wijkkracht"):
                continue
            for name, func in originals.items():
                if getattr(module, name, None) is func:
                    setattr(module, name, wrapped[name])

    def _wrap(self, func):
        def timed(*args, **kwargs):
            self.depth += 1
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.spent += time.perf_counter() - started

        return timed

    def take(self) -> float:
        spent, self.spent = self.spent, 0.0
        return spent * 1000


def run_worker(args) -> None:
    url, size = args.database_url, args.size
    fresh_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()  # allows the test Client's host "testserver"
    call_command("migrate", verbosity=0)
    log("migrated; generating the demo municipality ...")
    started = time.perf_counter()
    call_command("demo", residents=size, seed=args.seed, questions=0, verbosity=0)
    generation = time.perf_counter() - started
    log(f"demo generated in {generation:.1f} s")
    from wijkkracht.areas.models import Municipality
    from wijkkracht.demo.generator import DEFAULT_CODE
    from wijkkracht.demo.intake import generate_questions

    municipality = Municipality.objects.get(code=DEFAULT_CODE)
    started = time.perf_counter()
    if args.questions:
        generate_questions(municipality=municipality, count=args.questions, seed=args.seed)
    questions_generation = time.perf_counter() - started
    log(f"{args.questions:,} support questions generated in {questions_generation:.1f} s")
    if connection.vendor == "postgresql":
        # autovacuum vacuums and analyses freshly inserted tables within a minute
        # (autovacuum_vacuum_insert_threshold, PostgreSQL 13+); do it now so the planner has
        # statistics and counts can use index-only scans, as in production.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    else:
        # The same for SQLite: without statistics its planner walks the (municipality,
        # received_at) index for the team queue. Production runs "PRAGMA optimize"
        # (docs/performance.md, notes).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        version = sqlite3.sqlite_version
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        measurements = measure(args) if "core" in args.suite_list else {}
        suites = run_suites(args, municipality)
    load = None
    if args.submissions and "core" in args.suite_list:
        from loadtest import run_load_test

        log(
            f"portal load test: {args.submissions:,} submissions from {args.clients} clients "
            "on loopback ..."
        )
        load = run_load_test(
            database_url=url,
            code=municipality.code,
            total=args.submissions,
            clients=args.clients,
            seed=args.seed,
        )
        log(
            f"portal: {load['acknowledged']} acknowledged, {load['lost']} lost, "
            f"{load['duplicated']} duplicated, {load['throughput']} submissions/s"
        )
    result = {
        "size": size,
        "generation_s": round(generation, 1),
        "questions": args.questions,
        "questions_generation_s": round(questions_generation, 1),
        "portal_load": load,
        "database_version": version,
        "suites": suites,
        **measurements,
    }
    Path(args.out).write_text(json.dumps(result, indent=2))


def login(client, user) -> None:
    """As conftest.py's ``login``: after the password and the second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def page_exists(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    except Exception as exc:  # a page under construction that does not import
        log(f"{path} cannot be loaded ({type(exc).__name__}: {exc}); measuring directly")
        return False
    return True


class SuiteContext:
    """What a suite (``bench/suites/<name>.py``) gets: the arguments, the demo municipality,
    logging, logged-in test clients and the timing helpers of this worker."""

    def __init__(self, args, municipality):
        self.args = args
        self.size = args.size
        self.seed = args.seed
        self.municipality = municipality
        self.log = log
        self.percentiles = percentiles

    @property
    def vendor(self) -> str:
        from django.db import connection

        return connection.vendor

    def client_for(self, user):
        """A test Client logged in as ``user`` past the second factor."""
        from django.test import Client

        client = Client()
        login(client, user)
        return client

    def timed(self, action, inputs: list) -> list[float]:
        """Milliseconds per call of ``action(input)``: ``--warmup`` unmeasured calls, then
        ``--samples`` measured ones, cycling through ``inputs``."""
        for i in range(self.args.warmup):
            action(inputs[i % len(inputs)])
        latencies = []
        for i in range(self.args.samples):
            value = inputs[(self.args.warmup + i) % len(inputs)]
            started = time.perf_counter()
            action(value)
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies

    def analyze(self) -> None:
        """Fresh planner statistics (and on PostgreSQL the visibility map, as autovacuum
        would make) after a suite generated its own data."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def run_suites(args, municipality) -> dict:
    from importlib import import_module

    results = {}
    for name in args.suite_list:
        if name == "core":
            continue
        suite = import_module(f"suites.{name}")
        sizes = getattr(suite, "SIZES", None)
        if sizes is not None and args.size not in sizes:
            continue
        log(f"suite {name}: {suite.TITLE}")
        load_before = os.getloadavg()[0]
        figures = suite.run(SuiteContext(args, municipality))
        figures["load_average"] = round(max(load_before, os.getloadavg()[0]), 2)
        results[name] = figures
    return results


def measure(args) -> dict:
    import uuid

    from django.test import Client

    from wijkkracht.accounts.models import User
    from wijkkracht.households.models import Household
    from wijkkracht.residents.models import Resident

    rng = random.Random(args.seed)
    user = User.objects.get(username=DEMO_COORDINATOR)
    client = Client()
    login(client, user)

    search_via_page = page_exists("/residents/search/")
    household_via_page = page_exists(f"/households/{uuid.uuid4()}/")
    timer = AuditTimer()
    timer.install()

    # Varied names: whole surnames, the first letters of a surname, given names.
    sample = list(Resident.objects.order_by("?").values_list("surname", "given_names")[:400])
    names = []
    for surname, given in sample:
        choice = rng.random()
        if choice < 0.5:
            names.append(surname)
        elif choice < 0.8:
            names.append(surname[: max(2, min(len(surname), 3))])
        else:
            names.append(given.split(" ")[0])
    households = list(Household.objects.visible_to(user).values_list("public_id", flat=True))
    if not households:
        raise SystemExit("the demo coordinator sees no household: nothing to measure")
    log(
        f"coordinator sees {len(households)} households; "
        f"search via {'page' if search_via_page else 'queryset'}, "
        f"household via {'page' if household_via_page else 'access helper'}"
    )

    def search(name: str) -> None:
        if search_via_page:
            response = client.post("/residents/search/", {"name": name})
            if response.status_code != 200:
                raise SystemExit(f"search answered {response.status_code}")
        else:
            from wijkkracht.audit.log import record_many
            from wijkkracht.audit.models import Action, Purpose

            found = list(
                Resident.objects.visible_to(user)
                .search(name=name)
                .order_by("search_surname", "search_given", "date_of_birth", "pk")[:51]
            )
            record_many(
                user=user,
                action=Action.SEARCH,
                purpose=Purpose.CARE,
                object_type="resident",
                items=[(str(r.public_id), r) for r in found] or [("", None)],
            )

    def household(public_id) -> None:
        if household_via_page:
            response = client.get(f"/households/{public_id}/")
            if response.status_code != 200:
                raise SystemExit(f"household page answered {response.status_code}")
        else:
            from wijkkracht.households.access import get_household_for_user

            get_household_for_user(user, public_id)

    def timed(action, inputs) -> tuple[list[float], list[float]]:
        for value in inputs[: args.warmup]:
            action(value)
        timer.take()
        latencies, audit = [], []
        for i in range(args.samples):
            value = inputs[(args.warmup + i) % len(inputs)]
            started = time.perf_counter()
            action(value)
            latencies.append((time.perf_counter() - started) * 1000)
            audit.append(timer.take())
        return latencies, audit

    from wijkkracht.intake.views.queue import queue_choices

    queues = [choice.key for choice in queue_choices(user)]
    if not queues:
        raise SystemExit("the demo coordinator works no queue: nothing to measure")
    queue_pages = []
    for key in queues:
        response = client.get("/intake/queue/", {"queue": key})
        pages = response.context["page"].paginator.num_pages if response.context else 1
        queue_pages += [(key, 1), (key, max(1, pages))]
    log(f"queues measured: {', '.join(sorted(set(k for k, _p in queue_pages)))}")

    def queue(target) -> None:
        key, page = target
        response = client.get("/intake/queue/", {"queue": key, "page": page})
        if response.status_code != 200:
            raise SystemExit(f"queue page answered {response.status_code}")

    load_before = os.getloadavg()[0]
    search_ms, search_audit = timed(search, names)
    household_inputs = households * (1 + (args.samples + args.warmup) // len(households))
    household_ms, household_audit = timed(household, household_inputs)
    queue_inputs = queue_pages * (1 + (args.samples + args.warmup) // len(queue_pages))
    queue_ms, _queue_audit = timed(queue, queue_inputs)
    return {
        # Other processes on the machine distort the figures; the report shows this.
        "load_average": round(max(load_before, os.getloadavg()[0]), 2),
        "visible_households": len(households),
        "search": {
            **percentiles(search_ms),
            "mode": "page" if search_via_page else "queryset + record_many",
        },
        "household": {
            **percentiles(household_ms),
            "mode": "page" if household_via_page else "get_household_for_user",
        },
        "audit": percentiles(search_audit + household_audit),
        "queue": {**percentiles(queue_ms), "mode": "page"},
    }
