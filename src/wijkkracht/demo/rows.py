"""Fast inserts of plain rows for the demo's biggest tables.

``bulk_create`` builds a model instance per row and prepares every value through the
ORM; at 100,000 residents that is most of the demo's time. ``insert_rows`` takes plain
tuples (Python values: str, int, date, datetime, UUID, None) for the named columns and
returns the new primary keys in order:

* PostgreSQL: the keys are taken from the table's sequence in one statement, the rows go
  in with ``COPY ... FROM STDIN`` (psycopg ``cursor.copy``), no SQL per batch;
* SQLite: the keys follow the highest key ever given (the demo runs in one transaction,
  which holds SQLite's write lock), the rows go in with ``executemany``,
  values prepared per column as the ORM would.

No signals, no ``save()``, no defaults: callers give every NOT NULL column, exactly as
they would have filled the model instance."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

BATCH = 5000
# Types whose Python value SQLite does not take as it is (UUIDs as hex, dates as text,
# aware times in UTC, ...): prepared by the field as the ORM would.
PREPARED = {
    "UUIDField",
    "DateField",
    "DateTimeField",
    "TimeField",
    "DecimalField",
    "DurationField",
    "JSONField",
}


def insert_rows(model, columns: Sequence[str], rows: Sequence[Sequence]) -> list[int]:
    """Insert ``rows`` (tuples in the order of ``columns``, attnames such as
    ``household_id``) into ``model``'s table; returns their new primary keys."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy(model, columns, rows)
    return _executemany(model, columns, rows)


def _columns(model, columns: Sequence[str]):
    fields = {f.attname: f for f in model._meta.concrete_fields}
    return [fields[c] for c in columns]


def _copy(model, columns, rows) -> list[int]:
    quote = connection.ops.quote_name
    table = model._meta.db_table
    pk = model._meta.pk.column
    fields = _columns(model, columns)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        names = ", ".join(quote(c) for c in [pk, *(f.column for f in fields)])
        with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for pk_value, row in zip(ids, rows, strict=True):
                copy.write_row((pk_value, *row))
    return ids


def _executemany(model, columns, rows) -> list[int]:
    quote = connection.ops.quote_name
    table = model._meta.db_table
    pk = model._meta.pk.column
    fields = _columns(model, columns)
    prepare = [f if f.get_internal_type() in PREPARED else None for f in fields]
    with connection.cursor() as cursor:
        # Table and column names come from the model, never from input.
        cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")  # noqa: S608
        first = cursor.fetchone()[0] + 1
        if connection.vendor == "sqlite":  # AUTOINCREMENT: never reuse a deleted key
            cursor.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = %s", [table]
            )
            first = max(first, cursor.fetchone()[0] + 1)
        ids = list(range(first, first + len(rows)))
        names = ", ".join(quote(c) for c in [pk, *(f.column for f in fields)])
        marks = ", ".join(["%s"] * (len(fields) + 1))
        statement = f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                statement,
                [
                    (
                        pk_value,
                        *(
                            value
                            if field is None or value is None
                            else field.get_db_prep_save(value, connection)
                            for field, value in zip(prepare, row, strict=True)
                        ),
                    )
                    for pk_value, row in zip(
                        ids[start : start + BATCH], rows[start : start + BATCH], strict=True
                    )
                ],
            )
    return ids
