"""Print the current six-digit code of a user's authenticator app, for the local demo.

Refused on a real installation: it works only with DEBUG on or WIJKKRACHT_DEMO=true."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkkracht.accounts.models import User
from wijkkracht.accounts.second_factor import confirmed_devices, current_code


class Command(BaseCommand):
    help = "Print the current six-digit login code of a user (local demo only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG and os.environ.get("WIJKKRACHT_DEMO", "").lower() != "true":
            raise CommandError(
                "totp_code is for the local demo only: set WIJKKRACHT_DEMO=true or DEBUG=true."
            )
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user with username {username!r}.")
        device = confirmed_devices(user).order_by("pk").first()
        if device is None:
            raise CommandError(
                f"{username} has no authenticator app set up yet; log in once to set one up."
            )
        self.stdout.write(current_code(device))
