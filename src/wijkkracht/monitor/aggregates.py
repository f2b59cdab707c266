"""Figures per district and neighbourhood for policy analysts and team leads: counts only,
never a person, with statistical disclosure control.

Counting rules
--------------
* A resident counts in the neighbourhood of the address of their current household (a
  current membership of a household that has not ended). Residents without a current
  household, or at an address without a neighbourhood, are not counted.
* Age bands by age today: 0-17, 18-64, 65 and older; together they make up the residents.
* A household counts when it has not ended and has at least one current member. It is a
  single-person household with exactly one current member, and a household with children
  when at least one current member is 0-17.
* An active involvement (see ``Involvement.objects.active``) counts in the neighbourhood
  of its resident's current household.

Every figure comes from three GROUP BY queries, whatever the number of neighbourhoods.

Disclosure control
------------------
* Primary suppression: every count below ``THRESHOLD`` (zero included) is shown as
  ``MARKER``; the number itself never leaves this module.
* Secondary suppression: a district is the sum of its neighbourhoods, a municipality the
  sum of its districts, and in every row the residents are the sum of the three age
  bands. In each such relation, a single hidden cell could be worked out by subtraction,
  so as long as some relation has exactly one hidden cell, one more is hidden: the total
  when the hidden cell is a part, the smallest part when the hidden cell is the total.
  This repeats until no relation has exactly one hidden cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkkracht.areas.models import Neighbourhood
from wijkkracht.households.models import Household, HouseholdMembership
from wijkkracht.involvements.models import Involvement

THRESHOLD = 10
MARKER = "<10"

MEASURES: list[tuple[str, str]] = [
    ("residents", _("Residents")),
    ("age_0_17", _("Aged 0-17")),
    ("age_18_64", _("Aged 18-64")),
    ("age_65_plus", _("Aged 65 and over")),
    ("households", _("Households")),
    ("single_households", _("Single-person households")),
    ("households_with_children", _("Households with children")),
    ("active_involvements", _("Active involvements")),
]
MEASURE_KEYS = [key for key, _label in MEASURES]
AGE_BANDS = ["age_0_17", "age_18_64", "age_65_plus"]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# --- Queryset-level aggregates ---------------------------------------------------------


def current_memberships(municipality_ids: Iterable[int]) -> QuerySet:
    return HouseholdMembership.objects.current().filter(
        household__ended_on__isnull=True,
        household__municipality_id__in=list(municipality_ids),
        household__address__neighbourhood__isnull=False,
    )


def residents_per_neighbourhood(municipality_ids: Iterable[int], *, today: dt.date) -> QuerySet:
    """One row per neighbourhood: residents and residents per age band."""
    adult = _years_before(today, 18)
    senior = _years_before(today, 65)
    born = "resident__date_of_birth"
    return (
        current_memberships(municipality_ids)
        .values(neighbourhood=F("household__address__neighbourhood_id"))
        .annotate(
            residents=Count("resident_id", distinct=True),
            age_0_17=Count("resident_id", distinct=True, filter=Q(**{f"{born}__gt": adult})),
            age_18_64=Count(
                "resident_id",
                distinct=True,
                filter=Q(**{f"{born}__lte": adult, f"{born}__gt": senior}),
            ),
            age_65_plus=Count("resident_id", distinct=True, filter=Q(**{f"{born}__lte": senior})),
        )
        .order_by()
    )


def households_per_neighbourhood(municipality_ids: Iterable[int], *, today: dt.date) -> QuerySet:
    """One row per neighbourhood: households, single-person households, households with
    children."""
    members = HouseholdMembership.objects.current().filter(household=OuterRef("pk"))
    member_count = Subquery(
        members.order_by().values("household").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )
    child = members.filter(resident__date_of_birth__gt=_years_before(today, 18))
    return (
        Household.objects.filter(
            Exists(members),
            ended_on__isnull=True,
            municipality_id__in=list(municipality_ids),
            address__neighbourhood__isnull=False,
        )
        .alias(member_count=member_count, has_child=Exists(child))
        .values(neighbourhood=F("address__neighbourhood_id"))
        .annotate(
            households=Count("pk"),
            single_households=Count("pk", filter=Q(member_count=1)),
            households_with_children=Count("pk", filter=Q(has_child=True)),
        )
        .order_by()
    )


def involvements_per_neighbourhood(municipality_ids: Iterable[int]) -> QuerySet:
    """One row per neighbourhood: active involvements, placed by the resident's current
    household."""
    home = (
        current_memberships(municipality_ids)
        .filter(resident_id=OuterRef("resident_id"))
        .order_by("-started_on", "-pk")
        .values("household__address__neighbourhood_id")[:1]
    )
    return (
        Involvement.objects.active()
        .filter(municipality_id__in=list(municipality_ids))
        .annotate(neighbourhood=Subquery(home, output_field=IntegerField()))
        .filter(neighbourhood__isnull=False)
        .values("neighbourhood")
        .annotate(active_involvements=Count("pk"))
        .order_by()
    )


def neighbourhood_counts(
    municipality_ids: Iterable[int], *, today: dt.date | None = None
) -> dict[int, dict[str, int]]:
    """Raw counts per neighbourhood id (before disclosure control; keep them inside)."""
    ids = list(municipality_ids)
    today = today or timezone.localdate()
    counts: dict[int, dict[str, int]] = {}
    for rows in (
        residents_per_neighbourhood(ids, today=today),
        households_per_neighbourhood(ids, today=today),
        involvements_per_neighbourhood(ids),
    ):
        for row in rows:
            target = counts.setdefault(row.pop("neighbourhood"), {})
            target.update(row)
    return counts


# --- Disclosure control ----------------------------------------------------------------


def suppress(
    values: dict[Hashable, int],
    relations: list[tuple[Hashable, list[Hashable]]],
    *,
    threshold: int = THRESHOLD,
    unpublished: Iterable[Hashable] = (),
    keep_totals: bool = False,
) -> set[Hashable]:
    """The cells to hide: primary (below ``threshold``) and secondary (module docstring).
    ``relations`` lists (total, parts) with total == sum(parts). ``unpublished`` cells
    (a remainder such as "no neighbourhood known") are never shown, so they count as
    hidden from the start; they are part of the result. With ``keep_totals``, a hidden
    part is covered by hiding the smallest shown part rather than the total, so that
    totals (the municipality) stay visible wherever possible."""
    hidden = {cell for cell, value in values.items() if value < threshold}
    hidden.update(unpublished)
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            if not parts:
                continue
            hidden_cells = [cell for cell in (total, *parts) if cell in hidden]
            if len(hidden_cells) != 1:
                continue
            shown_parts = [cell for cell in parts if cell not in hidden]
            if hidden_cells[0] == total or (keep_totals and shown_parts):
                hidden.add(min(shown_parts, key=lambda cell: values[cell]))
            else:
                hidden.add(total)
            changed = True
    return hidden


# --- The monitor table -----------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    measure: str
    value: int | None  # None: suppressed; the number is not kept

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return MARKER if self.value is None else str(self.value)


@dataclass(frozen=True)
class Row:
    level: str  # "municipality", "district" or "neighbourhood"
    code: str
    name: str
    cells: tuple[Cell, ...]


def monitor_table(user, *, today: dt.date | None = None) -> list[Row]:
    """The table of the user's municipalities: for each municipality its total, then each
    district followed by its neighbourhoods. Suppressed cells hold no number."""
    ids = user.municipality_ids()
    neighbourhoods = list(
        Neighbourhood.objects.filter(municipality_id__in=ids)
        .select_related("district", "municipality")
        .order_by("municipality__name", "municipality_id", "district__code", "code")
    )
    counts = neighbourhood_counts(ids, today=today)

    values: dict[tuple, int] = {}
    relations: list[tuple[tuple, list[tuple]]] = []
    layout: list[tuple[tuple, str, str, str]] = []  # (row key, level, code, name)
    children: dict[tuple, list[tuple]] = {}
    seen: set[tuple] = set()
    for nb in neighbourhoods:
        gm = ("municipality", nb.municipality_id)
        wk = ("district", nb.district_id)
        bu = ("neighbourhood", nb.pk)
        if gm not in seen:
            seen.add(gm)
            layout.append((gm, "municipality", nb.municipality.code, nb.municipality.name))
        if wk not in seen:
            seen.add(wk)
            layout.append((wk, "district", nb.district.code, nb.district.name))
            children.setdefault(gm, []).append(wk)
        layout.append((bu, "neighbourhood", nb.code, nb.name))
        children.setdefault(wk, []).append(bu)
        for measure in MEASURE_KEYS:
            values[(bu, measure)] = counts.get(nb.pk, {}).get(measure, 0)

    for level in ("district", "municipality"):  # districts first: municipalities sum them
        for parent, kids in children.items():
            if parent[0] != level:
                continue
            for measure in MEASURE_KEYS:
                values[(parent, measure)] = sum(values[(kid, measure)] for kid in kids)
                relations.append(((parent, measure), [(kid, measure) for kid in kids]))
    for key, *_rest in layout:
        relations.append(((key, "residents"), [(key, band) for band in AGE_BANDS]))

    hidden = suppress(values, relations)
    return [
        Row(
            level=level,
            code=code,
            name=name,
            cells=tuple(
                Cell(m, None if (key, m) in hidden else values[(key, m)]) for m in MEASURE_KEYS
            ),
        )
        for key, level, code, name in layout
    ]
