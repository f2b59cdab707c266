import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wijkkracht.accounts.tests.factories import UserFactory
from wijkkracht.audit.models import Action, AuditEntry
from wijkkracht.involvements.models import Involvement, MatchKind, Notice, ReferralMatch
from wijkkracht.involvements.referral_index import register_involvement
from wijkkracht.involvements.tests.factories import InvolvementFactory
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.teams.models import TeamMembership
from wijkkracht.teams.tests.factories import TeamFactory

CASE_CONTENT = "Schuldhulp na ontslag"  # the coordinator's reason: never in a notice


@pytest.fixture
def housing(cast):
    organisation = OrganisationFactory(
        name="Woonstichting A",
        kind=Organisation.Kind.HOUSING_CORPORATION,
        phone="010-7654321",
        municipalities=[cast.mun_a],
    )
    return UserFactory(
        username="woonconsulent",
        first_name="Ilse",
        last_name="Verbeek",
        email="ilse@woonstichting.example",
        phone="06-11112222",
        organisation=organisation,
        municipalities=[cast.mun_a],
    )


@pytest.fixture
def coordinator_involvement(cast):
    involvement = Involvement.objects.get(professional=cast.coordinator, resident=cast.mother)
    involvement.reason = CASE_CONTENT
    involvement.save()
    return involvement


def test_two_organisations_on_one_resident_make_one_match_and_notify_both(
    cast, housing, coordinator_involvement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        involvement = register_involvement(
            actor=housing, resident=cast.mother, reason="Huurachterstand"
        )
    match = ReferralMatch.objects.get()
    assert involvement.new_matches == [match]
    assert match.kind == MatchKind.PERSON
    assert match.resident == cast.mother
    assert {match.involvement_a, match.involvement_b} == {involvement, coordinator_involvement}
    notices = {n.recipient: n for n in Notice.objects.all()}
    assert set(notices) == {housing, cast.coordinator}
    assert notices[housing].other_involvement == coordinator_involvement
    assert notices[cast.coordinator].other_involvement == involvement
    assert all(n.emailed_at is not None for n in notices.values())
    assert sorted(m.to[0] for m in mail.outbox) == sorted([housing.email, cast.coordinator.email])


def test_the_mails_name_only_the_other_side_and_hold_no_case_content(
    cast, housing, coordinator_involvement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register_involvement(actor=housing, resident=cast.mother, reason="Huurachterstand")
    to = {m.to[0]: m.body for m in mail.outbox}
    to_coordinator = to[cast.coordinator.email]
    assert "Ilse Verbeek" in to_coordinator and "Woonstichting A" in to_coordinator
    assert "06-11112222" in to_coordinator and housing.email in to_coordinator
    assert "Fatima Bakker" in to_coordinator
    to_housing = to[housing.email]
    assert cast.coordinator.get_full_name() in to_housing and "Sociaal Werk A" in to_housing
    for body in to.values():
        assert CASE_CONTENT not in body and "Huurachterstand" not in body
        assert cast.mother.bsn not in body
        assert str(cast.mother.date_of_birth.year) not in body


def test_the_same_organisation_makes_no_match(cast, coordinator_involvement):
    register_involvement(actor=cast.colleague, resident=cast.mother, reason="Gezinscoaching")
    assert not ReferralMatch.objects.exists()
    assert not Notice.objects.exists()


def test_a_household_match_is_made_through_another_member(
    cast, housing, coordinator_involvement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        involvement = register_involvement(actor=housing, resident=cast.son, reason="Overlast")
    match = ReferralMatch.objects.get()
    assert match.kind == MatchKind.HOUSEHOLD
    assert match.household == cast.household and match.resident is None
    notice = Notice.objects.get(recipient=housing)
    assert notice.involvement == involvement
    # Each side is told about its own resident; the son's name does not reach the
    # coordinator through the notice, nor the mother's name the housing corporation.
    body = {m.to[0]: m.body for m in mail.outbox}[housing.email]
    assert "Daan Bakker" in body and "Fatima" not in body


def test_an_involvement_with_one_member_only_matches_a_household_involvement(cast, housing):
    # Without household involvement: the stranger's household has no other member involved.
    register_involvement(actor=housing, resident=cast.stranger, reason="Huurachterstand")
    assert not ReferralMatch.objects.exists()


def test_an_expired_involvement_makes_no_match(cast, housing, coordinator_involvement):
    Involvement.objects.filter(pk=coordinator_involvement.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=400)
    )
    register_involvement(actor=housing, resident=cast.mother, reason="Huurachterstand")
    assert not ReferralMatch.objects.exists()


def test_an_ended_involvement_makes_no_match(cast, housing, coordinator_involvement):
    Involvement.objects.filter(pk=coordinator_involvement.pk).update(
        ended_on=datetime.date(2024, 1, 1)
    )
    register_involvement(actor=housing, resident=cast.mother, reason="Huurachterstand")
    assert not ReferralMatch.objects.exists()


def test_reporting_twice_refreshes_the_involvement_and_signals_nothing_new(
    cast, housing, coordinator_involvement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = register_involvement(actor=housing, resident=cast.mother, reason="Huur")
    Involvement.objects.filter(pk=first.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = register_involvement(actor=housing, resident=cast.mother, reason="Huur")
    assert second.pk == first.pk and not second.was_created
    assert second.new_matches == []
    assert Involvement.objects.filter(professional=housing).count() == 1
    first.refresh_from_db()
    assert timezone.now() - first.last_activity_at < datetime.timedelta(minutes=1)
    assert ReferralMatch.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_team_involvement_notifies_the_team_members(cast, housing):
    other_org = OrganisationFactory(name="Jeugdzorg A", municipalities=[cast.mun_a])
    team = TeamFactory(municipality=cast.mun_a, organisation=other_org, name="Jeugdteam")
    members = [UserFactory(municipalities=[cast.mun_a]) for _ in range(2)]
    for member in members:
        TeamMembership.objects.create(team=team, user=member)
    InvolvementFactory(resident=cast.stranger, team=team, organisation=other_org)
    register_involvement(actor=housing, resident=cast.stranger, reason="Huurachterstand")
    assert set(Notice.objects.values_list("recipient", flat=True)) == {
        housing.pk,
        *(m.pk for m in members),
    }


def test_creating_a_match_is_audited_without_case_content(cast, housing, coordinator_involvement):
    register_involvement(actor=housing, resident=cast.mother, reason="Huurachterstand")
    line = AuditEntry.objects.get(object_type="referral_match")
    assert line.action == Action.CREATE
    assert line.resident_pseudonym == str(cast.mother.public_id)
    assert line.detail == {"kind": "person", "notices": 2}
    created = AuditEntry.objects.get(object_type="involvement", action=Action.CREATE)
    assert created.username == "woonconsulent"


def test_a_resident_of_another_municipality_cannot_be_reported(cast, housing):
    with pytest.raises(PermissionDenied):
        register_involvement(actor=housing, resident=cast.resident_b, reason="Huur")
    assert not Involvement.objects.filter(professional=housing).exists()


def test_a_mail_server_failure_leaves_the_notice_in_the_app(
    cast, housing, coordinator_involvement, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        register_involvement(actor=housing, resident=cast.mother, reason="Huurachterstand")
    assert Notice.objects.count() == 2
    assert not Notice.objects.filter(emailed_at__isnull=False).exists()
