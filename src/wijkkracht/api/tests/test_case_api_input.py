"""Bad input is a problem+json answer naming what is wrong."""

import pytest

from wijkkracht.api.tests.cases import write_plan
from wijkkracht.api.tests.partners import bearer


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/not-a-uuid/",
        "/api/v1/cases/12345/plan/",
        "/api/v1/cases/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/plan/versions/1/",
    ],
)
def test_a_malformed_case_id_is_a_400_naming_the_id(client, involved_partner, path):
    response = client.get(path, **bearer(involved_partner))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"] == [{"name": "id", "reason": "Not a valid UUID."}]


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-11-31T25:00", "1%2F2%2F2026"])
def test_a_bad_updated_since_is_a_400_naming_the_parameter(client, involved_partner, value):
    response = client.get(f"/api/v1/cases/?updated_since={value}", **bearer(involved_partner))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Invalid input"
    assert [p["name"] for p in problem["invalid_params"]] == ["updated_since"]
    assert "ISO 8601" in problem["invalid_params"][0]["reason"]


@pytest.mark.parametrize("number", ["0", "-1", "one", "1.5"])
def test_a_bad_version_number_is_a_400(cast, client, bakker_case, involved_partner, number):
    write_plan(bakker_case, cast, mother=cast.mother)
    response = client.get(
        f"/api/v1/cases/{bakker_case.public_id}/plan/versions/{number}/",
        **bearer(involved_partner),
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["number"]


def test_a_version_that_does_not_exist_is_a_404_problem(
    cast, client, bakker_case, involved_partner
):
    write_plan(bakker_case, cast, mother=cast.mother)
    response = client.get(
        f"/api/v1/cases/{bakker_case.public_id}/plan/versions/7/", **bearer(involved_partner)
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "This plan has no version 7."


def test_an_unknown_case_is_a_404_problem(client, involved_partner):
    response = client.get(
        "/api/v1/cases/00000000-0000-4000-8000-000000000000/", **bearer(involved_partner)
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_page_beyond_the_end_is_a_404_problem(client, involved_partner):
    response = client.get("/api/v1/cases/?page=9", **bearer(involved_partner))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
