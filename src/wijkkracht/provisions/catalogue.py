"""Use cases that keep the provision catalogue: create and change a provision, add a
tariff, contract a provider. Each validates the whole change first (nothing is written
when anything is wrong: ``django.core.exceptions.ValidationError`` with messages per
field), runs in one transaction and writes its own audit line."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, Purpose
from wijkkracht.provisions.models import Contract, Provision, Tariff

# The fields a manager may set on a provision.
EDITABLE = (
    "kind",
    "name",
    "description",
    "law",
    "product_category",
    "product_code",
    "unit",
    "location",
    "schedule",
    "organiser",
    "is_active",
)


def _audit(actor, action: Action, provision: Provision, **detail) -> None:
    record(
        user=actor,
        action=action,
        purpose=Purpose.ADMINISTRATION,
        object_type="provision",
        object_id=str(provision.public_id),
        detail=detail or None,
    )


def _check_organisation(municipality, organisation, field: str) -> None:
    if (
        organisation is not None
        and not organisation.municipalities.filter(pk=municipality.pk).exists()
    ):
        raise ValidationError(
            {field: _("Choose an organisation that works in this municipality.")},
            code="organisation_elsewhere",
        )


def _save(provision: Provision) -> None:
    provision.full_clean()
    try:
        with transaction.atomic():
            provision.save()
    except IntegrityError as exc:  # the unique name, under a race
        raise ValidationError(
            {"name": _("This municipality already has a provision with this name.")}
        ) from exc


def create_provision(*, municipality, data: dict[str, Any], actor) -> Provision:
    provision = Provision(municipality=municipality)
    for name in EDITABLE:
        if name in data:
            setattr(provision, name, data[name])
    _check_organisation(municipality, provision.organiser, "organiser")
    with transaction.atomic():
        _save(provision)
        _audit(actor, Action.CREATE, provision, kind=provision.kind, name=provision.name)
    return provision


def update_provision(*, provision: Provision, data: dict[str, Any], actor) -> list[str]:
    """Change the fields in ``data``; returns the names of the fields that changed."""
    changed = []
    for name in EDITABLE:
        if name in data and getattr(provision, name) != data[name]:
            setattr(provision, name, data[name])
            changed.append(name)
    if not changed:
        return []
    _check_organisation(provision.municipality, provision.organiser, "organiser")
    provision.updated_at = timezone.now()
    with transaction.atomic():
        _save(provision)
        _audit(actor, Action.UPDATE, provision, changed=changed)
    return changed


def parse_amount(value) -> Decimal:
    """A tariff as Decimal: positive, at most two decimals; never a float."""
    if isinstance(value, float):
        raise ValidationError({"amount": _("Enter the tariff as an amount in euros.")})
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"amount": _("Enter the tariff as an amount in euros.")}) from exc
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({"amount": _("A tariff must be more than zero euros.")})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({"amount": _("A tariff has at most two decimals (cents).")})
    return amount


def add_tariff(*, provision: Provision, amount, valid_from: datetime.date, actor) -> Tariff:
    """A new tariff from ``valid_from`` on; a tariff for the same date is replaced."""
    amount = parse_amount(amount)
    if not provision.unit:
        raise ValidationError(
            {"amount": _("Set the unit of the provision first: a tariff is per unit.")}
        )
    with transaction.atomic():
        tariff, created = Tariff.objects.update_or_create(
            provision=provision, valid_from=valid_from, defaults={"amount": amount}
        )
        _audit(
            actor,
            Action.CREATE if created else Action.UPDATE,
            provision,
            tariff=str(amount),
            valid_from=valid_from.isoformat(),
        )
    return tariff


def add_contract(
    *,
    provision: Provision,
    provider,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    actor,
) -> Contract:
    contract = Contract(
        provision=provision, provider=provider, starts_on=starts_on, ends_on=ends_on
    )
    contract.full_clean()
    _check_organisation(provision.municipality, provider, "provider")
    with transaction.atomic():
        contract.save()
        _audit(
            actor,
            Action.CREATE,
            provision,
            contract=contract.pk,
            provider=provider.pk,
            starts_on=starts_on.isoformat(),
            ends_on=ends_on.isoformat() if ends_on else None,
        )
    return contract


def end_contract(*, contract: Contract, ends_on: datetime.date, actor) -> Contract:
    contract.ends_on = ends_on
    contract.full_clean()
    with transaction.atomic():
        contract.save(update_fields=["ends_on"])
        _audit(actor, Action.UPDATE, contract.provision, contract=contract.pk, ends_on=str(ends_on))
    return contract
