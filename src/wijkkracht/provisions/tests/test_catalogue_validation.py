import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.provisions import catalogue as use_cases
from wijkkracht.provisions.models import Contract, Provision, Tariff, validate_product_code

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2026, 1, 1)


@pytest.mark.parametrize("amount", ["0", "0.00", "-5", "abc", "", "12.345", "NaN", "Infinity"])
def test_a_tariff_must_be_a_positive_amount_in_cents(cast, catalogue, amount):
    with pytest.raises(ValidationError) as exc:
        use_cases.add_tariff(
            provision=catalogue["custom"], amount=amount, valid_from=JAN_1, actor=cast.admin
        )
    assert "amount" in exc.value.message_dict
    assert not Tariff.objects.exists()
    assert not AuditEntry.objects.filter(object_type="provision").exists()


def test_a_float_is_never_a_tariff(cast, catalogue):
    with pytest.raises(ValidationError):
        use_cases.add_tariff(
            provision=catalogue["custom"], amount=62.5, valid_from=JAN_1, actor=cast.admin
        )


def test_a_tariff_is_stored_as_decimal_and_the_newest_started_one_applies(cast, catalogue):
    from wijkkracht.provisions.service import current_tariff

    provision = catalogue["custom"]
    use_cases.add_tariff(provision=provision, amount="60,25", valid_from=JAN_1, actor=cast.admin)
    use_cases.add_tariff(
        provision=provision,
        amount=Decimal("64.10"),
        valid_from=datetime.date(2027, 1, 1),
        actor=cast.admin,
    )
    assert current_tariff(provision, datetime.date(2026, 6, 1)).amount == Decimal("60.25")
    assert current_tariff(provision, datetime.date(2027, 1, 1)).amount == Decimal("64.10")
    assert current_tariff(provision, datetime.date(2025, 12, 31)) is None


def test_the_database_refuses_a_tariff_of_zero(catalogue):
    with pytest.raises(IntegrityError), transaction.atomic():
        Tariff.objects.create(provision=catalogue["custom"], amount=0, valid_from=JAN_1)


def test_the_tariff_form_names_what_is_wrong(cast, catalogue, login_as):
    client = login_as(cast.policy_analyst)
    url = reverse("provisions:add_tariff", args=[catalogue["custom"].public_id])
    response = client.post(url, {"amount": "-3", "valid_from": "2026-01-01"})
    assert response.status_code == 400
    assert "A tariff must be more than zero euros." in response.content.decode()
    assert not Tariff.objects.exists()
    response = client.post(url, {"amount": "32,50", "valid_from": "01-01-2026"})
    assert response.status_code == 302
    assert Tariff.objects.get().amount == Decimal("32.50")


@pytest.mark.parametrize("code", ["0201", "02A011", "02a01", "02-01", "ABCD!"])
def test_a_product_code_has_five_digits_or_capitals(code):
    with pytest.raises(ValidationError):
        validate_product_code(code)


@pytest.mark.parametrize("code", ["02A01", "45A53", "12345", ""])
def test_well_formed_product_codes_pass(code):
    validate_product_code(code)


def test_a_malformed_product_code_is_refused_and_nothing_written(cast):
    with pytest.raises(ValidationError) as exc:
        use_cases.create_provision(
            municipality=cast.mun_a,
            data={
                "kind": "custom",
                "name": "Begeleiding",
                "law": "wmo_2015",
                "product_category": "02",
                "product_code": "2A1",
                "unit": "04",
            },
            actor=cast.policy_analyst,
        )
    assert "product_code" in exc.value.message_dict
    assert not Provision.objects.exists()


def test_a_custom_provision_needs_a_law_and_a_fitting_category(cast):
    with pytest.raises(ValidationError) as exc:
        use_cases.create_provision(
            municipality=cast.mun_a,
            data={"kind": "custom", "name": "Zonder wet"},
            actor=cast.policy_analyst,
        )
    assert "law" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        use_cases.create_provision(
            municipality=cast.mun_a,
            data={"kind": "custom", "name": "Jeugd", "law": "jeugdwet", "product_category": "02"},
            actor=cast.policy_analyst,
        )
    assert "product_category" in exc.value.message_dict
    assert not Provision.objects.exists()


def test_two_provisions_of_one_municipality_have_different_names(cast, catalogue):
    with pytest.raises(ValidationError) as exc:
        use_cases.create_provision(
            municipality=cast.mun_a,
            data={"kind": "general", "name": "Maaltijdclub"},
            actor=cast.policy_analyst,
        )
    assert "name" in exc.value.message_dict
    # Another municipality may use the same name.
    use_cases.create_provision(
        municipality=cast.mun_b, data={"kind": "general", "name": "Maaltijdclub"}, actor=None
    )


def test_a_contract_ending_before_it_starts_is_refused(cast, catalogue):
    provider = OrganisationFactory(municipalities=[cast.mun_a])
    with pytest.raises(ValidationError) as exc:
        use_cases.add_contract(
            provision=catalogue["custom"],
            provider=provider,
            starts_on=JAN_1,
            ends_on=datetime.date(2025, 12, 31),
            actor=cast.policy_analyst,
        )
    assert "ends_on" in exc.value.message_dict
    assert not Contract.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.create(
            provision=catalogue["custom"],
            provider=provider,
            starts_on=JAN_1,
            ends_on=datetime.date(2025, 1, 1),
        )


def test_the_contract_form_refuses_an_end_before_the_start(cast, catalogue, login_as):
    provider = OrganisationFactory(name="Zorg Thuis", municipalities=[cast.mun_a])
    client = login_as(cast.policy_analyst)
    url = reverse("provisions:add_contract", args=[catalogue["custom"].public_id])
    data = {"provider": provider.pk, "starts_on": "2026-02-01", "ends_on": "2026-01-31"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "A contract cannot end before it starts." in response.content.decode()
    assert not Contract.objects.exists()
    response = client.post(url, {**data, "ends_on": "2027-01-31"})
    assert response.status_code == 302
    assert Contract.objects.get().provider == provider


def test_a_provider_must_work_in_the_municipality(cast, catalogue):
    elsewhere = OrganisationFactory(municipalities=[cast.mun_b])
    with pytest.raises(ValidationError) as exc:
        use_cases.add_contract(
            provision=catalogue["custom"],
            provider=elsewhere,
            starts_on=JAN_1,
            ends_on=None,
            actor=cast.policy_analyst,
        )
    assert "provider" in exc.value.message_dict
    assert not Contract.objects.exists()
