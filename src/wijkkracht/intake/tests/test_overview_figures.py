"""Intake figures per team and quarter (intake.figures): the counting rules, the waiting
time percentiles in working days, and disclosure control of small numbers."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkkracht.intake.figures import (
    IntakeFigures,
    Quarter,
    disclosed,
    figures_by_team,
    municipality_figures,
    percentile,
    team_figures,
)
from wijkkracht.intake.models import Channel, IntakeOutcome, Status, SupportRequest
from wijkkracht.monitor.aggregates import MARKER
from wijkkracht.teams.models import Team

AMS = ZoneInfo("Europe/Amsterdam")
Q1 = Quarter(2025, 1)
TODAY = dt.date(2025, 4, 15)
REFERENCES = itertools.count()


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=AMS)


def make(
    municipality,
    team,
    *,
    received,
    contact=None,
    closed=None,
    outcome="",
    due=None,
    channel=Channel.PHONE,
    n=1,
):
    status = Status.CLOSED if closed else Status.CONTACTED if contact else Status.NEW
    SupportRequest.objects.bulk_create(
        [
            SupportRequest(
                municipality=municipality,
                team=team,
                channel=channel,
                description="Vraag",
                received_at=at(received),
                first_contact_due=due or received + dt.timedelta(days=7),
                first_contact_at=at(contact, 11) if contact else None,
                status=status,
                closed_at=at(closed, 12) if closed else None,
                outcome=outcome,
                reference=f"HV-T{next(REFERENCES):07d}",
            )
            for i in range(n)
        ]
    )


@pytest.fixture
def a1(cast):
    return Team.objects.get(name="Wijkteam A1")


def test_quarters_parse_and_bound_by_local_midnight():
    assert Quarter.parse("2025-Q3") == Quarter(2025, 3)
    assert Quarter.parse("2025-Q5") is None and Quarter.parse("") is None
    assert (Quarter(2025, 4).start, Quarter(2025, 4).end) == (
        dt.date(2025, 10, 1),
        dt.date(2026, 1, 1),
    )
    assert Quarter(2025, 1).previous() == Quarter(2024, 4)
    assert Quarter.containing(dt.date(2025, 6, 30)) == Quarter(2025, 2)
    start, _end = Q1.bounds()
    assert start.astimezone(AMS).hour == 0


def test_percentile_interpolates_between_ranks():
    assert percentile([], 0.9) is None
    assert percentile([4], 0.9) == 4
    assert percentile(list(range(1, 11)), 0.9) == pytest.approx(9.1)


def test_questions_in_and_channels_count_what_was_received_in_the_quarter(cast, a1):
    make(cast.mun_a, a1, received=dt.date(2025, 2, 3), n=12, channel=Channel.PORTAL)
    make(cast.mun_a, a1, received=dt.date(2025, 3, 3), n=3, channel=Channel.SCHOOL)
    make(cast.mun_a, a1, received=dt.date(2025, 4, 1), n=5)  # next quarter
    figures = team_figures(a1, Q1, today=TODAY)
    assert figures.questions_in == 15
    assert figures.channels[Channel.PORTAL] == 12
    assert figures.channels[Channel.SCHOOL] == 3
    assert figures.channels[Channel.PHONE] == 0


def test_waiting_time_is_counted_in_working_days(cast, a1):
    # Mon 3 Feb: contact the same day (0), Wed 5 Feb (2), Mon 10 Feb (5).
    monday = dt.date(2025, 2, 3)
    make(cast.mun_a, a1, received=monday, contact=monday)
    make(cast.mun_a, a1, received=monday, contact=dt.date(2025, 2, 5), n=2)
    make(cast.mun_a, a1, received=monday, contact=dt.date(2025, 2, 10))
    figures = team_figures(a1, Q1, today=TODAY)
    assert figures.contacted == 4
    assert figures.wait_median == 2
    assert figures.wait_p90 == pytest.approx(2 + 0.7 * 3)


def test_outcomes_count_closures_in_the_quarter_and_overdue_is_counted_today(cast, a1):
    jan = dt.date(2025, 1, 6)
    make(
        cast.mun_a,
        a1,
        received=jan,
        contact=jan,
        closed=dt.date(2025, 1, 20),
        outcome=IntakeOutcome.ANSWERED,
        n=2,
    )
    make(
        cast.mun_a,
        a1,
        received=jan,
        contact=jan,
        closed=dt.date(2025, 4, 2),
        outcome=IntakeOutcome.REFERRED,
    )  # closed in Q2
    make(cast.mun_a, a1, received=dt.date(2024, 11, 4), due=dt.date(2024, 11, 11), n=3)
    make(cast.mun_a, a1, received=dt.date(2025, 4, 14), due=dt.date(2025, 4, 22))  # not yet due
    figures = team_figures(a1, Q1, today=TODAY)
    assert figures.closed == 2
    assert figures.outcomes == {"answered": 2, "case_opened": 0, "referred": 0}
    assert figures.overdue_now == 3


def test_figures_by_team_keeps_teams_queue_and_municipalities_apart(cast, a1):
    a2 = Team.objects.get(name="Wijkteam A2")
    b1 = Team.objects.get(name="Wijkteam B1")
    feb = dt.date(2025, 2, 4)
    make(cast.mun_a, a1, received=feb, n=4)
    make(cast.mun_a, a2, received=feb, n=2)
    make(cast.mun_a, None, received=feb, n=3)
    make(cast.mun_b, b1, received=feb, n=7)
    with CaptureQueriesContext(connection) as queries:
        figures = figures_by_team(Q1, municipality_ids=[cast.mun_a.pk], today=TODAY)
    assert {key: f.questions_in for key, f in figures.items()} == {
        (cast.mun_a.pk, a1.pk): 4,
        (cast.mun_a.pk, a2.pk): 2,
        (cast.mun_a.pk, None): 3,
    }
    assert len(queries) <= 9  # four grouped queries per scope and the team owners
    assert municipality_figures(cast.mun_a, Q1, today=TODAY).questions_in == 9
    assert team_figures(None, Q1, municipality=cast.mun_a, today=TODAY).questions_in == 3


def test_small_counts_are_hidden_and_cannot_be_worked_out():
    channels = dict.fromkeys(Channel.values, 12)
    channels[Channel.GP] = 3
    figures = IntakeFigures(
        questions_in=sum(channels.values()),
        contacted=9,
        wait_median=2,
        wait_p90=4,
        overdue_now=0,
        closed=40,
        outcomes={"answered": 20, "case_opened": 10, "referred": 10},
        channels=channels,
    )
    shown = disclosed(figures)
    cells = dict(shown.channels)
    assert str(cells[Channel.GP]) == MARKER
    assert cells[Channel.GP].value is None  # the number itself is not kept
    # GP could be worked out from the total: so one more cell is hidden.
    assert shown.questions_in.suppressed or sum(c.suppressed for c in cells.values()) > 1
    assert shown.overdue_now.suppressed  # zero is a small count too
    assert shown.wait_median.suppressed  # fewer than ten first contacts
    assert [str(cell) for _o, cell in shown.outcomes] == ["20", "10", "10"]


def test_waiting_times_are_shown_from_ten_first_contacts(cast, a1):
    monday = dt.date(2025, 2, 3)
    make(cast.mun_a, a1, received=monday, contact=dt.date(2025, 2, 4), n=10)
    shown = disclosed(team_figures(a1, Q1, today=TODAY))
    assert shown.wait_median.value == 1
    assert shown.wait_p90.value == 1
