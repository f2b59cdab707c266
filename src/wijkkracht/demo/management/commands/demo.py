"""manage.py demo --residents N [--seed S] [--municipality-code GM1999] [--replace]"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.areas.models import Municipality, validate_municipality_code
from wijkkracht.demo.accounts import DEFAULT_PASSWORD, existing_accounts
from wijkkracht.demo.api_clients import demo_api_client_lines
from wijkkracht.demo.generator import DEFAULT_CODE, DEFAULT_NAME, DemoError, generate_demo


class Command(BaseCommand):
    help = (
        "Generate a fictional (synthetic) municipality with residents, households, teams, "
        "staff and involvements, plus one demo account per role. Never on a database with "
        "real residents."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--residents", type=int, default=5000, help="Number of residents (default 5000)."
        )
        parser.add_argument(
            "--questions",
            type=int,
            default=None,
            help="Number of support questions (default: one per 20 residents).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed; the same seed gives the same people."
        )
        parser.add_argument(
            "--municipality-code",
            default=DEFAULT_CODE,
            help=f"CBS-style code of the demo municipality (default "
            f"{DEFAULT_CODE}, not used by a real municipality).",
        )
        parser.add_argument(
            "--name",
            default=DEFAULT_NAME,
            help=f"Name of the demo municipality (default {DEFAULT_NAME}).",
        )
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="Password of every demo account."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Generate only when the database has no municipality yet; otherwise print "
            "the demo logins (used by make run).",
        )
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Only print the demo logins of an existing demo municipality.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete this demo municipality first if it exists (audit lines are kept).",
        )

    def handle(
        self,
        *args,
        residents,
        seed,
        questions=None,
        municipality_code,
        name,
        password,
        replace,
        logins,
        if_empty,
        **options,
    ):
        if if_empty and Municipality.objects.exists():
            logins = True
        if logins:
            self._print_logins(existing_accounts(), password)
            return
        code = municipality_code.strip().upper()
        try:
            validate_municipality_code(code)
        except Exception as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        verbosity = options.get("verbosity", 1)

        def progress(done: int, total: int) -> None:
            if verbosity > 1:
                self.stdout.write(
                    _("%(done)d of %(total)d residents") % {"done": done, "total": total}
                )

        def timing(step: str, seconds: float) -> None:
            if verbosity > 1:
                self.stdout.write(
                    _("step %(step)s: %(seconds).1f s") % {"step": step, "seconds": seconds}
                )

        started = time.perf_counter()
        try:
            summary = generate_demo(
                residents=residents,
                seed=seed,
                municipality_code=code,
                name=name,
                password=password,
                replace=replace,
                progress=progress,
                questions=questions,
                timing=timing,
            )
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - started
        if verbosity == 0:
            return
        counts = summary.counts
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo municipality %(name)s (%(code)s) generated in %(seconds).1f s: "
                    "%(residents)d residents in %(households)d households, %(districts)d "
                    "districts, %(neighbourhoods)d neighbourhoods, %(teams)d teams, "
                    "%(professionals)d professionals, %(involvements)d involvements."
                )
                % {
                    "name": summary.municipality.name,
                    "code": summary.municipality.code,
                    "seconds": seconds,
                    **counts,
                }
            )
        )
        self.stdout.write("")
        self._print_logins(summary.accounts, summary.password)

    def _print_logins(self, accounts, password: str) -> None:
        rows = [(_("Username"), _("Role"), _("Organisation"), _("Second factor"))]
        for account in accounts:
            rows.append(
                (
                    account.username,
                    account.role,
                    account.organisation,
                    f"make totp WHO={account.username}"
                    if account.needs_second_factor
                    else _("none (resident)"),
                )
            )
        widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
        for n, row in enumerate(rows):
            line = "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("")
        self.stdout.write(
            _("Password for every demo account: %(password)s") % {"password": password}
        )
        self.stdout.write(
            _(
                "Staff log in with a second factor: run the command shown above "
                "and type the six digits (or scan the QR code with an authenticator app)."
            )
        )
        for line in demo_api_client_lines():
            self.stdout.write(line)
