"""Decisions (issue 5): the nightly reminder run over 100,000 decisions, its second run,
and the decision officer's work list."""

from __future__ import annotations

import datetime as dt
import time

TITLE = "Decisions (beschikkingen)"
DESCRIPTION = """\
The demo municipality gets decisions up to 100,000 in all (the demo's own, about 6 per
100 residents, plus decisions generated in bulk by `demo.decisions.bulk_decisions` with
the same mix: most granted and in force, 12% of those ending within 8 weeks, some
requested, refused, changed, ended or expired), with their history and 301 assignments.
*reminder_run_s*: `decisions.reminders.create_reminders` for today after all reminders,
tasks and notices were removed: the reminders for every decision in force ending within
its law's reminder period, a task for the coordinator and the decision officer each and a
notice for the resident (four INSERT … SELECT statements). *second_run_new*: what a second
run right after creates (must be 0). *worklist*: GET `/decisions/` as the demo decision
officer `beschikker`: requests to decide by legal time limit (pages of 20: first and last
page, each law filter) and granted decisions by end date (first page and page 20), with
the 8 decisions ending soonest; every request writes an audit line per decision shown.
"""
TARGETS = (
    (100_000, "reminder_run_s", None, 10, "reminder run over 100,000 decisions ≤ 10 s"),
    (100_000, "second_run_new", None, 0, "a second reminder run creates nothing new"),
    (100_000, "worklist", "p95", 100, "decision officer's work list, p95 ≤ 100 ms"),
)
SIZES = None

DECISIONS = 100_000


def _ensure_catalogue(municipality) -> None:
    """The bench runs with whatever catalogue the demo made; without custom provisions it
    adds a small one so decisions can be generated."""
    from wijkkracht.organisations.models import Organisation
    from wijkkracht.provisions.models import Contract, Provision, ProvisionKind

    if Provision.objects.filter(
        municipality=municipality, kind=ProvisionKind.CUSTOM, contracts__isnull=False
    ).exists():
        return
    providers = list(Organisation.objects.filter(municipalities=municipality)[:3])
    for name, law, category, code, unit in (
        ("Bench: begeleiding", "wmo_2015", "02", "02A01", "04"),
        ("Bench: huishoudelijke hulp", "wmo_2015", "01", "01A01", "04"),
        ("Bench: jeugdhulp ambulant", "jeugdwet", "45", "45A04", "04"),
        ("Bench: schuldhulp", "wgs", "", "", "84"),
    ):
        provision = Provision.objects.create(
            municipality=municipality,
            kind=ProvisionKind.CUSTOM,
            name=name,
            law=law,
            product_category=category,
            product_code=code,
            unit=unit,
        )
        for provider in providers:
            Contract.objects.create(
                provision=provision, provider=provider, starts_on=dt.date(2020, 1, 1)
            )


def run(ctx) -> dict:
    from django.utils import timezone

    from wijkkracht.accounts.models import User
    from wijkkracht.decisions.models import (
        Decision,
        DecisionTask,
        Reminder,
        ResidentNotice,
    )
    from wijkkracht.decisions.reminders import create_reminders
    from wijkkracht.decisions.views import PAGE_SIZE
    from wijkkracht.demo.decisions import bulk_decisions
    from wijkkracht.provisions.models import Law

    municipality = ctx.municipality
    officer = User.objects.get(username="beschikker")
    coordinator = User.objects.get(username="regisseur")
    today = timezone.localdate()
    existing = Decision.objects.filter(municipality=municipality).count()
    started = time.perf_counter()
    if existing < DECISIONS:
        _ensure_catalogue(municipality)
        made = bulk_decisions(
            municipality=municipality,
            count=DECISIONS - existing,
            officer=officer,
            fallback_requester=coordinator,
            seed=ctx.seed,
            today=today,
        )
        ctx.log(
            f"{made['decisions']:,} decisions generated in {time.perf_counter() - started:.1f} s"
        )
    total = Decision.objects.filter(municipality=municipality).count()
    ctx.analyze()

    for model in (DecisionTask, ResidentNotice, Reminder):
        model.objects.filter(decision__municipality=municipality).delete()
    started = time.perf_counter()
    first = create_reminders(today=today)
    reminder_run = time.perf_counter() - started
    started = time.perf_counter()
    second = create_reminders(today=today)
    second_run = time.perf_counter() - started
    ctx.log(
        f"reminder run over {total:,} decisions: {reminder_run:.2f} s "
        f"({first.reminders:,} reminders, {first.created:,} rows); "
        f"second run {second_run:.2f} s, {second.created} new"
    )

    client = ctx.client_for(officer)
    to_decide = Decision.objects.filter(municipality=municipality, status="requested").count()
    last_page = max(1, -(-to_decide // PAGE_SIZE))
    inputs = [
        {},
        {"page": last_page},
        {"status": "granted"},
        {"status": "granted", "page": 20},
        *({"law": law} for law in Law.values),
    ]

    def worklist(params) -> None:
        response = client.get("/decisions/", params)
        if response.status_code != 200:
            raise SystemExit(f"work list answered {response.status_code}")

    worklist_ms = ctx.timed(worklist, inputs)
    return {
        "decisions": total,
        "to_decide": to_decide,
        "reminders_created": first.reminders,
        "rows_created": first.created,
        "reminder_run_s": round(reminder_run, 2),
        "second_run_s": round(second_run, 2),
        "second_run_new": second.created,
        "worklist": ctx.percentiles(worklist_ms),
    }
