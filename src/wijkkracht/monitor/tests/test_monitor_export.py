"""CSV and XLSX exports: exactly the table of the page, suppressed cells as the marker,
audited, posted."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wijkkracht.areas.tests.factories import NeighbourhoodFactory
from wijkkracht.audit.models import Action, AuditEntry, Purpose
from wijkkracht.monitor import exports, pages
from wijkkracht.monitor.aggregates import MARKER
from wijkkracht.monitor.recompute import recompute_municipality
from wijkkracht.monitor.tests.builders import case

EXPORT = reverse("monitor:export")


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def read_xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def as_text(sheet):
    """Numbers compare as numbers (a spreadsheet reads 7.0 back as 7)."""

    def norm(value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(float(value))
        try:
            return str(float(value)) if value not in ("", "-") else value
        except ValueError:
            return str(value)

    return [[norm(value) for value in row] for row in sheet]


@pytest.fixture
def figures(cast):
    today = dt.date.today()
    closed = today.replace(day=1) - dt.timedelta(days=40)
    for _ in range(11):
        case(cast, opened=closed - dt.timedelta(days=60), closed=closed, satisfaction=7)
    elsewhere = NeighbourhoodFactory(district__municipality=cast.mun_a)  # another district
    case(cast, opened=closed - dt.timedelta(days=60), closed=closed, neighbourhood=elsewhere)
    recompute_municipality(cast.mun_a)
    return pages.Quarter.containing(closed)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_overview_export_is_the_page_table(cast, login_as, figures, fmt):
    client = login_as(cast.policy_analyst)
    period = str(figures)
    page = client.get(reverse("monitor:index"), {"period": period})
    response = client.post(EXPORT, {"page": "overview", "format": fmt, "period": period})
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    expected = exports.table_sheet(page.context["table"])
    assert as_text(rows) == as_text(expected)
    assert MARKER in {str(v) for row in rows for v in row}  # the small district
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_profile_export_is_the_page_sections(cast, login_as, figures, fmt):
    client = login_as(cast.policy_analyst)
    code = cast.household.address.neighbourhood.district.code
    page = client.get(reverse("monitor:area", args=[code]), {"period": str(figures)})
    response = client.post(
        EXPORT, {"page": "profile", "code": code, "format": fmt, "period": str(figures)}
    )
    rows = read_csv(response) if fmt == "csv" else read_xlsx(response)
    assert as_text(rows) == as_text(exports.profile_sheet(page.context["profile"]))


def test_every_export_writes_an_audit_line(cast, login_as):
    client = login_as(cast.team_lead)
    client.post(EXPORT)
    client.post(EXPORT, {"format": "xlsx"})
    lines = list(AuditEntry.objects.filter(object_type="aggregates"))
    assert len(lines) == 2
    assert {(line.action, line.purpose, line.username) for line in lines} == {
        (Action.EXPORT, Purpose.ADMINISTRATION, "team_lead")
    }
    assert {line.resident_pseudonym for line in lines} == {""}


def test_the_export_is_posted_never_got(cast, login_as):
    client = login_as(cast.policy_analyst)
    assert client.get(EXPORT).status_code == 405
    assert not AuditEntry.objects.filter(object_type="aggregates").exists()


def test_a_spreadsheet_never_reads_a_name_as_a_formula():
    assert exports._safe("=SUM(A1)") == "'=SUM(A1)"
    assert exports._safe("-") == "-"
