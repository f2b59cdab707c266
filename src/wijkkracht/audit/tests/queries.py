"""For query-count tests: which captured statements write audit lines. PostgreSQL writes a
call's lines with one ``SELECT wijkkracht_audit_append(…)``; other databases with an
``INSERT`` (``bulk_create``, which SQLite splits into batches of 999 parameters)."""


def is_audit_write(sql: str) -> bool:
    return sql.startswith('INSERT INTO "audit_auditentry"') or sql.startswith(
        "SELECT wijkkracht_audit_append("
    )
