"""Reporting an involvement to the referral index signals a match but never opens the
record: otherwise anyone could look a person up by typing in a BSN."""

from wijkkracht.involvements.models import ReferralMatch
from wijkkracht.involvements.referral_index import register_involvement
from wijkkracht.organisations.models import Organisation
from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.residents.models import Resident


def test_a_reported_involvement_signals_but_does_not_give_access(cast, client, login_as):
    housing = OrganisationFactory(
        name="Woonstichting A",
        kind=Organisation.Kind.HOUSING_CORPORATION,
        municipalities=[cast.mun_a],
    )
    cast.other_team.organisation = housing
    cast.other_team.save()
    involvement = register_involvement(
        actor=cast.other_team,
        resident=cast.mother,
        reason="Huurachterstand",
        notify_by_email=False,
    )
    assert involvement.grants_access is False
    assert ReferralMatch.objects.count() == 1
    assert not Resident.objects.visible_to(cast.other_team).filter(pk=cast.mother.pk).exists()
    login_as(cast.other_team)
    assert client.get(f"/residents/{cast.mother.public_id}/").status_code == 404


def test_an_involvement_from_intake_work_gives_access(cast):
    involvement = register_involvement(
        actor=cast.other_team,
        resident=cast.stranger,
        reason="Intake",
        grants_access=True,
        notify_by_email=False,
    )
    assert involvement.grants_access is True
    assert Resident.objects.visible_to(cast.other_team).filter(pk=cast.stranger.pk).exists()
