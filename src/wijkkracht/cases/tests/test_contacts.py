import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkkracht.cases.contacts import register_contact
from wijkkracht.cases.models import TimelineEntry


def test_a_contact_is_a_timeline_line_at_the_time_it_took_place(cast, case):
    at = timezone.now() - dt.timedelta(days=2)
    entry = register_contact(
        case=case,
        at=at,
        method="visit",
        summary="Huisbezoek, kennismaking",
        member=cast.mother,
        actor=cast.colleague,
    )
    assert entry.kind == TimelineEntry.Kind.CONTACT
    assert entry.at == at
    assert entry.member == cast.mother
    assert "Huisbezoek, kennismaking" in entry.summary


def test_a_contact_in_the_future_is_refused(cast, case):
    with pytest.raises(ValidationError):
        register_contact(
            case=case,
            at=timezone.now() + dt.timedelta(days=1),
            method="phone",
            summary="Later",
            actor=cast.coordinator,
        )
    assert not case.timeline.filter(kind=TimelineEntry.Kind.CONTACT).exists()


def test_a_contact_is_recorded_through_the_case_page(cast, case, login_as):
    response = login_as(cast.coordinator).post(
        f"/cases/{case.public_id}/contacts/",
        {
            "at": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "method": "phone",
            "summary": "Gebeld over de schuldhulp",
            "member": str(cast.mother.public_id),
        },
        follow=True,
    )
    assert "Gebeld over de schuldhulp" in response.content.decode()
    assert case.timeline.get(kind=TimelineEntry.Kind.CONTACT).member == cast.mother
