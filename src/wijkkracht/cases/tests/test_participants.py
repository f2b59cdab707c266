import pytest
from django.core.exceptions import ValidationError

from wijkkracht.cases.models import Case, NetworkMember
from wijkkracht.cases.participants import (
    add_network_member,
    add_participant,
    end_participation,
    remove_network_member,
)


def test_a_participant_of_another_organisation_sees_the_case_while_taking_part(cast, case, partner):
    participant = add_participant(
        case=case, professional=partner, role="GGZ-behandelaar", actor=cast.coordinator
    )
    assert participant.organisation == partner.organisation
    assert Case.objects.visible_to(partner).filter(pk=case.pk).exists()
    end_participation(case=case, participant=participant, actor=cast.coordinator)
    participant.refresh_from_db()
    assert participant.until is not None
    assert not Case.objects.visible_to(partner).filter(pk=case.pk).exists()


def test_a_professional_of_another_municipality_cannot_take_part(cast, case):
    with pytest.raises(ValidationError):
        add_participant(case=case, professional=cast.outsider, role="x", actor=cast.coordinator)


def test_network_members_are_people_added_and_removed(cast, case):
    member = add_network_member(
        case=case,
        name="Oma Bakker",
        relation=NetworkMember.Relation.FAMILY,
        phone="0612345678",
        note="Haalt Daan op van school",
        actor=cast.coordinator,
    )
    assert case.network.get() == member
    remove_network_member(case=case, member=member, actor=cast.coordinator)
    assert not case.network.exists()
    assert case.timeline.filter(summary__contains="Oma Bakker").count() == 2


def test_a_network_member_needs_a_known_relation(cast, case):
    with pytest.raises(ValidationError):
        add_network_member(case=case, name="Iemand", relation="boss", actor=cast.coordinator)
