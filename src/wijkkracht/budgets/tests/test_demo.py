"""The demo's discretionary budgets: one per neighbourhood team for this year, spends in
every category, some waiting for approval, some justifications overdue, the demo
accounts with work of their own, and nothing overspent."""

from decimal import Decimal

from django.utils import timezone

from wijkkracht.budgets.models import Budget, PurposeCategory, Spend, SpendEvent, SpendStatus
from wijkkracht.demo.generator import delete_demo_municipality, generate_demo
from wijkkracht.teams.models import Team


def test_the_demo_has_plausible_budgets(db):
    summary = generate_demo(residents=3000, seed=11)
    municipality = summary.municipality
    teams = Team.objects.filter(municipality=municipality, kind=Team.Kind.NEIGHBOURHOOD)
    budgets = Budget.objects.filter(municipality=municipality).with_figures()
    assert summary.counts["budgets"] == budgets.count() == teams.count()
    for budget in budgets:
        assert budget.year == timezone.localdate().year
        assert budget.amount == Decimal("5000.00") * budget.team.neighbourhoods.count()
        assert budget.remaining >= 0
    spends = Spend.objects.filter(budget__municipality=municipality)
    assert summary.counts["budget_spends"] == spends.count()
    today = timezone.localdate()
    if today.timetuple().tm_yday > 60:  # late enough in the year for a full picture
        assert set(spends.values_list("category", flat=True)) == set(PurposeCategory.values)
        assert spends.overdue().filter(spent_by__username="regisseur").exists()
    assert spends.filter(status=SpendStatus.PENDING, spent_by__username="regisseur").exists()
    assert spends.filter(status=SpendStatus.PENDING).count() <= spends.count() // 10 + 3
    assert spends.exclude(household=None).exists()
    own = spends.filter(spent_by__username="regisseur")
    assert SpendEvent.objects.filter(spend__in=own).count() >= own.count()
    assert all(
        s.amount <= s.budget.spend_limit
        for s in spends.filter(decided_by=None).exclude(status=SpendStatus.PENDING)
    )

    delete_demo_municipality(municipality)
    assert not Budget.objects.exists() and not Spend.objects.exists()
