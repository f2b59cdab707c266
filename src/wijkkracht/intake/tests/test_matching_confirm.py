"""Never merge on a weak match: a professional confirms, and only then is the question
linked and the team involved with the resident and their household."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.models import Action, AuditEntry, Purpose
from wijkkracht.households.models import Household
from wijkkracht.intake.matching import confirm_match
from wijkkracht.intake.models import SupportRequest
from wijkkracht.intake.tests.question_helpers import english, question_about  # noqa: F401
from wijkkracht.involvements.models import Involvement
from wijkkracht.residents.models import Resident
from wijkkracht.teams.models import TeamMembership

pytestmark = pytest.mark.django_db


def match_url(question) -> str:
    return f"/intake/{question.public_id}/match/"


def test_confirming_links_the_question_and_involves_the_team(cast, login_as):
    question = question_about(cast.stranger)  # routed to Wijkteam A2 (other_team)
    assert question.team.name == "Wijkteam A2"
    assert not Resident.objects.visible_to(cast.other_team).filter(pk=cast.stranger.pk).exists()

    response = login_as(cast.other_team).post(
        match_url(question), {"resident": str(cast.stranger.public_id)}
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.resident == cast.stranger
    involvement = Involvement.objects.get(resident=cast.stranger)
    assert involvement.team == question.team
    assert involvement.professional == cast.other_team
    assert involvement.household == cast.stranger.memberships.get().household
    assert involvement.organisation == question.team.organisation
    assert Resident.objects.visible_to(cast.other_team).filter(pk=cast.stranger.pk).exists()
    assert Household.objects.visible_to(cast.other_team).filter(pk=involvement.household_id)


def test_after_confirming_the_whole_team_sees_the_resident(cast, login_as):
    teammate = UserFactory(organisation=cast.other_team.organisation, municipalities=[cast.mun_a])
    question = question_about(cast.stranger)
    TeamMembership.objects.create(team=question.team, user=teammate)
    assert login_as(teammate).get(f"/residents/{cast.stranger.public_id}/").status_code == 404

    login_as(cast.other_team).post(match_url(question), {"resident": str(cast.stranger.public_id)})

    assert login_as(teammate).get(f"/residents/{cast.stranger.public_id}/").status_code == 200


def test_confirming_writes_audit_lines(cast):
    question = question_about(cast.stranger)

    involvement = confirm_match(
        support_request=question, resident=cast.stranger, actor=cast.other_team
    )

    linked = AuditEntry.objects.get(object_type="support_request", action=Action.UPDATE)
    assert (linked.purpose, linked.object_id, linked.detail) == (
        Purpose.INTAKE,
        str(question.public_id),
        {"match": "confirmed"},
    )
    involved = AuditEntry.objects.get(object_type="involvement")
    assert (involved.action, involved.object_id) == (Action.CREATE, str(involvement.public_id))
    for line in (linked, involved):
        assert line.user_id_value == cast.other_team.pk
        assert line.resident_pseudonym == str(cast.stranger.public_id)


def test_confirming_signals_other_organisations_in_the_referral_index(cast):
    from wijkkracht.involvements.models import ReferralMatch
    from wijkkracht.involvements.tests.factories import InvolvementFactory
    from wijkkracht.organisations.tests.factories import OrganisationFactory

    housing = OrganisationFactory(name="Woningcorporatie A", municipalities=[cast.mun_a])
    InvolvementFactory(
        resident=cast.stranger, organisation=housing, professional=cast.decision_officer
    )
    question = question_about(cast.stranger)

    involvement = confirm_match(
        support_request=question, resident=cast.stranger, actor=cast.other_team
    )

    assert ReferralMatch.objects.filter(involvement_b=involvement).exists()


def test_a_question_is_linked_only_once(cast):
    question = question_about(cast.stranger)
    confirm_match(support_request=question, resident=cast.stranger, actor=cast.other_team)

    with pytest.raises(ValidationError):
        confirm_match(support_request=question, resident=cast.mother, actor=cast.other_team)
    stale = SupportRequest.objects.get(pk=question.pk)
    stale.resident = None  # another tab still shows it unlinked
    with pytest.raises(ValidationError):
        confirm_match(support_request=stale, resident=cast.mother, actor=cast.other_team)
    assert SupportRequest.objects.get(pk=question.pk).resident == cast.stranger


def test_a_resident_of_another_municipality_cannot_be_linked(cast):
    question = question_about(cast.mother)

    with pytest.raises(ValidationError):
        confirm_match(support_request=question, resident=cast.resident_b, actor=cast.coordinator)
    assert not Involvement.objects.filter(resident=cast.resident_b, team=question.team).exists()


def test_an_existing_involvement_is_renewed_not_duplicated(cast):
    existing = Involvement.objects.get(resident=cast.mother)  # the cast's: team A1
    question = question_about(cast.mother)
    assert question.team == existing.team

    involvement = confirm_match(
        support_request=question, resident=cast.mother, actor=cast.coordinator
    )

    assert involvement.pk == existing.pk
    assert Involvement.objects.filter(resident=cast.mother).count() == 1
    existing.refresh_from_db()
    assert existing.last_activity_at >= question.received_at
    line = AuditEntry.objects.get(object_type="involvement")
    assert line.action == Action.UPDATE


def test_only_a_proposed_candidate_can_be_confirmed(cast, login_as):
    question = question_about(cast.stranger)

    response = login_as(cast.other_team).post(
        match_url(question), {"resident": str(cast.mother.public_id)}
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.resident is None
    assert not Involvement.objects.filter(resident=cast.mother, team=question.team).exists()


def test_no_match_leaves_the_question_unlinked_and_is_recorded(cast, login_as):
    question = question_about(cast.stranger)

    response = login_as(cast.other_team).post(match_url(question), {"resident": "none"})

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.resident is None
    assert not Involvement.objects.filter(resident=cast.stranger).exists()
    line = AuditEntry.objects.get(action=Action.UPDATE, object_id=str(question.public_id))
    assert line.detail == {"match": "none"} and line.purpose == Purpose.INTAKE


@pytest.mark.parametrize("who", ["coordinator", "outsider", "decision_officer", "policy_analyst"])
def test_who_does_not_handle_the_question_cannot_confirm(cast, login_as, who):
    question = question_about(cast.stranger, actor=cast.decision_officer, channel="desk")

    response = login_as(getattr(cast, who)).post(
        match_url(question), {"resident": str(cast.stranger.public_id)}
    )

    assert response.status_code == 404
    question.refresh_from_db()
    assert question.resident is None


def test_confirming_needs_a_post(cast, login_as):
    question = question_about(cast.stranger)

    response = login_as(cast.other_team).get(match_url(question))

    assert response.status_code == 405
