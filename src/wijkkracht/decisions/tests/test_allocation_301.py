"""The 301 assignment data is complete for a granted decision and follows the changes."""

import datetime as dt
from decimal import Decimal

import pytest

from wijkkracht.decisions import changing
from wijkkracht.decisions.allocation import message_301, missing_301_fields
from wijkkracht.decisions.models import Allocation, Decision
from wijkkracht.decisions.tests.conftest import TODAY, grant_terms
from wijkkracht.provisions.models import Contract

pytestmark = pytest.mark.django_db


def test_a_granted_decision_yields_a_complete_301(cast, granted, provider):
    message = message_301(granted)
    assert missing_301_fields(message) == []
    assert message["berichtcode"] == "WMO301"
    assert message["client"]["bsn"] == cast.mother.bsn
    (product,) = message["toegewezen_producten"]
    assert product == {
        "toewijzingnummer": str(granted.allocations.get().pk),
        "productcategorie": "02",
        "productcode": "02A01",
        "toewijzingsdatum": dt.date.today().strftime("%Y%m%d") and product["toewijzingsdatum"],
        "ingangsdatum": TODAY.strftime("%Y%m%d"),
        "einddatum": (TODAY + dt.timedelta(days=180)).strftime("%Y%m%d"),
        "aanbieder": {"naam": "Thuiszorg A", "agb_code": None},
        "omvang": {"volume": "3", "eenheid": "04", "frequentie": "2"},
    }
    assert message["verwijzer"] == {"type": "01"}


def test_a_request_is_not_complete(requested):
    assert "toegewezen_producten" in missing_301_fields(message_301(requested))


def test_the_bsn_is_never_copied_into_decision_tables():
    from wijkkracht.decisions import models

    for model in (models.Decision, models.Allocation, models.DecisionEvent, models.Reminder):
        assert not [f for f in model._meta.get_fields() if "bsn" in f.name]


def test_an_extension_keeps_the_assignment_number(cast, granted, provider):
    number = granted.allocations.get().pk
    terms = grant_terms(provider, end_date=TODAY + dt.timedelta(days=365))
    terms.pop("start_date")
    changing.change(decision=granted, reason="Verlengd", actor=cast.decision_officer, **terms)
    allocation = Allocation.objects.get()
    assert allocation.pk == number
    assert allocation.end_date == TODAY + dt.timedelta(days=365)
    assert allocation.change_reason == "04"


def test_another_volume_ends_the_assignment_and_starts_a_new_one(cast, granted, provider):
    terms = grant_terms(provider, volume=Decimal("5"))
    terms.pop("start_date")
    changing.change(
        decision=granted,
        effective_from=TODAY + dt.timedelta(days=30),
        reason="Meer nodig",
        actor=cast.decision_officer,
        **terms,
    )
    old, new = Allocation.objects.order_by("pk")
    assert old.end_date == TODAY + dt.timedelta(days=29)
    assert old.change_reason == "05"
    assert new.start_date == TODAY + dt.timedelta(days=30)
    assert new.volume == Decimal("5")
    assert missing_301_fields(message_301(Decision.objects.get(pk=granted.pk))) == []


def test_another_provider_gives_reason_09(cast, granted, provision, other_provider):
    Contract.objects.create(provision=provision, provider=other_provider, starts_on=TODAY)
    terms = grant_terms(other_provider)
    terms.pop("start_date")
    changing.change(
        decision=granted,
        effective_from=TODAY + dt.timedelta(days=10),
        reason="Andere aanbieder",
        actor=cast.decision_officer,
        **terms,
    )
    old, new = Allocation.objects.order_by("pk")
    assert old.change_reason == "09"
    assert new.provider == other_provider


def test_ending_moves_the_end_date_with_the_reason(cast, granted):
    changing.end(
        decision=granted,
        ended_on=TODAY + dt.timedelta(days=40),
        end_reason="07",
        reason="Verhuisd naar Gemeente B",
        actor=cast.decision_officer,
    )
    allocation = Allocation.objects.get()
    assert allocation.end_date == TODAY + dt.timedelta(days=40)
    assert allocation.change_reason == "07"
    assert message_301(granted)["toegewezen_producten"][0]["reden_wijziging"] == "07"


def test_the_providers_agb_code_goes_into_the_301(granted, provider):
    provider.agb_code = "75751234"
    provider.save(update_fields=["agb_code"])
    (product,) = message_301(granted)["toegewezen_producten"]
    assert product["aanbieder"] == {"naam": "Thuiszorg A", "agb_code": "75751234"}


def test_an_agb_code_has_eight_digits(provider):
    from django.core.exceptions import ValidationError

    provider.agb_code = "1234"
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "agb_code" in error.value.message_dict
