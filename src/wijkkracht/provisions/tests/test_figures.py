from decimal import Decimal

import pytest

from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.tests.conftest import action, goal
from wijkkracht.provisions.figures import intervention_mix, municipality_totals
from wijkkracht.provisions.tests.conftest import ANSWERS

pytestmark = pytest.mark.django_db


def using(what, provision, status="open"):
    data = action(what, performer_kind="provider")
    data["provision"] = str(provision.public_id)
    data["five_questions"] = ANSWERS
    data["status"] = status
    return data


def test_interventions_per_neighbourhood_by_kind_in_a_fixed_number_of_queries(
    cast, case, catalogue, django_assert_num_queries
):
    save_plan(
        case=case,
        goals_and_actions=[
            goal(
                "Geld",
                actions=[
                    using("Spreekuur", catalogue["general"]),
                    using("Maaltijdclub", catalogue["collective"]),
                    using("Nog een keer eten", catalogue["collective"], status="done"),
                    using("Begeleiding", catalogue["custom"]),
                    using("Afgezegd", catalogue["custom"], status="cancelled"),
                    action("Zonder voorziening"),
                ],
            )
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    with django_assert_num_queries(2):
        rows = intervention_mix(cast.mun_a)
    by_code = {row.code: row for row in rows}
    assert set(by_code) == {"BU90010101", "BU90010102"}  # only municipality A's
    bakker = by_code["BU90010101"]
    assert (bakker.general, bakker.collective, bakker.custom) == (1, 2, 1)
    assert bakker.total == 4
    assert bakker.share_general_or_collective == Decimal("75.0")
    empty = by_code["BU90010102"]
    assert empty.total == 0 and empty.share_general_or_collective is None
    assert [r.code for r in intervention_mix(cast.mun_a, include_empty=False)] == ["BU90010101"]
    assert municipality_totals(cast.mun_a).custom == 1
    assert intervention_mix(cast.mun_b)[0].total == 0
