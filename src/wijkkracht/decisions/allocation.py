"""The allocation data of the iWmo/iJw assignment message (301, "Toewijzing"), per
assigned product (ToegewezenProduct).

Sources (Zorginstituut Nederland, iStandaarden iWmo 3.2 / iJw 3.2):

- "Casusbeschrijvingen bij de releases iWmo 3.2 en iJw 3.2" (istandaarden.nl,
  casusbeschrijvingen-iwmo-3.2-en-ijw-3.2.pdf): the ToegewezenProduct of a 301 holds
  Toewijzingnummer, Referentie aanbieder, Productcategorie, Productcode,
  Toewijzingsdatum, Ingangsdatum, Einddatum, Reden wijziging and the Omvang (Volume,
  Eenheid, Frequentie); the Client is identified by BSN.
- Informatiemodel iStandaarden: a Toewijzing has toewijzingnummer, date, start date,
  end date [0..1] and budget [0..1]; its product has a category and a code [0..1] with an
  Omvang; with a budget only the product category is given. The Verwijzer has type, name
  and AGB code.
- Code lists iWmo/iJw 3.2: Eenheid WJ756, Frequentie WMO757, Code verwijzer COD327,
  Reden wijziging toewijzing WMO002/JZ002 (https://informatiemodel.istandaarden.nl/
  informatiemodel/iwmo/3.2/codelijsten/wmo002/).

What changes an assignment (OP033x1, OP257, OP380 in the same sources): a longer or
shorter period moves the end date of the same assignment (reason 04 or 05); another
volume, unit, frequency or provider ends the current assignment (reason 05, or 09 for
another provider) and starts a new one with a new number; an assignment that never
started is ended on its start date with reason 13."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wijkkracht.decisions.models import Allocation, ChangeReason, Decision
from wijkkracht.provisions.models import Law

MESSAGE_CODES = {Law.WMO: "WMO301", Law.YOUTH: "JW301"}
AMOUNT_UNIT = "83"  # WJ756 "Euro's": an assignment as a budget


def needs_allocation(decision: Decision) -> bool:
    """Only Wmo and Youth Act products with a product category go out as a 301."""
    return decision.law in MESSAGE_CODES and bool(decision.provision.product_category)


def new_allocation(decision: Decision, *, start_date: dt.date) -> Allocation:
    provision = decision.provision
    budget = decision.budget if decision.budget is not None else None
    return Allocation.objects.create(
        decision=decision,
        product_category=provision.product_category,
        # With a budget the product is assigned by category only.
        product_code="" if budget is not None else provision.product_code,
        allocated_on=timezone.localdate(),
        start_date=start_date,
        end_date=decision.end_date,
        volume=decision.volume,
        unit=decision.unit,
        frequency=decision.frequency,
        budget=budget,
        provider_id=decision.provider_id,
    )


def current_allocation(decision: Decision) -> Allocation | None:
    return decision.allocations.order_by("-pk").first()


def move_end(allocation: Allocation, *, end_date: dt.date, reason: str) -> None:
    allocation.end_date = max(end_date, allocation.start_date)
    allocation.change_reason = reason
    allocation.changed_at = timezone.now()
    allocation.save(update_fields=["end_date", "change_reason", "changed_at"])


def stop_and_replace(
    decision: Decision, *, effective_from: dt.date, reason: str
) -> Allocation | None:
    """End the current assignment the day before ``effective_from`` (or remove it when it
    had not started) and start a new one from ``effective_from``."""
    current = current_allocation(decision)
    if current is not None:
        if effective_from <= current.start_date:
            move_end(current, end_date=current.start_date, reason=ChangeReason.REMOVED)
        else:
            move_end(current, end_date=effective_from - dt.timedelta(days=1), reason=reason)
    return new_allocation(decision, start_date=effective_from)


def _date(value: dt.date | None) -> str | None:
    return value.strftime("%Y%m%d") if value else None


def _cents(value) -> int | None:
    return None if value is None else int(value * 100)


def message_301(decision: Decision) -> dict:
    """The data of a 301 for ``decision``: client, referrer and every assigned product.
    The BSN is read from the resident here; it is stored nowhere else. Dates as
    ``yyyymmdd`` and amounts in euro cents, as in the message."""
    resident = decision.resident
    referrer = {"type": decision.referrer_type}
    if decision.referrer_name:
        referrer["name"] = decision.referrer_name
    if decision.referrer_agb:
        referrer["agb_code"] = decision.referrer_agb
    products = []
    for allocation in decision.allocations.select_related("provider").order_by("pk"):
        product = {
            "toewijzingnummer": str(allocation.number),
            "productcategorie": allocation.product_category,
            "toewijzingsdatum": _date(allocation.allocated_on),
            "ingangsdatum": _date(allocation.start_date),
            "einddatum": _date(allocation.end_date),
            "aanbieder": {
                "naam": allocation.provider.name,
                "agb_code": getattr(allocation.provider, "agb_code", "") or None,
            },
        }
        if allocation.product_code:
            product["productcode"] = allocation.product_code
        if allocation.budget is not None:
            product["budget"] = _cents(allocation.budget)
        else:
            product["omvang"] = {
                "volume": format(allocation.volume.normalize(), "f"),
                "eenheid": allocation.unit,
                "frequentie": allocation.frequency,
            }
        if allocation.change_reason:
            product["reden_wijziging"] = allocation.change_reason
        products.append(product)
    return {
        "berichtcode": MESSAGE_CODES.get(decision.law, "WMO301"),
        "gemeente": decision.municipality.code[2:],
        "client": {
            "bsn": resident.bsn or None,
            "geboortedatum": _date(resident.date_of_birth),
            "achternaam": resident.surname,
        },
        "verwijzer": referrer,
        "beschikkingnummer": decision.reference,
        "toegewezen_producten": products,
    }


REQUIRED_PRODUCT_FIELDS = (
    "toewijzingnummer",
    "productcategorie",
    "toewijzingsdatum",
    "ingangsdatum",
    "einddatum",
    "aanbieder",
)


def missing_301_fields(message: dict) -> list[str]:
    """What a 301 would lack: empty means complete."""
    missing = []
    if not message["client"]["bsn"]:
        missing.append("client.bsn")
    if not message["verwijzer"].get("type"):
        missing.append("verwijzer.type")
    if not message["toegewezen_producten"]:
        missing.append("toegewezen_producten")
    for i, product in enumerate(message["toegewezen_producten"]):
        for name in REQUIRED_PRODUCT_FIELDS:
            if not product.get(name):
                missing.append(f"toegewezen_producten[{i}].{name}")
        if "budget" not in product:
            for name in ("volume", "eenheid", "frequentie"):
                if not product.get("omvang", {}).get(name):
                    missing.append(f"toegewezen_producten[{i}].omvang.{name}")
    return missing
