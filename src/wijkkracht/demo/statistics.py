"""Planner statistics for the tables the demo has just filled.

The demo writes everything in one transaction, so PostgreSQL's autovacuum (if it runs at
all) never analyses the new rows before the demo reads them again: the planner still
thinks the tables are empty and picks nested loops over 100,000 rows (the decisions step
took a minute at 100,000 residents for that alone). ``ANALYZE`` inside the transaction
sees the transaction's own rows and takes well under a second per table (it samples).
On SQLite nothing is done: its planner does without statistics here."""

from __future__ import annotations

from django.db import connection


def analyze(*models) -> None:
    if connection.vendor != "postgresql" or not models:
        return
    quote = connection.ops.quote_name
    tables = ", ".join(quote(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
