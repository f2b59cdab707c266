import pytest
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry, Outcome
from wijkkracht.provisions.models import Provision

pytestmark = pytest.mark.django_db

READERS = ["coordinator", "colleague", "other_team", "team_lead", "decision_officer"]
MANAGERS = ["policy_analyst", "admin"]
NOBODY = ["privacy_officer", "resident_user"]


@pytest.mark.parametrize("role", READERS + MANAGERS)
def test_staff_with_the_catalogue_see_their_municipalitys_provisions(
    cast, catalogue, login_as, role
):
    client = login_as(getattr(cast, role))
    response = client.get(reverse("provisions:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Maaltijdclub" in html and "Begeleiding individueel" in html
    assert "Begeleiding in B" not in html
    detail = client.get(reverse("provisions:detail", args=[catalogue["custom"].public_id]))
    assert detail.status_code == 200


@pytest.mark.parametrize("role", NOBODY)
def test_roles_without_the_catalogue_get_404(cast, catalogue, login_as, role):
    client = login_as(getattr(cast, role))
    assert client.get(reverse("provisions:list")).status_code == 404
    detail = reverse("provisions:detail", args=[catalogue["general"].public_id])
    assert client.get(detail).status_code == 404
    assert AuditEntry.objects.filter(outcome=Outcome.DENIED).exists()


def test_anonymous_visitors_go_to_the_login_page(client, catalogue):
    response = client.get(reverse("provisions:list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_municipalitys_provision_does_not_exist_for_you(cast, catalogue, login_as):
    client = login_as(cast.outsider)
    response = client.get(reverse("provisions:list"))
    assert "Begeleiding in B" in response.content.decode()
    assert "Maaltijdclub" not in response.content.decode()
    other = reverse("provisions:detail", args=[catalogue["custom"].public_id])
    assert client.get(other).status_code == 404
    denied = AuditEntry.objects.get(object_type="provision", outcome=Outcome.DENIED)
    assert denied.object_id == str(catalogue["custom"].public_id)


def test_a_manager_of_b_cannot_change_a_provision_of_a(cast, catalogue, login_as):
    analyst = cast.policy_analyst
    analyst.municipalities.set([cast.mun_b])
    client = login_as(analyst)
    url = reverse("provisions:edit", args=[catalogue["general"].public_id])
    assert client.get(url).status_code == 404
    response = client.post(url, {"kind": "general", "name": "Gekaapt"})
    assert response.status_code == 404
    catalogue["general"].refresh_from_db()
    assert catalogue["general"].name == "Wijkteam-spreekuur"


@pytest.mark.parametrize("role", READERS + NOBODY)
def test_only_managers_may_create_or_change(cast, catalogue, login_as, role):
    client = login_as(getattr(cast, role))
    assert client.get(reverse("provisions:create")).status_code == 404
    edit = reverse("provisions:edit", args=[catalogue["general"].public_id])
    assert client.get(edit).status_code == 404
    tariff = reverse("provisions:add_tariff", args=[catalogue["custom"].public_id])
    assert client.post(tariff, {"amount": "10", "valid_from": "2026-01-01"}).status_code == 404
    assert not catalogue["custom"].tariffs.exists()


@pytest.mark.parametrize("role", MANAGERS)
def test_managers_add_and_change_provisions_with_an_audit_line(cast, login_as, role):
    client = login_as(getattr(cast, role))
    response = client.post(
        reverse("provisions:create"),
        {
            "kind": "custom",
            "name": "Huishoudelijke hulp",
            "law": "wmo_2015",
            "product_category": "01",
            "product_code": "01a01",
            "unit": "04",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    provision = Provision.objects.get(name="Huishoudelijke hulp")
    assert provision.municipality == cast.mun_a
    assert provision.product_code == "01A01"  # upper-cased
    assert AuditEntry.objects.filter(
        object_type="provision", object_id=str(provision.public_id), action="create"
    ).exists()
    response = client.post(
        reverse("provisions:edit", args=[provision.public_id]),
        {
            "kind": "custom",
            "name": "Huishoudelijke hulp",
            "law": "wmo_2015",
            "product_category": "01",
            "product_code": "01A01",
            "unit": "04",
        },
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.is_active is False
    change = AuditEntry.objects.get(object_id=str(provision.public_id), action="update")
    assert change.detail == {"changed": ["is_active"]}
