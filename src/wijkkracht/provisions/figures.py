"""Figures for the monitor: how interventions divide over general provisions, collective
arrangements and custom provisions, per neighbourhood of a municipality.

Counts plan actions that use a provision (not cancelled; done and open both count), by the
neighbourhood of the household's address, in one GROUP BY query plus one for the
neighbourhood names. No person is in the result; small-count suppression is the monitor's
job (``monitor``), as for every figure it shows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from wijkkracht.areas.models import Neighbourhood
from wijkkracht.plans.models import ActionStatus, PlanAction
from wijkkracht.provisions.models import ProvisionKind

_NEIGHBOURHOOD = "goal__plan__case__household__address__neighbourhood"


@dataclass(frozen=True)
class InterventionMix:
    neighbourhood_id: int
    code: str
    name: str
    general: int = 0
    collective: int = 0
    custom: int = 0

    @property
    def total(self) -> int:
        return self.general + self.collective + self.custom

    @property
    def general_or_collective(self) -> int:
        return self.general + self.collective

    @property
    def share_general_or_collective(self) -> Decimal | None:
        """Percentage (one decimal) of interventions that are general or collective;
        None when there are none."""
        if not self.total:
            return None
        share = Decimal(self.general_or_collective) * 100 / Decimal(self.total)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def intervention_counts(municipality) -> list[tuple[int, str, int]]:
    """(neighbourhood id, provision kind, number of plan actions): the one GROUP BY."""
    rows = (
        PlanAction.objects.filter(
            provision__isnull=False,
            goal__plan__case__municipality=municipality,
        )
        .exclude(status=ActionStatus.CANCELLED)
        .values_list(_NEIGHBOURHOOD, "provision__kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(nb, kind, n) for nb, kind, n in rows]


def intervention_mix(municipality, *, include_empty: bool = True) -> list[InterventionMix]:
    """Per neighbourhood of ``municipality`` (by CBS code): actions using general,
    collective and custom provisions. ``include_empty``: also neighbourhoods with none.
    Actions of households without a neighbourhood are left out."""
    counts: dict[int, dict[str, int]] = {}
    for neighbourhood_id, kind, n in intervention_counts(municipality):
        if neighbourhood_id is None:
            continue
        counts.setdefault(neighbourhood_id, {})[kind] = n
    neighbourhoods = Neighbourhood.objects.filter(municipality=municipality).order_by("code")
    if not include_empty:
        neighbourhoods = neighbourhoods.filter(pk__in=list(counts))
    return [
        InterventionMix(
            neighbourhood_id=nb.pk,
            code=nb.code,
            name=nb.name,
            general=counts.get(nb.pk, {}).get(ProvisionKind.GENERAL, 0),
            collective=counts.get(nb.pk, {}).get(ProvisionKind.COLLECTIVE, 0),
            custom=counts.get(nb.pk, {}).get(ProvisionKind.CUSTOM, 0),
        )
        for nb in neighbourhoods.only("pk", "code", "name")
    ]


def municipality_totals(municipality) -> InterventionMix:
    """The same figures for the municipality as a whole (neighbourhood id 0)."""
    totals = {kind: 0 for kind in ProvisionKind.values}
    for _nb, kind, n in intervention_counts(municipality):
        totals[kind] += n
    return InterventionMix(
        neighbourhood_id=0,
        code=municipality.code,
        name=municipality.name,
        general=totals[ProvisionKind.GENERAL],
        collective=totals[ProvisionKind.COLLECTIVE],
        custom=totals[ProvisionKind.CUSTOM],
    )
