from wijkkracht.audit.models import Action, AuditEntry

URL = "/api/v1/residents/search/"


def test_search_by_bsn_in_the_body_finds_only_visible_residents(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(URL, {"bsn": cast.mother.bsn}, content_type="application/json")
    assert response.status_code == 200
    assert [r["id"] for r in response.json()] == [str(cast.mother.public_id)]
    response = client.post(URL, {"bsn": cast.stranger.bsn}, content_type="application/json")
    assert response.json() == []


def test_search_by_name_returns_only_residents_with_involvement(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(URL, {"name": "bakker"}, content_type="application/json")
    ids = {r["id"] for r in response.json()}
    assert ids == {str(cast.mother.public_id), str(cast.son.public_id)}


def test_search_writes_a_line_per_result_without_the_bsn(cast, client, login_as):
    login_as(cast.coordinator)
    before = AuditEntry.objects.count()
    client.post(URL, {"bsn": cast.mother.bsn}, content_type="application/json")
    lines = AuditEntry.objects.order_by("seq")[before:]
    assert [line.action for line in lines] == [Action.SEARCH]
    assert lines[0].detail["criteria"] == ["bsn"]
    assert cast.mother.bsn not in str(list(AuditEntry.objects.values()))


def test_invalid_bsn_is_a_problem_naming_the_field(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(URL, {"bsn": "123456789"}, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert [p["name"] for p in body["invalid_params"]] == ["bsn"]
    assert "123456789" not in response.content.decode()


def test_empty_search_is_refused(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(URL, {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "non_field_errors"


def test_malformed_json_is_a_problem(cast, client, login_as):
    login_as(cast.coordinator)
    response = client.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
