import pytest
from django.db import DatabaseError, connection, transaction

from wijkkracht.audit.log import record
from wijkkracht.audit.models import Action, AuditEntry, AuditLogIsAppendOnly, Purpose


@pytest.fixture
def line(cast):
    seq = record(
        user=cast.coordinator,
        action=Action.READ,
        purpose=Purpose.CARE,
        object_type="resident",
        object_id=str(cast.mother.public_id),
        resident=cast.mother,
    )
    return AuditEntry.objects.get(seq=seq)


def test_saving_an_existing_line_is_refused(line):
    line.purpose = Purpose.EMERGENCY
    with pytest.raises(AuditLogIsAppendOnly):
        line.save()


def test_deleting_a_line_is_refused(line):
    with pytest.raises(AuditLogIsAppendOnly):
        line.delete()


def test_bulk_update_and_delete_are_refused(line):
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=line.pk).update(purpose="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_trigger_refuses_update_and_delete_in_sql(line):
    for sql in (
        "UPDATE audit_auditentry SET purpose = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [line.pk])
    assert AuditEntry.objects.get(pk=line.pk).purpose == Purpose.CARE


def test_a_line_holds_the_pseudonym_and_never_the_bsn(line, cast):
    assert line.resident_pseudonym == str(cast.mother.public_id)
    stored = AuditEntry.objects.filter(pk=line.pk).values()[0]
    assert cast.mother.bsn not in repr(stored)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_opting_out_of_synchronous_commit_keeps_the_chain(cast, settings):
    from wijkkracht.audit.log import verify

    settings.AUDIT_SYNCHRONOUS_COMMIT = False
    for _ in range(3):
        record(
            user=cast.coordinator,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="resident",
            resident=cast.mother,
        )
    assert verify() == []
