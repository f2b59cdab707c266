import datetime

import pytest

from wijkkracht.api.serializers import DESCRIPTION_MAX_LENGTH
from wijkkracht.api.tests.partners import bearer, make_api_client
from wijkkracht.areas.tests.factories import AddressFactory
from wijkkracht.audit.models import Action, AuditEntry, Outcome, Purpose
from wijkkracht.intake.models import SupportRequest

URL = "/api/v1/support-requests/"


def question(**extra):
    return {
        "channel": "partner",
        "description": "Huurachterstand van drie maanden; de huurder reageert niet.",
        "life_domains": ["finances", "housing"],
        **extra,
    }


def post(client, partner, body, **headers):
    return client.post(URL, body, content_type="application/json", **bearer(partner), **headers)


def test_a_partner_registers_a_question_and_gets_reference_status_and_due_date(
    cast, client, partner_a
):
    response = post(client, partner_a, question(bsn=cast.stranger.bsn, name="P. Bakker"))
    assert response.status_code == 201
    body = response.json()
    stored = SupportRequest.objects.get()
    assert body["id"] == str(stored.public_id)
    assert body["reference"] == stored.reference
    assert body["status"] == "new"
    assert body["team"] is None  # no address: the municipality-wide queue
    assert body["first_contact_due"] == stored.first_contact_due.isoformat()
    assert stored.bsn == cast.stranger.bsn
    assert cast.stranger.bsn not in response.content.decode()
    assert stored.life_domains == ["finances", "housing"]
    assert stored.municipality == cast.mun_a


def test_a_question_with_a_known_address_is_routed_to_the_team(cast, client, partner_a):
    address = cast.household.address
    response = post(
        client,
        partner_a,
        question(postcode=address.postcode, house_number=address.house_number),
    )
    assert response.json()["team"] == "Wijkteam A1"


def test_registration_is_audited_for_the_service_user(cast, client, partner_a):
    post(client, partner_a, question())
    line = AuditEntry.objects.get(object_type="support_request")
    assert (line.action, line.purpose, line.username) == (
        Action.CREATE,
        Purpose.INTAKE,
        "api-woon-a",
    )


def test_the_same_idempotency_key_gives_one_question_and_200_on_retry(cast, client, partner_a):
    first = post(client, partner_a, question(), HTTP_IDEMPOTENCY_KEY="abc-123")
    retry = post(client, partner_a, question(), HTTP_IDEMPOTENCY_KEY="abc-123")
    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json()["id"] == retry.json()["id"]
    assert SupportRequest.objects.count() == 1
    other_key = post(client, partner_a, question(), HTTP_IDEMPOTENCY_KEY="abc-124")
    assert other_key.status_code == 201
    assert SupportRequest.objects.count() == 2


def test_two_partners_using_the_same_key_do_not_share_a_question(cast, client, partner_a):
    second = make_api_client(cast.mun_a, client_id="school-a")
    post(client, partner_a, question(), HTTP_IDEMPOTENCY_KEY="1")
    response = post(client, second, question(channel="school"), HTTP_IDEMPOTENCY_KEY="1")
    assert response.status_code == 201
    assert SupportRequest.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (question(channel="portal"), "channel"),
        (question(description="x" * (DESCRIPTION_MAX_LENGTH + 1)), "description"),
        (question(bsn="123456789"), "bsn"),
        (question(life_domains=["astrology"]), "life_domains"),
        (question(postcode="12345"), "postcode"),
        (question(house_number=12), "postcode"),
        (question(email="not-an-address"), "email"),
        ({"channel": "partner"}, "description"),
    ],
    ids=[
        "portal channel",
        "oversized description",
        "bsn fails the 11-check",
        "unknown life domain",
        "malformed postcode",
        "house number without postcode",
        "malformed e-mail",
        "no description",
    ],
)
def test_invalid_input_is_a_400_problem_naming_the_field(cast, client, partner_a, body, field):
    response = post(client, partner_a, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = [p["name"].split(".")[0] for p in response.json()["invalid_params"]]
    assert field in names
    assert "123456789" not in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_a_client_of_municipality_b_cannot_register_in_a(cast, client, partner_b):
    response = post(client, partner_b, question(municipality=cast.mun_a.code))
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["municipality"]
    assert not SupportRequest.objects.exists()
    assert post(client, partner_b, question()).json()["id"]
    assert SupportRequest.objects.get().municipality == cast.mun_b


def test_a_partner_reads_back_its_own_question(cast, client, partner_a):
    created = post(client, partner_a, question()).json()
    response = client.get(f"{URL}{created['id']}/", **bearer(partner_a))
    assert response.status_code == 200
    assert response.json()["reference"] == created["reference"]
    line = AuditEntry.objects.latest("seq")
    assert (line.action, line.purpose, line.outcome) == (Action.READ, Purpose.INTAKE, "allowed")


def test_a_partner_cannot_read_questions_of_another_client_or_municipality(
    cast, client, partner_a, partner_b
):
    neighbour = make_api_client(cast.mun_a, client_id="school-a")
    of_a = post(client, partner_a, question()).json()["id"]
    for other in (partner_b, neighbour):
        response = client.get(f"{URL}{of_a}/", **bearer(other))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    line = AuditEntry.objects.latest("seq")
    assert (line.object_id, line.outcome) == (of_a, Outcome.DENIED)


def test_staff_register_through_the_api_with_their_session(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(URL, question(channel="desk"), content_type="application/json")
    assert response.status_code == 201
    stored = SupportRequest.objects.get()
    assert stored.registered_by == cast.coordinator and stored.api_client is None
    assert client.get(f"{URL}{stored.public_id}/").status_code == 200


def test_staff_of_another_municipality_cannot_read_the_question(cast, client, login_as, partner_a):
    created = post(client, partner_a, question()).json()["id"]
    login_as(cast.outsider)
    assert client.get(f"{URL}{created}/").status_code == 404


def test_an_unknown_address_still_registers_and_goes_to_the_queue(cast, client, partner_a):
    AddressFactory()  # an address elsewhere must not be picked
    response = post(client, partner_a, question(postcode="9999ZZ", house_number=1))
    assert response.status_code == 201
    assert response.json()["team"] is None
    assert SupportRequest.objects.get().first_contact_due >= datetime.date.today()
