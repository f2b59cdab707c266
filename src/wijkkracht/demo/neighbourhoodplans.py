"""Demo: one published neighbourhood plan (wijkplan) per district of the demo
municipality, with how residents and partners took part, three or four priorities linked
to indicators, and actions with owners and dates. Texts are Dutch, like a real plan.

At most 99 districts, so a handful of bulk inserts whatever the number of residents."""

from __future__ import annotations

import datetime

from wijkkracht.areas.models import District
from wijkkracht.neighbourhoodplans.models import (
    ActionStatus,
    Engagement,
    NeighbourhoodPlan,
    PlanStatus,
    Priority,
    PriorityAction,
)
from wijkkracht.organisations.models import Organisation

K = Organisation.Kind

# (title, description, indicators, [(action, owner kind or name, team)])
PRIORITIES = (
    (
        "Minder eenzaamheid",
        "Veel ouderen in de wijk voelen zich alleen. We willen dat iedereen iemand heeft "
        "om mee te praten en weet waar de buurtkamer is.",
        ["zw04", "zw03", "kpi07"],
        [
            ("Elke week een open koffieochtend in de buurtkamer", K.SOCIAL_WORK, "Welzijn"),
            (
                "Vrijwilligers bezoeken 75-plussers die alleen wonen",
                K.SOCIAL_WORK,
                "Vrijwilligerspunt",
            ),
            ("Huisartsen en wijkverpleging verwijzen naar de buurtkamer", K.HEALTH, ""),
        ],
    ),
    (
        "Schulden eerder in beeld",
        "Mensen met betalingsachterstanden vragen vaak laat om hulp. We willen eerder "
        "langsgaan, zodat schulden niet groter worden en niemand zijn huis uit moet.",
        ["kpi01", "kpi05", "bo01"],
        [
            (
                "Binnen vijf werkdagen op huisbezoek na een signaal van de woonstichting",
                K.DEBT_SERVICES,
                "Vroegsignalering",
            ),
            ("Inloopspreekuur geldzaken in het wijkcentrum", K.DEBT_SERVICES, ""),
            ("Afspraken met de woonstichting over betalingsregelingen", K.HOUSING_CORPORATION, ""),
        ],
    ),
    (
        "Jongeren een plek in de wijk",
        "Jongeren zeggen dat er weinig te doen is. Buren ervaren soms overlast. Samen met "
        "jongeren maken we plekken en activiteiten waar ze zelf trots op zijn.",
        ["wl05", "wl01", "kpi08"],
        [
            ("Jongerenwerk op straat op vrijdag- en zaterdagavond", K.SOCIAL_WORK, "Jongerenwerk"),
            ("Jongeren kiezen zelf de inrichting van het trapveld", K.MUNICIPALITY, "Wijkbeheer"),
            ("Opvoedspreekuur voor ouders op de basisschool", K.YOUTH_CARE, "Jeugd en gezin"),
        ],
    ),
    (
        "Samen zorgen voor elkaar",
        "Veel bewoners willen best iets doen voor een buurman, maar weten niet hoe. We "
        "brengen vraag en aanbod bij elkaar en steunen mantelzorgers.",
        ["zw13", "zw06_0", "zw06_3", "zw07"],
        [
            (
                "Een burenhulp-app en een prikbord in de supermarkt",
                K.SOCIAL_WORK,
                "Vrijwilligerspunt",
            ),
            ("Mantelzorgcafé elke eerste dinsdag van de maand", K.SOCIAL_WORK, "Mantelzorg"),
        ],
    ),
    (
        "Een veilige en schone wijk",
        "Bewoners voelen zich niet overal veilig, vooral 's avonds. We pakken donkere plekken "
        "en zwerfvuil aan en zorgen dat bewoners weten bij wie ze terechtkunnen.",
        ["wl04", "wl01", "wl03"],
        [
            (
                "Extra verlichting in de steegjes achter de winkels",
                K.MUNICIPALITY,
                "Openbare ruimte",
            ),
            ("Maandelijkse opschoonactie met bewoners", K.HOUSING_CORPORATION, "Wijkbeheer"),
        ],
    ),
    (
        "Gezond oud worden in de eigen buurt",
        "Steeds meer bewoners zijn ouder dan 75. We willen dat zij langer thuis kunnen "
        "blijven wonen, met hulp uit de buurt waar dat kan.",
        ["kpi06", "kpi04", "kpi10"],
        [
            ("Beweeggroep voor ouderen in het buurthuis", K.HEALTH, "Wijkverpleging"),
            (
                "Woonadvies aan huis: kleine aanpassingen voor een veilig huis",
                K.HOUSING_CORPORATION,
                "",
            ),
        ],
    ),
)

ENGAGEMENTS = (
    (Engagement.Kind.DISTRICT_CONVERSATION, "{n} bewoners in buurthuis {place}", ""),
    (Engagement.Kind.WALK, "Wijkschouw met {m} bewoners en de wijkagent", ""),
    (Engagement.Kind.PARTNER_MEETING, "Werksessie over de cijfers van de wijkmonitor", None),
)
PLACES = ("De Linde", "Het Anker", "De Boog", "Het Trefpunt", "De Schakel", "De Kastanje")


def generate(demo) -> dict[str, int]:
    rng = demo.rng
    municipality = demo.municipality
    organisations = {kind: o.name for kind, o in demo.organisations.items()}
    year = demo.today.year
    districts = list(District.objects.filter(municipality=municipality).order_by("code"))
    plans = [
        NeighbourhoodPlan(
            municipality=municipality,
            district=district,
            title=f"Wijkplan {district.name} {year}–{year + 1}",
            first_year=year,
            last_year=year + 1,
            summary=(
                f"In {district.name} hebben bewoners, de gemeente en organisaties samen "
                "gekozen waar we de komende twee jaar aan werken. Dit plan zegt wat we "
                "willen bereiken, wie wat doet en aan welke cijfers we zien of het lukt."
            ),
            status=PlanStatus.PUBLISHED,
            published_at=demo.now,
            created_at=demo.now,
            updated_at=demo.now,
        )
        for district in districts
    ]
    NeighbourhoodPlan.objects.bulk_create(plans)
    partners = ", ".join(
        organisations[k]
        for k in (K.SOCIAL_WORK, K.HOUSING_CORPORATION, K.HEALTH)
        if k in organisations
    )
    engagements, priorities, planned_actions = [], [], []
    start = datetime.date(year, 1, 1)
    for plan in plans:
        held = demo.today - datetime.timedelta(days=rng.randint(60, 200))
        for i, (kind, text, extra) in enumerate(ENGAGEMENTS):
            engagements.append(
                Engagement(
                    plan=plan,
                    kind=kind,
                    held_on=held + datetime.timedelta(days=14 * i),
                    description=text.format(
                        n=rng.randint(18, 70), m=rng.randint(6, 15), place=rng.choice(PLACES)
                    ),
                    partners=partners if extra is None else extra,
                )
            )
        for order, chosen in enumerate(rng.sample(PRIORITIES, rng.randint(3, 4))):
            title, description, indicators, actions = chosen
            priority = Priority(
                plan=plan,
                title=title,
                description=description,
                indicators=indicators,
                order=order,
            )
            priorities.append(priority)
            for a_order, (what, owner, team) in enumerate(actions):
                starts = start + datetime.timedelta(days=rng.randint(0, 180))
                status = rng.choices(
                    [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DONE],
                    weights=[3, 5, 2],
                )[0]
                planned_actions.append(
                    (
                        priority,
                        PriorityAction(
                            what=what,
                            owner_organisation=organisations.get(owner, str(owner)),
                            owner_team=team,
                            starts_on=starts,
                            due_on=starts + datetime.timedelta(days=rng.randint(60, 540)),
                            status=status,
                            order=a_order,
                        ),
                    )
                )
    Engagement.objects.bulk_create(engagements, batch_size=1000)
    Priority.objects.bulk_create(priorities, batch_size=1000)
    for priority, action in planned_actions:
        action.priority = priority
    PriorityAction.objects.bulk_create([a for _p, a in planned_actions], batch_size=1000)
    return {
        "neighbourhood_plans": len(plans),
        "neighbourhood_plan_priorities": len(priorities),
        "neighbourhood_plan_actions": len(planned_actions),
    }


def delete(municipality) -> None:
    NeighbourhoodPlan.objects.filter(municipality=municipality).delete()
