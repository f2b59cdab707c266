import factory

from wijkkracht.organisations.tests.factories import OrganisationFactory
from wijkkracht.teams.models import Team, TeamMembership


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    municipality = factory.SubFactory("wijkkracht.areas.tests.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    kind = Team.Kind.NEIGHBOURHOOD
    organisation = factory.SubFactory(OrganisationFactory)

    class Params:
        expert = factory.Trait(
            kind=Team.Kind.EXPERT, name=factory.Sequence(lambda n: f"Expertiseteam {n}")
        )

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighbourhoods.set(extracted)


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory("wijkkracht.accounts.tests.factories.UserFactory")
    is_lead = False
