"""Address → neighbourhood → the responsible neighbourhood team; otherwise the
municipality-wide intake queue (team None)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from wijkkracht.areas.models import Address
from wijkkracht.teams.models import Team


@dataclass(frozen=True)
class Route:
    address: Address | None
    team: Team | None
    note: str


def route(
    *, municipality, postcode: str, house_number: int | None, house_number_addition: str = ""
) -> Route:
    if not postcode or not house_number:
        return Route(None, None, _("No address given: municipality-wide intake queue."))
    addresses = Address.objects.filter(
        municipality=municipality, postcode=postcode, house_number=house_number
    ).select_related("neighbourhood")
    address = None
    if house_number_addition:
        wanted = house_number_addition.upper().replace("-", "")
        for candidate in addresses:
            if (candidate.house_letter + candidate.house_number_addition).upper() == wanted:
                address = candidate
                break
    if address is None:
        found = list(addresses[:2])
        address = found[0] if len(found) == 1 else None
    if address is None:
        return Route(None, None, _("Address not found: municipality-wide intake queue."))
    if address.neighbourhood_id is None:
        return Route(address, None, _("Address without neighbourhood: intake queue."))
    team = (
        Team.objects.for_neighbourhood(address.neighbourhood)
        .filter(municipality=municipality)
        .order_by("pk")
        .first()
    )
    if team is None:
        return Route(
            address,
            None,
            _("No team covers %(nb)s: intake queue.") % {"nb": address.neighbourhood.name},
        )
    return Route(
        address,
        team,
        _("Neighbourhood %(nb)s → %(team)s.")
        % {"nb": address.neighbourhood.name, "team": team.name},
    )
