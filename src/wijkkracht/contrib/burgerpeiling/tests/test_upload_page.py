"""The upload page (import_figures): who may use it, what an upload does, how a bad file
is reported, and the page with the figures of one import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wijkkracht.areas.tests.factories import DistrictFactory
from wijkkracht.audit.models import AuditEntry
from wijkkracht.contrib.burgerpeiling.importing import import_survey
from wijkkracht.contrib.burgerpeiling.models import Respondent, Survey

from .conftest import respondent, write_csv

pytestmark = pytest.mark.urls("wijkkracht.contrib.burgerpeiling.tests.urls")


@pytest.fixture
def csv_bytes(tmp_path):
    def _make(rows):
        return write_csv(tmp_path / "peiling.csv", rows).read_bytes()

    return _make


def good_rows(count=12):
    return [respondent(gemnr=9001, wijknr="WK900101", wl01=8, bo01=2) for _ in range(count)]


def post(client, mun, content, name="peiling.csv", **extra):
    data = {
        "municipality": mun.pk,
        "year": 2024,
        "file": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post(reverse("burgerpeiling:upload"), data)


@pytest.mark.parametrize("who", ["policy_analyst", "admin"])
def test_those_who_import_figures_see_the_page(cast, login_as, who):
    response = login_as(getattr(cast, who)).get(reverse("burgerpeiling:index"))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


@pytest.mark.parametrize(
    "who", ["coordinator", "team_lead", "outsider", "privacy_officer", "decision_officer"]
)
def test_everyone_else_gets_404_and_the_attempt_is_audited(cast, login_as, who):
    client = login_as(getattr(cast, who))
    assert client.get(reverse("burgerpeiling:index")).status_code == 404
    assert client.post(reverse("burgerpeiling:upload")).status_code == 404
    denial = AuditEntry.objects.filter(outcome="denied").latest("seq")
    assert denial.detail == {"capability": "import_figures"}


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("burgerpeiling:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_upload_imports_audits_and_shows_the_figures(cast, login_as, csv_bytes):
    client = login_as(cast.policy_analyst)
    response = post(client, cast.mun_a, csv_bytes(good_rows()))
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("burgerpeiling:detail", args=[survey.public_id])
    assert (survey.municipality, survey.year, survey.respondents) == (cast.mun_a, 2024, 12)
    assert survey.imported_by == cast.policy_analyst
    line = AuditEntry.objects.get(object_type="burgerpeiling_survey")
    assert (line.username, line.action, line.object_id) == (
        cast.policy_analyst.username,
        "create",
        str(survey.public_id),
    )
    assert line.detail["respondents"] == 12
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Imported: 12 respondents of the Burgerpeiling 2024." in page.content.decode()
    assert "8.0" in page.content.decode()


def test_a_bad_file_is_explained_and_nothing_is_written(cast, login_as, csv_bytes):
    rows = [*good_rows(), respondent(gemnr=9001, wijknr="WK900199", wl04=8)]
    response = post(login_as(cast.policy_analyst), cast.mun_a, csv_bytes(rows))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was imported." in text
    assert "line 14 (respondent 13): wl04 is 8, which is not an answer code" in text
    assert "wijknr &quot;WK900199&quot; is not a district of Gemeente A (GM9001)" in text
    assert not Survey.objects.exists() and not Respondent.objects.exists()
    assert not AuditEntry.objects.filter(object_type="burgerpeiling_survey").exists()


def test_only_sav_and_csv_are_accepted(cast, login_as):
    response = post(login_as(cast.policy_analyst), cast.mun_a, b"PK\x03\x04", name="peiling.xlsx")
    assert response.status_code == 400
    assert "peiling.xlsx is not a Burgerpeiling file" in response.content.decode()
    assert not Survey.objects.exists()


def test_another_municipality_cannot_be_chosen(cast, login_as, csv_bytes):
    response = post(login_as(cast.policy_analyst), cast.mun_b, csv_bytes(good_rows()))
    assert response.status_code == 400
    assert "Choose one of your municipalities." in response.content.decode()
    assert not Survey.objects.exists()


def test_own_district_numbers_and_replacing(cast, login_as, csv_bytes):
    client = login_as(cast.policy_analyst)
    rows = [dict(r, wijknr="A") for r in good_rows()]
    assert post(client, cast.mun_a, csv_bytes(rows), wijknr_map="A=WK900101").status_code == 302
    again = post(client, cast.mun_a, csv_bytes(good_rows(15)))
    assert again.status_code == 400
    assert "Choose “replace” to replace it." in again.content.decode()
    assert post(client, cast.mun_a, csv_bytes(good_rows(15)), replace="on").status_code == 302
    assert Survey.objects.get().respondents == 15


def test_the_figures_of_another_municipality_are_a_404(cast, login_as, tmp_path):
    DistrictFactory(municipality=cast.mun_b, code="WK900299")
    path = write_csv(tmp_path / "b.csv", [respondent(gemnr=9002, wijknr="99", wl01=7)] * 10)
    survey = import_survey(municipality=cast.mun_b, year=2024, path=path, actor=None)
    response = login_as(cast.policy_analyst).get(
        reverse("burgerpeiling:detail", args=[survey.public_id])
    )
    assert response.status_code == 404
    assert AuditEntry.objects.filter(object_id=str(survey.public_id), outcome="denied").exists()


def test_the_list_takes_a_constant_number_of_queries(
    cast, login_as, tmp_path, django_assert_max_num_queries
):
    client = login_as(cast.policy_analyst)
    client.get(reverse("burgerpeiling:index"))  # warm the session and the user
    for year in (2021, 2022, 2023):
        path = write_csv(tmp_path / f"{year}.csv", [respondent(gemnr=9001, jr=year, wijknr="1")])
        import_survey(municipality=cast.mun_a, year=year, path=path, actor=cast.policy_analyst)
    with django_assert_max_num_queries(12) as captured:
        response = client.get(reverse("burgerpeiling:index"))
    assert response.content.decode().count("burgerpeiling/") >= 3
    few = len(captured.captured_queries)
    path = write_csv(tmp_path / "2024.csv", [respondent(gemnr=9001, wijknr="1")])
    import_survey(municipality=cast.mun_a, year=2024, path=path, actor=cast.admin)
    with django_assert_max_num_queries(few):
        client.get(reverse("burgerpeiling:index"))
