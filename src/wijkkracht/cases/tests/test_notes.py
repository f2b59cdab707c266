import pytest
from django.core.exceptions import ValidationError

from wijkkracht.cases.models import Note, TimelineEntry
from wijkkracht.cases.notes import add_note


def test_a_sensitive_note_is_readable_by_author_and_coordinator_only(cast, case):
    note = add_note(
        case=case,
        text="Vermoeden van huiselijk geweld",
        confidentiality=Note.Confidentiality.SENSITIVE,
        actor=cast.colleague,
    )
    assert note.readable_by(cast.colleague, case)
    assert note.readable_by(cast.coordinator, case)
    assert not note.readable_by(cast.team_lead, case)
    entry = case.timeline.get(kind=TimelineEntry.Kind.NOTE)
    assert "geweld" not in entry.summary


def test_a_normal_note_about_a_member_is_in_the_timeline(cast, case):
    add_note(
        case=case,
        text="Daan gaat weer naar school",
        confidentiality=Note.Confidentiality.NORMAL,
        member=cast.son,
        actor=cast.coordinator,
    )
    entry = case.timeline.get(kind=TimelineEntry.Kind.NOTE)
    assert entry.member == cast.son
    assert entry.note.readable_by(cast.team_lead, case)


def test_a_note_about_someone_outside_the_household_is_refused(cast, case):
    with pytest.raises(ValidationError):
        add_note(
            case=case,
            text="Buurman",
            confidentiality=Note.Confidentiality.NORMAL,
            member=cast.stranger,
            actor=cast.coordinator,
        )
    assert not Note.objects.exists()
