"""Targets per municipality: set by policy analysts, shown to whoever sees the monitor."""

from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.monitor.models import IndicatorTarget

TARGETS = reverse("monitor:targets")


def test_a_policy_analyst_sets_targets(cast, login_as):
    client = login_as(cast.policy_analyst)
    response = client.post(
        TARGETS,
        {
            "municipality": cast.mun_a.code,
            "kpi03_target": "60",
            "kpi03_tolerance": "10",
            "kpi01_target": "3",
        },
    )
    assert response.status_code == 302
    targets = {t.indicator: (t.target, t.tolerance) for t in IndicatorTarget.objects.all()}
    assert targets == {"kpi03": (60.0, 10.0), "kpi01": (3.0, 0.0)}
    assert AuditEntry.objects.filter(object_type="indicator_targets").count() == 1
    # An empty target removes it.
    client.post(
        TARGETS, {"municipality": cast.mun_a.code, "kpi03_target": "60", "kpi03_tolerance": "10"}
    )
    assert set(IndicatorTarget.objects.values_list("indicator", flat=True)) == {"kpi03"}


def test_bad_input_is_named_and_nothing_is_saved(cast, login_as):
    client = login_as(cast.policy_analyst)
    response = client.post(
        TARGETS,
        {
            "kpi03_target": "veel",
            "kpi04_target": "50",
            "kpi04_tolerance": "-1",
            "kpi05_tolerance": "2",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"kpi03_target", "kpi04_tolerance", "kpi05_target"}
    assert not IndicatorTarget.objects.exists()


def test_targets_of_another_municipality_cannot_be_set(cast, login_as):
    client = login_as(cast.policy_analyst)
    client.post(TARGETS, {"municipality": cast.mun_b.code, "kpi03_target": "60"})
    assert not IndicatorTarget.objects.filter(municipality=cast.mun_b).exists()
    assert IndicatorTarget.objects.filter(municipality=cast.mun_a).exists()  # own one


def test_a_team_lead_sees_the_targets_but_cannot_set_them(cast, login_as, settings):
    """Targets are the municipality's, set by its policy and contract managers."""
    from wijkkracht.monitor.models import IndicatorTarget

    settings.DEBUG = False
    client = login_as(cast.team_lead)
    assert client.get(TARGETS).status_code == 200
    assert client.post(TARGETS, {"kpi03_target": "60"}).status_code == 404
    assert not IndicatorTarget.objects.exists()


def test_others_get_404(cast, login_as):
    for role in ("coordinator", "decision_officer", "privacy_officer"):
        assert login_as(cast.staff()[role]).get(TARGETS).status_code == 404
