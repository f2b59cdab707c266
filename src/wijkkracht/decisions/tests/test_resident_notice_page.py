"""The resident sees the notice "your help stops soon" on their own page; a professional
looking at the same resident does not get the resident's notices."""

import datetime as dt

import pytest
from django.urls import reverse

from wijkkracht.decisions.reminders import create_reminders

pytestmark = pytest.mark.django_db


def test_own_page_shows_the_notice_in_plain_words(cast, client, login_as, granted):
    create_reminders(today=granted.end_date - dt.timedelta(weeks=8))
    login_as(cast.resident_user)
    response = client.get(reverse("residents:detail", args=[cast.mother.public_id]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your help stops soon" in text
    assert granted.provision.name in text
    assert granted.end_date.strftime("%d-%m-%Y") in text


def test_no_notice_before_the_reminder(cast, client, login_as, granted):
    login_as(cast.resident_user)
    response = client.get(reverse("residents:detail", args=[cast.mother.public_id]))
    assert "Your help stops soon" not in response.content.decode()


def test_a_professional_does_not_see_the_residents_notices(cast, client, login_as, granted):
    create_reminders(today=granted.end_date - dt.timedelta(weeks=8))
    login_as(cast.coordinator)
    response = client.get(reverse("residents:detail", args=[cast.mother.public_id]))
    assert response.status_code == 200
    assert "Your help stops soon" not in response.content.decode()
