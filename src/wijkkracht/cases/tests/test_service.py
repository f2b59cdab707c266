import pytest

from wijkkracht.cases.models import TimelineEntry
from wijkkracht.cases.service import add_timeline_entry, open_case_of


def test_other_apps_add_attributed_lines_to_the_timeline(cast, case):
    entry = add_timeline_entry(
        case=case,
        kind=TimelineEntry.Kind.PLAN,
        summary="Plan versie 2 vastgesteld",
        actor=cast.colleague,
        member=cast.son,
    )
    assert case.timeline.filter(kind="plan").get() == entry
    assert (entry.actor, entry.member) == (cast.colleague, cast.son)


def test_an_unknown_timeline_kind_is_a_programming_error(cast, case):
    with pytest.raises(ValueError):
        add_timeline_entry(case=case, kind="gossip", summary="x", actor=cast.colleague)


def test_the_open_case_of_a_household(cast, case):
    assert open_case_of(cast.household) == case
    assert open_case_of(cast.household_b) is None
