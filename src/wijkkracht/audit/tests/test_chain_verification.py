from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from wijkkracht.audit.log import record, record_many, verify
from wijkkracht.audit.models import Action, AuditChainHead, AuditEntry, Purpose


@pytest.fixture
def chain(cast):
    for _ in range(3):
        record(
            user=cast.coordinator,
            action=Action.READ,
            purpose=Purpose.CARE,
            object_type="resident",
            resident=cast.mother,
        )
    record_many(
        user=cast.coordinator,
        action=Action.SEARCH,
        purpose=Purpose.CARE,
        object_type="resident",
        items=[("a", cast.mother), ("b", cast.son)],
    )
    return list(AuditEntry.objects.order_by("seq"))


def _raw(sql, params):
    """Tamper the way an attacker with database access would: around the application."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


def test_an_untouched_chain_verifies(chain):
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert verify() == []
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "intact: 5 lines" in out.getvalue()


def test_each_line_links_to_the_one_before(chain):
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.prev_hash == before.hash


def test_a_changed_line_is_reported(chain):
    _raw("UPDATE audit_auditentry SET username = %s WHERE seq = %s", ["mallory", 2])
    problems = verify()
    assert any("line 2: content was changed" in p for p in problems)
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("audit_verify", stdout=StringIO(), stderr=StringIO())


def test_a_removed_line_is_reported(chain):
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [3])
    assert any("lines 3..3 are missing" in p for p in verify())


def test_removing_the_last_lines_is_reported(chain):
    _raw("DELETE FROM audit_auditentry WHERE seq >= %s", [4])
    assert any("lines 4..5 at the end are missing" in p for p in verify())


def test_an_inserted_line_is_reported(chain):
    forged = chain[1]
    for seq in (5, 4, 3):  # make room after line 2, top down for the unique constraint
        _raw("UPDATE audit_auditentry SET seq = %s WHERE seq = %s", [seq + 1, seq])
    _raw(
        "INSERT INTO audit_auditentry (seq, timestamp, user_id_value, username, role, "
        "organisation, on_behalf_of, action, object_type, object_id, resident_pseudonym, "
        "purpose, outcome, ip, request_id, detail, prev_hash, hash) VALUES "
        "(%s, %s, NULL, 'x', '', '', '', 'read', '', '', '', 'care', 'allowed', '', '', '{}', "
        "%s, %s)",
        [3, forged.timestamp, forged.hash, "f" * 64],
    )
    problems = verify()
    assert problems, "an inserted line must break the chain"
    assert AuditChainHead.objects.get(pk=1).seq == 5
