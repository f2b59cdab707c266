import datetime as dt
import io
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkkracht.areas.tests.factories import MunicipalityFactory
from wijkkracht.demo.generator import RESIDENT_COLUMNS
from wijkkracht.demo.rows import insert_rows
from wijkkracht.residents.models import Resident

pytestmark = pytest.mark.django_db

COLUMNS = RESIDENT_COLUMNS  # the columns the demo writes residents with


def _row(municipality, n, now):
    return (
        uuid.UUID(int=n + 1, version=4),
        municipality.pk,
        f"Anne {n}",
        "van",
        "Dijk",
        "dijk",
        "anne",
        dt.date(1980, 1, 1) + dt.timedelta(days=n),
        None,
        "",
        "",
        now,
    )


def test_rows_come_back_as_the_orm_reads_them_with_the_returned_keys():
    municipality = MunicipalityFactory()
    now = timezone.now()
    rows = [_row(municipality, n, now) for n in range(3)]
    ids = insert_rows(Resident, COLUMNS, rows)
    assert len(ids) == 3 and len(set(ids)) == 3
    for pk, row in zip(ids, rows, strict=True):
        resident = Resident.objects.get(pk=pk)
        assert resident.public_id == row[0]
        assert resident.given_names == row[2]
        assert resident.date_of_birth == row[7]
        assert resident.bsn is None
        assert resident.created_at == now
    # The ORM goes on after the keys handed out (sequence or highest key).
    later = Resident.objects.create(
        municipality=municipality,
        given_names="Bo",
        surname="Smit",
        date_of_birth=dt.date(1990, 1, 1),
    )
    assert later.pk > max(ids)


def test_keys_of_deleted_rows_are_not_given_again():
    municipality = MunicipalityFactory()
    now = timezone.now()
    first = insert_rows(Resident, COLUMNS, [_row(municipality, n, now) for n in range(3)])
    Resident.objects.filter(pk__in=first).delete()
    second = insert_rows(Resident, COLUMNS, [_row(municipality, n, now) for n in range(3, 5)])
    assert min(second) > max(first)


def test_no_rows_no_keys():
    assert insert_rows(Resident, COLUMNS, []) == []


def test_verbosity_two_prints_the_time_of_every_step():
    out = io.StringIO()
    call_command("demo", "--residents", "120", "--verbosity", "2", stdout=out)
    output = out.getvalue()
    for step in ("households", "decisions", "monitor"):
        assert f" {step}: " in output
