"""Working days as the intake figures count them agree with core.working_days, across
weekends and Dutch public holidays."""

import datetime as dt
import random

from wijkkracht.core.working_days import add_working_days, working_days_between
from wijkkracht.intake.figures import WorkingDayIndex


def test_the_index_agrees_with_working_days_between_on_random_ranges():
    rng = random.Random(3)
    index = WorkingDayIndex()
    base = dt.date(2024, 1, 1)
    for _ in range(500):
        start = base + dt.timedelta(days=rng.randint(0, 900))
        end = start + dt.timedelta(days=rng.randint(-5, 60))
        assert index.between(start, end) == working_days_between(start, end)


def test_christmas_and_new_year_are_not_working_days():
    # Tue 24 Dec 2024: 27, 30, 31 Dec, 2 and 3 Jan are the next five working days.
    assert add_working_days(dt.date(2024, 12, 24), 5) == dt.date(2025, 1, 3)
    assert working_days_between(dt.date(2024, 12, 24), dt.date(2025, 1, 3)) == 5
    assert WorkingDayIndex().between(dt.date(2024, 12, 24), dt.date(2025, 1, 3)) == 5


def test_kings_day_on_a_saturday_moves_to_no_extra_day_off_in_the_week():
    # King's Day 2025 is Saturday 26 April: Fri 25 and Mon 28 are working days.
    assert working_days_between(dt.date(2025, 4, 24), dt.date(2025, 4, 28)) == 2
