from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkkracht.accounts.models import Discipline, Role, User
from wijkkracht.api.models import ApiClient
from wijkkracht.demo.accounts import DEMO_ACCOUNTS
from wijkkracht.demo.api_clients import demo_client_id
from wijkkracht.households.models import Household
from wijkkracht.residents.models import Resident
from wijkkracht.teams.models import Team


def test_every_role_has_a_demo_account(demo):
    roles = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "role", flat=True
        )
    )
    # Partner systems are API clients (demo/api_clients), not login accounts.
    api_client = ApiClient.objects.get(client_id=demo_client_id(demo.municipality))
    roles.add(api_client.user.role)
    assert roles == set(Role.values)


def test_staff_demo_accounts_log_in_with_the_password_and_a_confirmed_second_factor(demo):
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.check_password(demo.password)
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        assert has_device == user.needs_second_factor
        if user.is_staff_role:
            assert list(user.municipalities.all()) == [demo.municipality]


def test_professionals_of_every_discipline_work_in_the_teams(demo):
    disciplines = set(
        User.objects.filter(teams__municipality=demo.municipality).values_list(
            "discipline", flat=True
        )
    )
    assert disciplines >= set(Discipline.values)


def test_each_neighbourhood_team_covers_one_to_three_neighbourhoods(demo):
    teams = Team.objects.filter(municipality=demo.municipality)
    assert teams.filter(kind=Team.Kind.EXPERT).count() == 1
    covered = []
    for team in teams.filter(kind=Team.Kind.NEIGHBOURHOOD):
        count = team.neighbourhoods.count()
        assert 1 <= count <= 3
        covered += list(team.neighbourhoods.values_list("pk", flat=True))
    assert sorted(covered) == sorted(demo.municipality.neighbourhoods.values_list("pk", flat=True))


def test_the_coordinator_sees_a_case_load_and_not_everyone(demo):
    coordinator = User.objects.get(username="regisseur")
    visible = Resident.objects.visible_to(coordinator)
    assert visible.exists()
    assert visible.count() < Resident.objects.count()
    assert Household.objects.visible_to(coordinator).exists()
    assert coordinator.involvements.exists()


def test_the_policy_analyst_sees_no_person(demo):
    assert not Resident.objects.visible_to(User.objects.get(username="beleid")).exists()


def test_the_resident_account_belongs_to_a_resident_in_the_coordinators_case_load(demo):
    resident_user = User.objects.get(username="inwoner")
    coordinator = User.objects.get(username="regisseur")
    assert list(Resident.objects.visible_to(resident_user)) == [resident_user.resident]
    assert Resident.objects.visible_to(coordinator).filter(pk=resident_user.resident_id).exists()
