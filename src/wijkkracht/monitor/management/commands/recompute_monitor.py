"""manage.py recompute_monitor [--municipality GM0001 ...] [--enqueue | --ensure-scheduled]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from wijkkracht.areas.models import Municipality
from wijkkracht.monitor.recompute import recompute
from wijkkracht.monitor.tasks import ensure_scheduled, recompute_monitor


class Command(BaseCommand):
    help = "Recompute every figure of the neighbourhood monitor (all municipalities or some)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality",
            action="append",
            dest="codes",
            metavar="GM....",
            help="CBS code of a municipality; repeat for more. Default: all.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Put the work on the background queue instead of doing it now.",
        )
        parser.add_argument(
            "--ensure-scheduled",
            action="store_true",
            help="Only make sure the nightly recomputation waits on the background queue.",
        )

    def handle(self, *args, codes=None, enqueue=False, **options):
        if options.get("ensure_scheduled"):
            if ensure_scheduled():
                self.stdout.write("Nightly recomputation scheduled.")
            else:
                self.stdout.write("Nightly recomputation already scheduled (or no worker backend).")
            return
        codes = [c.strip().upper() for c in codes or []]
        unknown = set(codes) - set(
            Municipality.objects.filter(code__in=codes).values_list("code", flat=True)
        )
        if unknown:
            raise CommandError(f"Unknown municipality code(s): {', '.join(sorted(unknown))}")
        if enqueue:
            result = recompute_monitor.enqueue(codes or None)
            self.stdout.write(f"Enqueued: {result.id}")
            return
        for code, outcome in recompute(codes or None).items():
            self.stdout.write(f"{code}: {outcome['figures']} figures in {outcome['seconds']} s")
