"""Run the daily decision run now (expire, reminders) and make sure the next nightly run
is scheduled on the background worker. ``--ensure-scheduled`` only schedules."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wijkkracht.decisions import tasks


class Command(BaseCommand):
    help = "Expire decisions past their end date, make reminders, schedule the nightly run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ensure-scheduled",
            action="store_true",
            dest="only_schedule",
            help="Do not run now; only make sure the nightly run is scheduled.",
        )

    def handle(self, *args, only_schedule: bool = False, **options):
        if not only_schedule:
            counts = tasks.run_now()
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
        if tasks.ensure_scheduled():
            self.stdout.write("Nightly decision run scheduled.")
        else:
            self.stdout.write("Nightly decision run already scheduled (or no worker backend).")
