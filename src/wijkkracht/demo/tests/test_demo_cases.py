from wijkkracht.accounts.models import User
from wijkkracht.cases.models import Case, CaseStatus, TimelineEntry
from wijkkracht.demo.generator import generate_demo
from wijkkracht.plans.models import Goal


def test_the_coordinator_has_a_case_load_with_plans(db):
    summary = generate_demo(residents=3000, seed=5)
    coordinator = User.objects.get(username="regisseur")
    cases = Case.objects.filter(coordinator=coordinator)
    assert summary.counts["cases"] == cases.count() > 0
    assert set(cases.values_list("status", flat=True)) <= {CaseStatus.ACTIVE, CaseStatus.EVALUATION}
    assert Goal.objects.filter(plan__case__in=cases).count() >= 2 * cases.count()
    assert TimelineEntry.objects.filter(case__in=cases, kind="contact").count() == cases.count()
    # The coordinator may see every case of theirs (need-to-know through the involvement).
    assert Case.objects.visible_to(coordinator).filter(pk__in=cases).count() == cases.count()
