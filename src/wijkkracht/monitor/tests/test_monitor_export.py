"""The CSV export: the same table as the page, suppressed cells as the marker, audited."""

import csv
import io

from django.urls import reverse

from wijkkracht.audit.models import Action, AuditEntry, Purpose
from wijkkracht.monitor.aggregates import MARKER, MEASURE_KEYS, monitor_table

EXPORT = reverse("monitor:export")


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_export_is_the_page_table_with_markers(cast, login_as):
    response = login_as(cast.policy_analyst).post(EXPORT)
    header, *rows = read_csv(response)
    assert header == ["level", "code", "name", *MEASURE_KEYS]
    expected = [
        [row.level, row.code, row.name, *(str(cell) for cell in row.cells)]
        for row in monitor_table(cast.policy_analyst)
    ]
    assert rows == expected
    assert {value for row in rows for value in row[3:]} == {MARKER}  # the cast is small
    assert "attachment" in response["Content-Disposition"]


def test_every_export_writes_an_audit_line(cast, login_as):
    client = login_as(cast.team_lead)
    client.post(EXPORT)
    client.post(EXPORT)
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


def test_no_person_appears_in_the_page_or_the_export(cast, login_as):
    client = login_as(cast.policy_analyst)
    for response in (client.get(reverse("monitor:index")), client.post(EXPORT)):
        text = response.content.decode()
        for resident in (cast.mother, cast.son, cast.stranger):
            assert resident.surname not in text
            assert resident.given_names not in text
            assert str(resident.public_id) not in text
            assert resident.bsn not in text
