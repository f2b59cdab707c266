import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry
from wijkkracht.plans.editing import save_plan
from wijkkracht.plans.tests.conftest import action, goal

pytestmark = pytest.mark.django_db


def test_the_plan_downloads_as_a_real_pdf_with_the_goals_and_no_bsn(cast, case, login_as):
    save_plan(
        case=case,
        goals_and_actions=[
            goal(
                "Ik wil rust in mijn hoofd",
                life_domain="mental_health",
                member=cast.mother,
                actions=[action("Gesprek met de huisarts", due_on="2020-01-01")],
            )
        ],
        expected_version=0,
        actor=cast.coordinator,
    )
    response = login_as(cast.coordinator).get(reverse("plans:pdf", args=[case.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    assert b"Ik wil rust in mijn hoofd" in response.content
    assert b"Gesprek met de huisarts" in response.content
    for resident in (cast.mother, cast.son):
        assert resident.bsn
        assert resident.bsn.encode() not in response.content
    export = AuditEntry.objects.filter(action="export", object_type="support_plan")
    assert export.count() == 2  # one line per member of the household
    assert set(export.values_list("object_id", flat=True)) == {str(case.public_id)}


def test_a_case_without_plan_has_no_pdf(cast, case, login_as):
    response = login_as(cast.coordinator).get(reverse("plans:pdf", args=[case.public_id]))
    assert response.status_code == 404
