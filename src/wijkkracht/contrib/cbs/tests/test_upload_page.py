"""The upload page: only for import_figures, own municipalities only, audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkkracht.audit.models import AuditEntry, Outcome
from wijkkracht.contrib.cbs.models import AreaBoundary, FigureImport, FigureValue

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkkracht.contrib.cbs.tests.urls")]

# The cast's municipality A is GM9001 with WK900101, BU90010101 and BU90010102.
DATA = (
    '"ID","WijkenEnBuurten","Gemeentenaam_1","AantalInwoners_5","WmoClienten_89"\r\n'
    '0,"GM9001    ","Gemeente A",1200,80\r\n'
    '1,"WK900101  ","Gemeente A",1200,80\r\n'
    '2,"BU90010101","Gemeente A",700,.\r\n'
    '3,"GM9002    ","Gemeente B",900,40\r\n'
)
GEOJSON = (
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
    '{"statcode":"WK900101","statnaam":"Wijk A"},"geometry":{"type":"Polygon","coordinates":'
    "[[[140000,486000],[141000,486000],[141000,487000],[140000,487000],[140000,486000]]]}}]}"
)


def upload(client, cast, codebook_path, data=DATA, municipality=None):
    return client.post(
        reverse("cbs:upload_figures"),
        {
            "figures-municipality": municipality or cast.mun_a.code,
            "figures-data": SimpleUploadedFile("85318NED_TypedDataSet.csv", data.encode()),
            "figures-properties": SimpleUploadedFile(
                "DataProperties.csv", codebook_path.read_bytes()
            ),
        },
    )


@pytest.mark.parametrize("who", ["policy_analyst", "admin"])
def test_the_importers_see_the_page(cast, login_as, who):
    response = login_as(getattr(cast, who)).get(reverse("cbs:index"))
    assert response.status_code == 200
    assert b"Import figures" in response.content


@pytest.mark.parametrize(
    "who", ["coordinator", "team_lead", "decision_officer", "privacy_officer", "resident_user"]
)
def test_everyone_else_gets_404_and_the_denial_is_audited(cast, login_as, who):
    client = login_as(getattr(cast, who))
    assert client.get(reverse("cbs:index")).status_code == 404
    assert client.post(reverse("cbs:upload_figures")).status_code == 404
    denied = AuditEntry.objects.filter(outcome=Outcome.DENIED, username=getattr(cast, who).username)
    assert denied.count() == 2
    assert denied.first().detail["capability"] == "import_figures"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("cbs:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_upload_imports_only_the_own_municipality_and_is_audited(
    cast, login_as, kerncijfers_codebook
):
    client = login_as(cast.policy_analyst)

    response = upload(client, cast, kerncijfers_codebook)

    assert response.status_code == 302
    assert set(FigureValue.objects.values_list("area_code", flat=True)) == {
        "GM9001",
        "WK900101",
        "BU90010101",
    }
    source = FigureImport.objects.get()
    assert (source.municipality_code, source.imported_by) == ("GM9001", "policy_analyst")
    line = AuditEntry.objects.get(object_type="cbs_figures")
    assert line.username == "policy_analyst" and line.detail["values"] == 6


def test_another_municipality_cannot_be_chosen(cast, login_as, kerncijfers_codebook):
    response = upload(
        login_as(cast.policy_analyst), cast, kerncijfers_codebook, municipality="GM9002"
    )
    assert response.status_code == 400
    assert not FigureValue.objects.exists()


def test_a_bad_file_shows_the_problem_and_imports_nothing(cast, login_as, kerncijfers_codebook):
    bad = DATA.replace('"WK900101  ","Gemeente A",1200', '"WK900101  ","Gemeente A",12x0')
    response = upload(login_as(cast.policy_analyst), cast, kerncijfers_codebook, data=bad)

    assert response.status_code == 400
    assert b"Nothing has been imported." in response.content
    assert b"Line 3, column AantalInwoners_5: &quot;12x0&quot; is not a number" in response.content
    assert not FigureValue.objects.exists() and not FigureImport.objects.exists()


def test_a_boundaries_upload_and_the_check_map(cast, login_as, kerncijfers_codebook):
    client = login_as(cast.admin)
    upload(client, cast, kerncijfers_codebook)

    response = client.post(
        reverse("cbs:upload_boundaries"),
        {
            "boundaries-municipality": cast.mun_a.code,
            "boundaries-geojson": SimpleUploadedFile("wijken.geojson", GEOJSON.encode()),
            "boundaries-year": 2022,
        },
    )

    assert response.status_code == 302
    assert AreaBoundary.objects.get().area_code == "WK900101"
    page = client.get(reverse("cbs:index")).content.decode()
    assert "<svg" in page and 'data-code="WK900101"' in page
    assert "Wijk A: 1,200" in page


def test_the_page_needs_the_same_queries_for_few_or_many_imports(
    cast, login_as, kerncijfers_codebook
):
    client = login_as(cast.policy_analyst)
    upload(client, cast, kerncijfers_codebook)
    client.get(reverse("cbs:index"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("cbs:index"))
    for _ in range(3):
        upload(client, cast, kerncijfers_codebook)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("cbs:index"))
    assert len(four) == len(one)


def test_a_json_feed_of_a_known_table_needs_no_codebook(cast, login_as, kerncijfers_codebook):
    client = login_as(cast.policy_analyst)
    upload(client, cast, kerncijfers_codebook)
    feed = (
        '{"odata.metadata":"https://opendata.cbs.nl/ODataApi/OData/85318NED/$metadata'
        '#Cbs.OData.TypedDataSet","value":[{"ID":0,"WijkenEnBuurten":"GM9001    ",'
        '"AantalInwoners_5":1250,"WmoClienten_89":null}]}'
    )

    response = client.post(
        reverse("cbs:upload_figures"),
        {
            "figures-municipality": cast.mun_a.code,
            "figures-data": SimpleUploadedFile("download.json", feed.encode()),
        },
    )

    assert response.status_code == 302
    residents = FigureValue.objects.get(area_code="GM9001", measure__key="AantalInwoners_5")
    assert residents.value == 1250
    assert FigureValue.objects.get(area_code="GM9001", measure__key="WmoClienten_89").value is None
