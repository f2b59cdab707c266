"""Legal time limits and reminder periods per municipality and law.

Defaults (a municipality sets its own per law in ``LawSettings``):

- Wmo 2015: decide within two weeks of receiving the application (art. 2.3.5, first
  paragraph, Wmo 2015) — 14 days.
- Jeugdwet: the act sets no term of its own, so the General Administrative Law Act
  applies: within the term set by law or else a reasonable term of at most eight weeks
  (Awb art. 4:13) — 56 days.
- Participatiewet: likewise eight weeks (Awb art. 4:13; art. 44 Participatiewet counts
  the right to assistance from the day of the report) — 56 days.
- Wet gemeentelijke schuldhulpverlening: a first conversation within four weeks of the
  request for help (art. 4a), the decision on admission within eight weeks after that
  conversation — at most twelve weeks after the request, 84 days.

Reminders: eight weeks before the end date, for every law (Huizen's "call before a
provision runs out")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from wijkkracht.decisions.models import LawSettings
from wijkkracht.provisions.models import Law

DEFAULT_REMINDER_WEEKS = 8


@dataclass(frozen=True)
class Limits:
    decide_within_days: int
    reminder_weeks: int = DEFAULT_REMINDER_WEEKS


DEFAULTS: dict[str, Limits] = {
    Law.WMO: Limits(14),
    Law.YOUTH: Limits(56),
    Law.PARTICIPATION: Limits(56),
    Law.DEBT_RELIEF: Limits(84),
}


def limits_for(municipality_id: int, law: str) -> Limits:
    row = (
        LawSettings.objects.filter(municipality_id=municipality_id, law=law)
        .values_list("decide_within_days", "reminder_weeks")
        .first()
    )
    if row is not None:
        return Limits(*row)
    return DEFAULTS.get(law, Limits(56))


def decide_by(municipality_id: int, law: str, requested_on: dt.date) -> dt.date:
    return requested_on + dt.timedelta(days=limits_for(municipality_id, law).decide_within_days)


def ending_within_reminder_period(today: dt.date, municipality_ids=None) -> Q:
    """A filter on decisions whose end date is today or within the reminder period of their
    municipality and law: an outer date range (so an index on the end date serves it), then
    one branch per configured (municipality, law) and one per default period. A handful of
    branches, whatever the number of decisions; with only the defaults, one range."""
    settings = LawSettings.objects.all()
    if municipality_ids is not None:
        settings = settings.filter(municipality_id__in=municipality_ids)
    configured = list(settings.values_list("municipality_id", "law", "reminder_weeks"))
    branches = Q(pk__in=[])
    taken: dict[str, list[int]] = {}
    for municipality_id, law, weeks in configured:
        branches |= Q(
            municipality_id=municipality_id,
            law=law,
            end_date__lte=today + dt.timedelta(weeks=weeks),
        )
        taken.setdefault(law, []).append(municipality_id)
    by_weeks: dict[int, list[str]] = {}
    for law in Law.values:
        by_weeks.setdefault(DEFAULTS.get(law, Limits(56)).reminder_weeks, []).append(law)
    all_weeks = [weeks for _m, _l, weeks in configured] + list(by_weeks)
    outer = Q(end_date__gte=today, end_date__lte=today + dt.timedelta(weeks=max(all_weeks)))
    if not configured and len(by_weeks) == 1:
        return outer
    for weeks, laws in by_weeks.items():
        for law in laws:
            branch = Q(law=law, end_date__lte=today + dt.timedelta(weeks=weeks))
            if taken.get(law):
                branch &= ~Q(municipality_id__in=taken[law])
            branches |= branch
    return outer & branches
