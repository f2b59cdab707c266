"""Each indicator's formula on small crafted data: numerator, denominator, value and the
quarter an item falls in (before disclosure control)."""

import datetime as dt

from wijkkracht.intake.figures import recent_quarters
from wijkkracht.monitor import indicators
from wijkkracht.monitor.recompute import Accumulator, value_of
from wijkkracht.monitor.tests.builders import TODAY, at, case, question

QUARTERS = recent_quarters(TODAY, 8)
Q1 = "2026-Q1"
APRIL = dt.date(2026, 4, 1)


def totals(partials, figure, period=Q1):
    """numerator, denominator and base over the whole municipality."""
    picked = [p for p in partials if p.figure == figure and p.period == period]
    return (
        sum(p.numerator for p in picked),
        sum(p.denominator for p in picked),
        sum(p.base for p in picked),
    )


def test_kpi01_is_the_median_of_working_days_to_first_contact(cast):
    monday = dt.date(2026, 1, 5)
    question(cast, received=at(monday), contacted=at(monday, 15))  # 0
    question(cast, received=at(monday), contacted=at(dt.date(2026, 1, 7)))  # 2
    question(
        cast, received=at(dt.date(2026, 1, 9)), contacted=at(dt.date(2026, 1, 12))
    )  # Fri→Mon: 1
    question(cast, received=at(monday))  # no contact yet: not counted
    question(cast, received=at(dt.date(2025, 12, 30)), contacted=at(monday))  # other quarter
    samples = [
        s for s in indicators.first_contact_samples(cast.mun_a.pk, QUARTERS) if s.period == Q1
    ]
    assert sorted(s.days for s in samples) == [0, 1, 2]
    acc = Accumulator(samples=[s.days for s in samples], base=3)
    assert value_of("kpi01", acc) == (1.0, None, 3.0)


def test_kpi02_counts_calendar_days_from_question_to_agreed_plan(cast):
    case(
        cast, opened=dt.date(2026, 1, 10), asked=at(dt.date(2026, 1, 2)), agreed=dt.date(2026, 2, 1)
    )
    case(cast, opened=dt.date(2026, 1, 10), agreed=dt.date(2026, 1, 20))  # no question: opening
    case(cast, opened=dt.date(2026, 1, 10))  # not agreed: not counted
    samples = [s for s in indicators.agreed_plan_samples(cast.mun_a.pk, QUARTERS) if s.period == Q1]
    assert sorted(s.days for s in samples) == [10, 30]


def test_kpi03_counts_closed_cases_with_at_least_80_percent_of_goals_achieved(cast):
    closed = dt.date(2026, 2, 1)
    opened = dt.date(2025, 12, 1)
    achieved, partly, not_achieved = "achieved", "partly", "not_achieved"
    case(cast, opened=opened, closed=closed, results=[achieved] * 4 + [partly])  # 80%: yes
    case(cast, opened=opened, closed=closed, results=[achieved, achieved, partly])  # 67%: no
    case(cast, opened=opened, closed=closed, results=[achieved])  # 100%: yes
    case(cast, opened=opened, closed=closed, results=[not_achieved])  # 0%
    case(cast, opened=opened, closed=closed)  # no evaluated goals: not in the denominator
    case(cast, opened=opened)  # open: not counted
    partials = indicators.closed_case_partials(cast.mun_a.pk, QUARTERS)
    assert totals(partials, "kpi03") == (2, 4, 4)
    assert value_of("kpi03", Accumulator(2, 4, 4))[0] == 50.0


def test_kpi04_counts_households_whose_mean_score_rose_at_least_one_point(cast):
    closed, opened = dt.date(2026, 3, 1), dt.date(2025, 11, 1)
    first, last = dt.date(2025, 11, 5), dt.date(2026, 2, 20)
    case(cast, opened=opened, closed=closed, assessments=[(first, [2, 2, 2]), (last, [3, 3, 3])])
    case(cast, opened=opened, closed=closed, assessments=[(first, [2, 2, 2]), (last, [3, 3, 2])])
    case(
        cast,
        opened=opened,
        closed=closed,
        assessments=[(first, [1, 1]), (dt.date(2025, 12, 1), [5, 5]), (last, [2, 2])],
    )  # first 1 → last 2: counted by the first and the last day only
    case(cast, opened=opened, closed=closed, assessments=[(first, [1, 1])])  # one day: not counted
    partials = indicators.self_reliance_partials(cast.mun_a.pk, QUARTERS)
    assert totals(partials, "kpi04") == (2, 3, 3)


def test_kpi05_counts_households_back_within_twelve_months(cast):
    closed = dt.date(2025, 2, 1)  # 2025-Q1
    opened = dt.date(2024, 10, 1)
    back = case(cast, opened=opened, closed=closed)
    case(cast, household=back.household, opened=dt.date(2025, 9, 1))  # new case: back
    asked = case(cast, opened=opened, closed=closed)
    member = asked.household.memberships.first().resident
    question(cast, received=at(dt.date(2025, 12, 1)), resident=member)  # new question: back
    late = case(cast, opened=opened, closed=closed)
    member = late.household.memberships.first().resident
    question(cast, received=at(dt.date(2026, 3, 1)), resident=member)  # after 12 months
    case(cast, opened=opened, closed=closed)  # never back
    partials = indicators.closed_case_partials(cast.mun_a.pk, QUARTERS)
    assert totals(partials, "kpi05", "2025-Q1") == (2, 4, 4)


def test_kpi07_counts_actions_by_resident_network_or_volunteer(cast):
    agreed = dt.date(2026, 2, 10)
    case(cast, opened=dt.date(2026, 1, 5), agreed=agreed, actions=["resident", "professional"])
    case(
        cast,
        opened=dt.date(2026, 1, 5),
        agreed=agreed,
        actions=["network", "volunteer", "provider", "professional"],
    )
    case(cast, opened=dt.date(2026, 1, 5), actions=["resident"])  # plan not agreed
    partials = indicators.action_partials(cast.mun_a.pk, QUARTERS)
    assert totals(partials, "kpi07") == (3, 6, 2)  # base: two households


def test_kpi08_counts_actions_using_a_general_or_collective_provision(cast):
    from wijkkracht.plans.models import PlanAction
    from wijkkracht.provisions.tests.factories import ProvisionFactory

    general = ProvisionFactory(municipality=cast.mun_a)
    collective = ProvisionFactory(municipality=cast.mun_a, collective=True)
    custom = ProvisionFactory(municipality=cast.mun_a, custom=True)
    agreed = dt.date(2026, 2, 10)
    first = case(cast, opened=dt.date(2026, 1, 5), agreed=agreed, actions=["resident"] * 4)
    second = case(cast, opened=dt.date(2026, 1, 5), agreed=agreed, actions=["provider"] * 2)
    third = case(cast, opened=dt.date(2026, 1, 5), agreed=agreed, actions=["professional"])
    later = case(cast, opened=dt.date(2026, 1, 5), agreed=APRIL, actions=["provider"])
    for the_case, provisions in [
        (first, [general, collective, custom, None]),
        (second, [custom, custom]),
        (third, [None]),  # no provision: not in kpi08
        (later, [general]),  # agreed in the next quarter
    ]:
        actions = PlanAction.objects.filter(goal__plan__case=the_case).order_by("order")
        for action, provision in zip(actions, provisions, strict=True):
            action.provision = provision
            action.save(update_fields=["provision"])
    partials = indicators.action_partials(cast.mun_a.pk, QUARTERS)
    assert totals(partials, "kpi08") == (2, 5, 2)  # base: the two households using provisions
    assert totals(partials, "kpi08", "2026-Q2") == (1, 1, 1)
    assert totals(partials, "kpi07") == (4, 7, 3)  # kpi07 still counts every action


def test_kpi09_and_kpi10_on_closed_cases(cast):
    closed, opened = dt.date(2026, 2, 1), dt.date(2025, 12, 1)
    case(cast, opened=opened, closed=closed, escalated=True, satisfaction=8)
    case(cast, opened=opened, closed=closed, satisfaction=6)
    case(cast, opened=opened, closed=closed, evaluated=True)  # evaluated, no score
    case(cast, opened=opened, closed=closed)
    partials = indicators.closed_case_partials(cast.mun_a.pk, QUARTERS)
    assert totals(partials, "kpi09") == (1, 4, 4)
    assert totals(partials, "kpi10") == (14, 2, 2)  # sum of scores, responses
    assert value_of("kpi10", Accumulator(14, 2, 2))[0] == 7.0
    assert totals(partials, "kpi10_response") == (2, 4, 4)
    assert value_of("kpi10_response", Accumulator(2, 4, 4))[0] == 50.0


def test_questions_in_counts_per_quarter_of_receipt(cast):
    for day in (dt.date(2026, 1, 2), dt.date(2026, 3, 31), dt.date(2026, 4, 1)):
        question(cast, received=at(day))
    partials = indicators.questions_in_partials(cast.mun_a.pk, QUARTERS)
    assert totals(partials, "questions_in")[0] == 2
    assert totals(partials, "questions_in", "2026-Q2")[0] == 1


def test_items_carry_their_neighbourhood_team_and_provider(cast):
    the_case = case(cast, opened=dt.date(2025, 12, 1), closed=dt.date(2026, 2, 1))
    [partial] = [
        p for p in indicators.closed_case_partials(cast.mun_a.pk, QUARTERS) if p.figure == "kpi09"
    ]
    assert partial.neighbourhood == the_case.household.address.neighbourhood_id
    assert partial.team == the_case.team_id
    assert partial.provider == the_case.coordinator.organisation_id
