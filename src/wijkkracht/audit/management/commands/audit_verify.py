from django.core.management.base import BaseCommand, CommandError

from wijkkracht.audit.log import verify
from wijkkracht.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log: reports changed, inserted or removed lines."

    def handle(self, *args, **options):
        problems = verify()
        total = AuditEntry.objects.count()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"audit log NOT intact: {len(problems)} problem(s) in {total} lines")
        self.stdout.write(f"audit log intact: {total} lines verified")
