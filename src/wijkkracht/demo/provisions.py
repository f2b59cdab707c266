"""Demo: the provision catalogue of the demo municipality, contracted with its
organisations, and provisions with five-question answers in some of the coordinator's
plans.

The catalogue is made through ``provisions.catalogue`` and the plans through
``plans.editing.save_plan`` (a new plan version), as in use. Its size does not grow with
the number of residents. Custom provisions carry the national iWmo/iJw product category
but no product code: product codes are agreed per municipality and must not clash with the
national standard list, so a fictional municipality leaves them empty (an assignment with
only a category, as the 301 message allows)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wijkkracht.cases.models import Case, CaseStatus
from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.organisations.models import Organisation
from wijkkracht.plans.editing import save_plan, snapshot_of
from wijkkracht.plans.models import PlanAction
from wijkkracht.provisions import catalogue
from wijkkracht.provisions.models import Law, ProductCategory, Provision, ProvisionKind, Unit
from wijkkracht.provisions.service import current_tariff

# name, kind, description, law, category, unit, tariff, where, when, organiser, providers
CATALOGUE = (
    (
        "Wijkteam-spreekuur",
        ProvisionKind.GENERAL,
        "Zonder afspraak binnenlopen met een vraag over geld, zorg, opvoeden of wonen.",
        "",
        "",
        "",
        None,
        "Wijkcentrum De Linde",
        "Maandag tot en met vrijdag 9:00-11:00",
        Organisation.Kind.SOCIAL_WORK,
        (),
    ),
    (
        "Vrijwillige thuisadministratie",
        ProvisionKind.GENERAL,
        "Een getrainde vrijwilliger helpt thuis met post, rekeningen en formulieren.",
        "",
        "",
        "",
        None,
        "Bij de inwoner thuis",
        "Op afspraak, meestal eens per twee weken",
        Organisation.Kind.VOLUNTEER,
        (),
    ),
    (
        "Inloop wijkcentrum",
        ProvisionKind.COLLECTIVE,
        "Koffie, een praatje en hulp bij kleine vragen; ook activiteiten in de wijk.",
        "",
        "",
        "",
        None,
        "Wijkcentrum De Linde",
        "Dinsdag en donderdag 10:00-12:00",
        Organisation.Kind.SOCIAL_WORK,
        (),
    ),
    (
        "Maaltijdclub",
        ProvisionKind.COLLECTIVE,
        "Samen koken en eten met buurtgenoten, voor een kleine bijdrage.",
        "",
        "",
        "",
        None,
        "Buurthuis De Kern",
        "Elke woensdag 17:30",
        Organisation.Kind.VOLUNTEER,
        (),
    ),
    (
        "Schuldhulpcafé",
        ProvisionKind.COLLECTIVE,
        "Vrijwilligers en een schuldhulpverlener helpen met brieven, schulden en budget.",
        "",
        "",
        "",
        None,
        "Bibliotheek, zaal 2",
        "Eerste maandag van de maand 19:00-21:00",
        Organisation.Kind.DEBT_SERVICES,
        (),
    ),
    (
        "Mantelzorgcafé",
        ProvisionKind.COLLECTIVE,
        "Mantelzorgers ontmoeten elkaar en krijgen tips voor respijtzorg.",
        "",
        "",
        "",
        None,
        "Wijkcentrum De Linde",
        "Elke derde donderdag 14:00-16:00",
        Organisation.Kind.SOCIAL_WORK,
        (),
    ),
    (
        "Huishoudelijke hulp",
        ProvisionKind.CUSTOM,
        "Hulp bij het schoonhouden van het huis als dat zelf of met het netwerk niet lukt.",
        Law.WMO,
        ProductCategory.WMO_01,
        Unit.HOUR,
        Decimal("34.20"),
        "",
        "",
        None,
        (Organisation.Kind.CARE_PROVIDER, Organisation.Kind.HEALTH),
    ),
    (
        "Begeleiding individueel",
        ProvisionKind.CUSTOM,
        "Hulp bij het regelen van het dagelijks leven: structuur, afspraken, administratie.",
        Law.WMO,
        ProductCategory.WMO_02,
        Unit.HOUR,
        Decimal("66.50"),
        "",
        "",
        None,
        (Organisation.Kind.SOCIAL_WORK, Organisation.Kind.CARE_PROVIDER),
    ),
    (
        "Dagbesteding",
        ProvisionKind.CUSTOM,
        "Een zinvolle dag buitenshuis in een groep, met begeleiding.",
        Law.WMO,
        ProductCategory.WMO_07,
        Unit.DAY_PART,
        Decimal("52.00"),
        "",
        "",
        None,
        (Organisation.Kind.CARE_PROVIDER,),
    ),
    (
        "Hulpmiddelen en woningaanpassing",
        ProvisionKind.CUSTOM,
        "Een traplift, drempelhulpen of een aangepaste badkamer om thuis te kunnen blijven.",
        Law.WMO,
        ProductCategory.WMO_13,
        Unit.EUROS,
        Decimal("1.00"),
        "",
        "",
        None,
        (Organisation.Kind.HOUSING_CORPORATION,),
    ),
    (
        "Jeugdhulp ambulant",
        ProvisionKind.CUSTOM,
        "Hulp aan huis voor kinderen en ouders bij opvoed- en gedragsvragen.",
        Law.YOUTH,
        ProductCategory.JW_45,
        Unit.HOUR,
        Decimal("98.00"),
        "",
        "",
        None,
        (Organisation.Kind.YOUTH_CARE,),
    ),
    (
        "Schuldhulpverlening",
        ProvisionKind.CUSTOM,
        "Een schuldhulptraject: stabiliseren, afspraken met schuldeisers, zo nodig een "
        "schuldregeling.",
        Law.DEBT_RELIEF,
        "",
        Unit.PIECES_OUTPUT,
        Decimal("1450.00"),
        "",
        "",
        None,
        (Organisation.Kind.DEBT_SERVICES,),
    ),
    (
        "Re-integratietraject",
        ProvisionKind.CUSTOM,
        "Begeleiding naar werk of een opleiding, met een werkervaringsplek.",
        Law.PARTICIPATION,
        "",
        Unit.PIECES_OUTPUT,
        Decimal("2800.00"),
        "",
        "",
        None,
        (Organisation.Kind.SOCIAL_WORK,),
    ),
)

# Organisations the catalogue needs that the demo does not have yet.
EXTRA_ORGANISATIONS = (
    (Organisation.Kind.CARE_PROVIDER, "Zorg Thuis {name}"),
    (Organisation.Kind.VOLUNTEER, "Vrijwilligerspunt {name}"),
)

# Per life domain: what a plan may add, as (provision name, action).
BY_DOMAIN = {
    LifeDomain.FINANCES: (
        ("Schuldhulpverlening", "Aanvraag schuldhulpverlening samen invullen"),
        ("Schuldhulpcafé", "Samen naar het schuldhulpcafé"),
        ("Vrijwillige thuisadministratie", "Vrijwilliger helpt elke twee weken met de post"),
    ),
    LifeDomain.HOUSING: (
        ("Inloop wijkcentrum", "Met de buurvrouw naar de inloop in het wijkcentrum"),
        ("Hulpmiddelen en woningaanpassing", "Drempels en beugels in de badkamer laten plaatsen"),
    ),
    LifeDomain.SOCIAL_NETWORK: (
        ("Maaltijdclub", "Elke woensdag mee-eten bij de maaltijdclub"),
        ("Mantelzorgcafé", "Naar het mantelzorgcafé voor tips en ontmoeting"),
    ),
    LifeDomain.DOMESTIC_RELATIONS: (
        ("Jeugdhulp ambulant", "Ambulante jeugdhulp thuis, twee uur per week"),
        ("Wijkteam-spreekuur", "Vragen over opvoeden bespreken op het spreekuur"),
    ),
    LifeDomain.WORK_EDUCATION: (("Re-integratietraject", "Start re-integratietraject"),),
    LifeDomain.MENTAL_HEALTH: (
        ("Begeleiding individueel", "Begeleiding bij dagstructuur en afspraken"),
        ("Dagbesteding", "Twee dagdelen dagbesteding per week"),
        ("Wijkteam-spreekuur", "Eens per maand bijpraten op het spreekuur"),
    ),
}


def _answers(provision: Provision, rng, today) -> dict[str, str]:
    if provision.kind == ProvisionKind.CUSTOM:
        tariff = current_tariff(provision, today)
        amount = f"{tariff.amount:.2f}".replace(".", ",") if tariff else "?"
        return {
            "involvement": rng.choice(
                (
                    "De inwoner heeft zelf gekozen en bepaalt mee hoe en wanneer.",
                    "Besproken aan de keukentafel; het gezin wil dit zelf en doet mee.",
                )
            ),
            "expected_effect": rng.choice(
                (
                    "Binnen drie maanden meer rust en overzicht; daarna minder hulp nodig.",
                    "De inwoner kan over een half jaar weer zelf de dag indelen.",
                )
            ),
            "cost": f"Tarief € {amount} per "
            f"{provision.get_unit_display()}; inzet volgens het plan.",
            "legal_basis": f"{provision.get_law_display()}: maatwerkvoorziening; algemene "
            "voorzieningen en het netwerk zijn eerst bekeken.",
            "lasting_solution": rng.choice(
                (
                    "Ja: daarna volstaat een algemene voorziening en het eigen netwerk.",
                    "Ja, als afbouw na drie maanden wordt geëvalueerd.",
                )
            ),
        }
    return {
        "involvement": "De inwoner wil het zelf proberen.",
        "expected_effect": "Minder alleen en meer grip.",
        "cost": "Geen of een kleine eigen bijdrage.",
        "legal_basis": "",
        "lasting_solution": "Ja, past bij wat de inwoner zelf kan.",
    }


def generate(demo) -> dict[str, int]:
    municipality = demo.municipality
    organisations = dict(demo.organisations)
    for kind, pattern in EXTRA_ORGANISATIONS:
        if kind not in organisations:
            organisation = Organisation.objects.create(
                name=pattern.format(name=municipality.name), kind=kind
            )
            organisation.municipalities.add(municipality)
            organisations[kind] = organisation
    year = demo.today.year
    starts, ends = dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)
    provisions: dict[str, Provision] = {}
    contracts = 0
    for (
        name,
        kind,
        description,
        law,
        category,
        unit,
        tariff,
        where,
        when,
        organiser,
        providers,
    ) in CATALOGUE:
        provision = catalogue.create_provision(
            municipality=municipality,
            data={
                "kind": kind,
                "name": name,
                "description": description,
                "law": law,
                "product_category": category,
                "unit": unit,
                "location": where,
                "schedule": when,
                "organiser": organisations.get(organiser) if organiser else None,
            },
            actor=None,
        )
        if tariff is not None:
            catalogue.add_tariff(
                provision=provision,
                amount=tariff - Decimal("1.00") if tariff > 2 else tariff,
                valid_from=starts,
                actor=None,
            )
            catalogue.add_tariff(
                provision=provision, amount=tariff, valid_from=dt.date(year, 1, 1), actor=None
            )
        for provider_kind in providers:
            if provider_kind in organisations:
                catalogue.add_contract(
                    provision=provision,
                    provider=organisations[provider_kind],
                    starts_on=starts,
                    ends_on=ends,
                    actor=None,
                )
                contracts += 1
        provisions[name] = provision
    used = _use_in_plans(demo, provisions)
    return {
        "provisions": len(provisions),
        "provision_contracts": contracts,
        "plan_actions_with_provision": used,
    }


def _use_in_plans(demo, provisions: dict[str, Provision]) -> int:
    """Two of every three of the coordinator's plans get, per goal, an action that uses a
    fitting provision, with the five questions answered (a new plan version)."""
    rng = demo.rng
    cases = (
        Case.objects.filter(municipality=demo.municipality, plan__isnull=False)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("plan", "coordinator")
        .order_by("pk")
    )
    used = 0
    for index, case in enumerate(cases):
        if index % 3 == 2:
            continue
        plan = case.plan
        goals = snapshot_of(plan)["goals"]
        for goal in goals:
            options = BY_DOMAIN.get(goal["life_domain"])
            if not options:
                continue
            name, what = rng.choice(options)
            provision = provisions[name]
            goal["actions"].append(
                {
                    "what": what,
                    "performer_kind": "provider"
                    if provision.kind == ProvisionKind.CUSTOM
                    else "resident",
                    "performer_name": "",
                    "due_on": (demo.today + dt.timedelta(days=rng.randint(7, 60))).isoformat(),
                    "status": "open",
                    "done_on": None,
                    "provision": str(provision.public_id),
                    "five_questions": _answers(provision, rng, demo.today),
                }
            )
            used += 1
        save_plan(
            case=case,
            goals_and_actions=goals,
            expected_version=plan.version,
            actor=case.coordinator,
        )
    return used


def delete(municipality) -> None:
    """Before the cases go: plan actions let go of the provisions, then the catalogue goes
    (tariffs and contracts with it)."""
    PlanAction.objects.filter(provision__municipality=municipality).update(provision=None)
    Provision.objects.filter(municipality=municipality).delete()
