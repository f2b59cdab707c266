from wijkkracht.residents.models import Resident


def test_coordinator_sees_the_household_members(cast):
    visible = set(Resident.objects.visible_to(cast.coordinator))
    assert visible == {cast.mother, cast.son}


def test_colleague_in_same_team_sees_through_the_team_involvement(cast):
    assert set(Resident.objects.visible_to(cast.colleague)) == {cast.mother, cast.son}


def test_professional_of_other_team_sees_nobody(cast):
    assert not Resident.objects.visible_to(cast.other_team).exists()


def test_professional_of_other_municipality_sees_only_own_municipality(cast):
    assert set(Resident.objects.visible_to(cast.outsider)) == {cast.resident_b}


def test_policy_analyst_never_sees_a_person(cast):
    assert not Resident.objects.visible_to(cast.policy_analyst).exists()


def test_resident_sees_only_themself(cast):
    assert list(Resident.objects.visible_to(cast.resident_user)) == [cast.mother]


def test_name_search_ignores_accents_and_prefix(cast):
    cast.stranger.surname_prefix = "de"
    cast.stranger.surname = "Bäkker"
    cast.stranger.save()
    found = Resident.objects.filter(municipality=cast.mun_a).search(name="de bakker")
    assert cast.stranger in set(found)


def test_name_search_folds_letters_without_decomposition(cast):
    cast.stranger.surname = "Yılmaz"
    cast.stranger.save()
    found = Resident.objects.filter(municipality=cast.mun_a).search(name="yilmaz")
    assert list(found) == [cast.stranger]
