"""manage.py expire_involvements: end involvements without activity for the expiry period."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wijkkracht.involvements.expiry import expire_involvements


class Command(BaseCommand):
    help = (
        "End every involvement without activity for INVOLVEMENT_EXPIRY_DAYS days (ended_on "
        "becomes its expiry day). Safe to run daily; a second run ends nothing."
    )

    def handle(self, *args, **options):
        count = expire_involvements()
        if options.get("verbosity", 1) > 0:
            self.stdout.write(
                _("%(count)d involvements expired (no activity for %(days)d days).")
                % {"count": count, "days": settings.INVOLVEMENT_EXPIRY_DAYS}
            )
