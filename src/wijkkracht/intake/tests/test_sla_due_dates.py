"""The service level: first contact within N working days of receipt, per municipality;
a question is overdue after its due day without a first contact, or when the contact came
late."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from wijkkracht.areas.tests.factories import MunicipalityFactory
from wijkkracht.intake.models import SupportRequest
from wijkkracht.intake.sla import first_contact_due

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.django_db
def test_due_date_respects_the_municipality_setting_and_holidays():
    five = MunicipalityFactory(code="GM9101")
    three = MunicipalityFactory(code="GM9102", first_contact_days=3)
    received = dt.datetime(2024, 12, 24, 16, 30, tzinfo=AMS)
    assert first_contact_due(five, received) == dt.date(2025, 1, 3)
    assert first_contact_due(three, received) == dt.date(2024, 12, 31)


@pytest.mark.django_db
def test_late_evening_utc_counts_from_the_local_day():
    municipality = MunicipalityFactory(code="GM9103", first_contact_days=1)
    # 23:30 UTC on Thursday is already Friday in Amsterdam: due the next Monday.
    received = dt.datetime(2025, 3, 6, 23, 30, tzinfo=dt.UTC)
    assert first_contact_due(municipality, received) == dt.date(2025, 3, 10)


def test_overdue_without_contact_after_the_due_day():
    today = timezone.localdate()
    assert SupportRequest(first_contact_due=today - dt.timedelta(days=1)).is_overdue
    assert not SupportRequest(first_contact_due=today).is_overdue


def test_a_late_first_contact_stays_overdue_and_an_early_one_is_not():
    due = dt.date(2025, 3, 10)
    late = SupportRequest(
        first_contact_due=due, first_contact_at=dt.datetime(2025, 3, 11, 10, tzinfo=AMS)
    )
    early = SupportRequest(
        first_contact_due=due, first_contact_at=dt.datetime(2025, 3, 10, 16, tzinfo=AMS)
    )
    assert late.is_overdue
    assert not early.is_overdue
