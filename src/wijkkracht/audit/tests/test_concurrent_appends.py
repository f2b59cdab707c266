"""Lines written at the same moment from several connections, outside any transaction
(as reads are), on a real database: the chain head's row lock keeps one unbroken chain,
whatever path writes them (PostgreSQL: one statement, ``wijkkracht_audit_append``)."""

import threading

import pytest
from django.db import connection

from wijkkracht.audit.log import record_many, verify
from wijkkracht.audit.models import Action, AuditChainHead, AuditEntry, Purpose

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks across connections"
    ),
]


@pytest.mark.parametrize("synchronous", [True, False])
def test_simultaneous_writers_keep_one_unbroken_chain(cast, settings, synchronous):
    settings.AUDIT_SYNCHRONOUS_COMMIT = synchronous
    writers, rounds, per_call = 4, 15, 3
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            for round_ in range(rounds):
                record_many(
                    user=user,
                    action=Action.SEARCH,
                    purpose=Purpose.CARE,
                    object_type="resident",
                    items=[(f"{round_}-{i}", cast.mother) for i in range(per_call)],
                    detail={"query": "Jänssen", "round": round_},
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    users = [cast.coordinator, cast.colleague, cast.team_lead, cast.decision_officer]
    threads = [threading.Thread(target=write, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = writers * rounds * per_call
    assert AuditEntry.objects.count() == total
    assert AuditChainHead.objects.get(pk=1).seq == total
    assert verify() == []
    # The lines of one call are consecutive: one statement holds the lock for all.
    for user in users:
        seqs = sorted(
            AuditEntry.objects.filter(username=user.username, detail__round=0).values_list(
                "seq", flat=True
            )
        )
        assert seqs == list(range(seqs[0], seqs[0] + per_call))
