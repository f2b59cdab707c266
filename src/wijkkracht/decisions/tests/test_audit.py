"""Every read of a decision and every change writes an audit line, with the resident's
pseudonymous id and never a BSN."""

import datetime as dt

import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.decisions import changing
from wijkkracht.decisions.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _lines(**filters):
    return AuditEntry.objects.filter(object_type="decision", **filters)


def test_request_grant_change_end_each_write_a_line(cast, requested, provider):
    from wijkkracht.decisions.deciding import grant
    from wijkkracht.decisions.tests.conftest import grant_terms

    created = _lines(action="create", object_id=str(requested.public_id)).get()
    assert created.detail["step"] == "request"
    assert created.resident_pseudonym == str(cast.mother.public_id)
    grant(decision=requested, actor=cast.decision_officer, **grant_terms(provider))
    terms = grant_terms(provider, end_date=TODAY + dt.timedelta(days=300))
    terms.pop("start_date")
    changing.change(decision=requested, reason="Langer", actor=cast.decision_officer, **terms)
    changing.end(
        decision=requested,
        ended_on=TODAY + dt.timedelta(days=20),
        end_reason="05",
        reason="Klaar",
        actor=cast.decision_officer,
    )
    steps = list(
        _lines(action="update", object_id=str(requested.public_id))
        .order_by("seq")
        .values_list("detail__step", flat=True)
    )
    assert steps == ["grant", "change", "end"]
    assert set(_lines().values_list("resident_pseudonym", flat=True)) == {
        str(cast.mother.public_id)
    }


def test_reading_the_page_writes_a_read_line(cast, requested, login_as):
    login_as(cast.decision_officer).get(reverse("decisions:detail", args=[requested.public_id]))
    line = _lines(action="read", username="decision_officer").get()
    assert line.object_id == str(requested.public_id)
    assert line.resident_pseudonym == str(cast.mother.public_id)
    assert line.outcome == "allowed"


def test_the_work_list_writes_a_line_per_decision_shown(cast, requested, login_as):
    login_as(cast.decision_officer).get(reverse("decisions:worklist"))
    assert _lines(action="read", object_id=str(requested.public_id)).count() == 1


def test_the_letter_is_an_export(cast, granted, login_as):
    login_as(cast.coordinator).get(reverse("decisions:letter", args=[granted.public_id]))
    assert _lines(action="export", object_id=str(granted.public_id)).count() == 1


def test_no_bsn_in_any_line(cast, granted, login_as):
    login_as(cast.decision_officer).get(reverse("decisions:detail", args=[granted.public_id]))
    for line in AuditEntry.objects.all():
        assert cast.mother.bsn not in str(line.detail)
        assert cast.mother.bsn not in line.object_id


def test_denied_read_is_audited(cast, requested, login_as):
    login_as(cast.other_team).get(reverse("decisions:detail", args=[requested.public_id]))
    assert _lines(outcome="denied", object_id=str(requested.public_id)).count() == 1
