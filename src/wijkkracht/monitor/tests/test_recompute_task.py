"""The background task and the management command recompute a municipality's figures."""

import pytest
from django.core.management import CommandError, call_command

from wijkkracht.monitor.models import PrecomputedFigure
from wijkkracht.monitor.tasks import recompute_monitor


def test_the_task_recomputes_the_given_municipality(cast):
    result = recompute_monitor.call([cast.mun_a.code])
    assert set(result) == {cast.mun_a.code}
    assert PrecomputedFigure.objects.filter(municipality=cast.mun_a).exists()
    assert not PrecomputedFigure.objects.filter(municipality=cast.mun_b).exists()


def test_the_command_recomputes_all_municipalities(cast, capsys):
    call_command("recompute_monitor")
    out = capsys.readouterr().out
    assert cast.mun_a.code in out and cast.mun_b.code in out
    assert PrecomputedFigure.objects.filter(municipality=cast.mun_b).exists()


def test_the_command_names_an_unknown_municipality(cast):
    with pytest.raises(CommandError, match="GM0000"):
        call_command("recompute_monitor", "--municipality", "GM0000")


def test_the_command_can_enqueue_instead(cast, capsys):
    call_command("recompute_monitor", "--municipality", cast.mun_a.code, "--enqueue")
    assert "Enqueued" in capsys.readouterr().out
    assert not PrecomputedFigure.objects.exists()  # the worker does the work
