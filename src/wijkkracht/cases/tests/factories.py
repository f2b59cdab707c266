import datetime

import factory
from django.utils import timezone

from wijkkracht.cases.models import Case, CaseStatus, ClosingReason, Escalation, TimelineEntry


class CaseFactory(factory.django.DjangoModelFactory):
    """A case; pass household, team and coordinator from the cast for access tests."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    household = factory.SubFactory("wijkkracht.households.tests.factories.HouseholdFactory")
    municipality = factory.SelfAttribute("household.municipality")
    team = factory.SubFactory(
        "wijkkracht.teams.tests.factories.TeamFactory",
        municipality=factory.SelfAttribute("..municipality"),
    )
    coordinator = factory.SubFactory("wijkkracht.accounts.tests.factories.UserFactory")
    status = CaseStatus.INTAKE

    class Params:
        active = factory.Trait(status=CaseStatus.ACTIVE)
        closed = factory.Trait(
            status=CaseStatus.CLOSED,
            closed_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30)),
            closing_reason=ClosingReason.GOALS_ACHIEVED,
        )
        escalated = factory.Trait(
            status=CaseStatus.ACTIVE,
            escalation=factory.RelatedFactory(
                "wijkkracht.cases.tests.factories.EscalationFactory", factory_related_name="case"
            ),
        )


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    case = factory.SubFactory(CaseFactory, active=True)
    expert_team = factory.SubFactory(
        "wijkkracht.teams.tests.factories.TeamFactory",
        expert=True,
        municipality=factory.SelfAttribute("..case.municipality"),
    )
    reason = "Meervoudige problematiek, veiligheid kinderen"
    escalated_by = factory.SelfAttribute("case.coordinator")


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEntry

    case = factory.SubFactory(CaseFactory)
    kind = TimelineEntry.Kind.CONTACT
    summary = factory.Sequence(lambda n: f"Huisbezoek {n}")
    actor = factory.SelfAttribute("case.coordinator")
