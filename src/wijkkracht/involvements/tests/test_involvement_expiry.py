import datetime

from django.core.management import call_command
from django.utils import timezone

from wijkkracht.audit.models import AuditEntry
from wijkkracht.involvements.models import Involvement
from wijkkracht.involvements.tests.factories import InvolvementFactory


def test_expire_involvements_ends_only_expired_ones_and_is_idempotent(cast, capsys, settings):
    settings.INVOLVEMENT_EXPIRY_DAYS = 100
    last = timezone.now() - datetime.timedelta(days=150)
    old = InvolvementFactory(
        resident=cast.stranger, professional=cast.other_team, last_activity_at=last
    )
    fresh = Involvement.objects.get(professional=cast.coordinator)
    call_command("expire_involvements")
    assert capsys.readouterr().out.startswith("1 ")
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.ended_on == timezone.localdate(last + datetime.timedelta(days=100))
    assert fresh.ended_on is None
    line = AuditEntry.objects.get(object_type="involvement")
    assert line.resident_pseudonym == str(cast.stranger.public_id)
    call_command("expire_involvements")
    assert capsys.readouterr().out.startswith("0 ")
    assert AuditEntry.objects.filter(object_type="involvement").count() == 1


def test_expiry_date_follows_the_last_activity(cast, settings):
    settings.INVOLVEMENT_EXPIRY_DAYS = 10
    involvement = Involvement.objects.get(professional=cast.coordinator)
    expected = timezone.localdate(involvement.last_activity_at + datetime.timedelta(days=10))
    assert involvement.expires_on == expected
