"""Writing audit lines. Use cases and access helpers call ``record`` themselves."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from psycopg.types.json import Jsonb

from wijkkracht.audit.models import (
    SEPARATOR,
    Action,
    AuditChainHead,
    AuditEntry,
    Outcome,
    Purpose,
    hash_body_parts,
)
from wijkkracht.core.context import current

GENESIS = "0" * 64


def record(
    *,
    user,
    action: Action | str,
    purpose: Purpose | str,
    object_type: str = "",
    object_id: str = "",
    resident=None,
    outcome: Outcome | str = Outcome.ALLOWED,
    on_behalf_of: str = "",
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one line to the chain. ``resident`` is a Resident or its public id; only the
    pseudonymous id is stored. ``detail`` must never contain a BSN."""
    return record_many(
        user=user,
        action=action,
        purpose=purpose,
        object_type=object_type,
        items=[(object_id, resident)],
        outcome=outcome,
        on_behalf_of=on_behalf_of,
        detail=detail,
    )


def record_many(
    *,
    user,
    action: Action | str,
    purpose: Purpose | str,
    object_type: str,
    items: list[tuple[str, Any]],
    outcome: Outcome | str = Outcome.ALLOWED,
    on_behalf_of: str = "",
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one line per (object id, resident) in ``items``, in one statement: a search
    result or a household page writes a line for every resident it shows. Returns the
    number of the last line written."""
    ctx = current.get()
    is_user = user is not None and getattr(user, "is_authenticated", False)
    # A partner system's JWT names the professional it acts for (api.authentication).
    on_behalf_of = on_behalf_of or (getattr(user, "on_behalf_of", "") if is_user else "")
    organisation = ""
    if is_user and user.organisation_id:
        organisation = user.organisation.name
    common = {
        "timestamp": timezone.now().astimezone(UTC),
        "user_id_value": user.pk if is_user else None,
        "username": user.get_username()
        if is_user
        else str((detail or {}).get("username", ""))[:150],
        "role": user.role if is_user else "",
        "organisation": organisation,
        "on_behalf_of": on_behalf_of,
        "action": str(action),
        "object_type": object_type,
        "purpose": str(purpose),
        "outcome": str(outcome),
        "ip": ctx.ip,
        "request_id": ctx.request_id,
        "detail": detail or {},
    }
    lines = [
        (
            str(object_id),
            "" if resident is None else str(getattr(resident, "public_id", resident)),
        )
        for object_id, resident in items
    ]
    # Opt-in: do not wait for the disk flush of an audit-only transaction. A database
    # crash may lose the last fraction of a second of lines; the chain stays consistent
    # (docs/performance.md, "Audit overhead").
    asynchronous = not connection.in_atomic_block and not settings.AUDIT_SYNCHRONOUS_COMMIT
    if connection.vendor == "postgresql":
        return _append_postgresql(common, lines, asynchronous=asynchronous)
    return _append(common, lines)


def _append_postgresql(common: dict[str, Any], lines: list[tuple[str, str]], *, asynchronous):
    """One round trip: ``wijkkracht_audit_append`` (migration 0003) locks the chain head,
    numbers and chains the lines, inserts them and moves the head, in one statement (its
    own transaction outside an atomic block). Python computes each line's hash body, so
    the hash is defined in one place (``AuditEntry.hash_body``)."""
    before, after = hash_body_parts(**common)
    bodies = [SEPARATOR.join([before, object_id, resident, after]) for object_id, resident in lines]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT wijkkracht_audit_append(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s, %s, %s, %s)",
            [
                common["timestamp"],
                common["user_id_value"],
                common["username"],
                common["role"],
                common["organisation"],
                common["on_behalf_of"],
                common["action"],
                common["object_type"],
                common["purpose"],
                common["outcome"],
                common["ip"],
                common["request_id"],
                Jsonb(common["detail"]),
                [object_id for object_id, _ in lines],
                [resident for _, resident in lines],
                bodies,
                asynchronous,
            ],
        )
        return cursor.fetchone()[0]


def _append(common: dict[str, Any], lines: list[tuple[str, str]]) -> int:
    entries = [
        AuditEntry(object_id=object_id, resident_pseudonym=resident, **common)
        for object_id, resident in lines
    ]
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        seq, prev_hash = head.seq, (head.hash if head.seq else GENESIS)
        for entry in entries:
            seq += 1
            entry.seq = seq
            entry.prev_hash = prev_hash
            entry.hash = prev_hash = entry.compute_hash()
        AuditEntry.objects.bulk_create(entries)
        AuditChainHead.objects.filter(pk=1).update(seq=seq, hash=prev_hash)
    return seq


def verify() -> list[str]:
    """Walk the whole chain; return a description of every problem found (empty: intact)."""
    problems: list[str] = []
    expected_seq = 1
    prev_hash = GENESIS
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=5000):
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                problems.append(f"lines {expected_seq}..{entry.seq - 1} are missing (removed)")
            else:
                problems.append(f"line {entry.seq} appears twice or out of order")
        if entry.prev_hash != prev_hash:
            problems.append(
                f"line {entry.seq}: does not follow the line before it (inserted "
                "or the previous line was changed or removed)"
            )
        if entry.compute_hash() != entry.hash:
            problems.append(f"line {entry.seq}: content was changed after it was written")
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    if head is not None and head.seq != last_seq:
        if head.seq > last_seq:
            problems.append(f"lines {last_seq + 1}..{head.seq} at the end are missing (removed)")
        else:
            problems.append(f"lines after {head.seq} were added outside the application")
    elif head is not None and head.seq and head.hash != prev_hash:
        problems.append(f"line {last_seq}: the last line does not match the chain head")
    return problems
