"""Demo household cases: a few of the coordinator's households get a case with a plan,
contacts and a note, made through the real use cases so timeline, audit lines and
need-to-know are exactly as in use. Small on purpose: a case load, not a population."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from wijkkracht.cases.contacts import register_contact
from wijkkracht.cases.notes import add_note
from wijkkracht.cases.opening import open_case
from wijkkracht.cases.transitions import activate, start_evaluation
from wijkkracht.core.life_domains import LifeDomain
from wijkkracht.households.models import Household
from wijkkracht.plans.editing import save_plan

GOALS = [
    (
        LifeDomain.FINANCES,
        "Ik wil weer overzicht over mijn geld en geen nieuwe schulden.",
        [
            ("Samen de post en rekeningen doorlopen", "professional"),
            ("Aanmelden bij de schuldhulpverlening", "resident"),
        ],
    ),
    (
        LifeDomain.HOUSING,
        "We willen in ons huis blijven wonen.",
        [("Betalingsregeling voor de huurachterstand afspreken", "resident")],
    ),
    (
        LifeDomain.SOCIAL_NETWORK,
        "Ik wil minder alleen zijn.",
        [
            ("Elke week koffie drinken bij de buurvrouw", "network"),
            ("Meedoen met de maaltijdclub in het buurthuis", "volunteer"),
        ],
    ),
    (
        LifeDomain.DOMESTIC_RELATIONS,
        "Thuis minder ruzie over de kinderen.",
        [("Gesprek met de jeugd- en gezinscoach", "professional")],
    ),
    (
        LifeDomain.WORK_EDUCATION,
        "Ik wil een opleiding of werk vinden dat bij mij past.",
        [("Afspraak bij het werkgeversservicepunt", "resident")],
    ),
    (
        LifeDomain.MENTAL_HEALTH,
        "Beter slapen en minder piekeren.",
        [("Samen naar de huisarts", "network")],
    ),
]


def generate_cases(
    *, coordinator, team, household_ids: list[int], seed: int, limit: int = 12
) -> int:
    """Open up to ``limit`` cases for the coordinator's households; returns how many."""
    rng = random.Random(seed)
    households = Household.objects.filter(pk__in=household_ids[:limit]).order_by("pk")
    count = 0
    now = timezone.now()
    for household in households:
        case = open_case(household=household, team=team, coordinator=coordinator, actor=coordinator)
        case = activate(case=case, actor=coordinator)
        goals = []
        for domain, text, actions in rng.sample(GOALS, k=rng.randint(2, 3)):
            goals.append(
                {
                    "life_domain": str(domain),
                    "description": text,
                    "member": None,
                    "status": "open",
                    "actions": [
                        {
                            "what": what,
                            "performer_kind": kind,
                            "performer_name": "",
                            "due_on": (
                                now.date() + dt.timedelta(days=rng.randint(-20, 60))
                            ).isoformat(),
                            "status": "open",
                        }
                        for what, kind in actions
                    ],
                }
            )
        save_plan(case=case, goals_and_actions=goals, expected_version=0, actor=coordinator)
        register_contact(
            case=case,
            at=now - dt.timedelta(days=rng.randint(1, 30)),
            method="visit",
            summary="Huisbezoek: plan besproken met het gezin.",
            actor=coordinator,
        )
        add_note(
            case=case,
            text="Gezin is gemotiveerd; buurvrouw wil helpen.",
            confidentiality="normal",
            actor=coordinator,
        )
        if count % 4 == 3:
            start_evaluation(case=case, actor=coordinator)
        count += 1
    return count
