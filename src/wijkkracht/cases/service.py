"""What other apps may call on a household case. Keep it small.

Plans, assessments and contacts write their own audit lines; they add the line of the
household's timeline through ``add_timeline_entry`` so the case page shows it."""

from __future__ import annotations

from wijkkracht.cases.changes import may_manage, may_work_on
from wijkkracht.cases.models import Case, TimelineEntry

__all__ = ["add_timeline_entry", "may_manage", "may_work_on", "open_case_of"]


def add_timeline_entry(
    *, case: Case, kind: TimelineEntry.Kind | str, summary: str, actor, member=None
) -> TimelineEntry:
    """One attributed line in the timeline (no personal content beyond ``summary``: the
    page shows it to everyone who may see the case). Call inside the caller's transaction."""
    if kind not in TimelineEntry.Kind.values:
        raise ValueError(f"unknown timeline kind: {kind}")
    return TimelineEntry.objects.create(
        case=case, kind=kind, summary=summary[:300], actor=actor, member=member
    )


def open_case_of(household) -> Case | None:
    return Case.objects.open().filter(household=household).first()
