"""On PostgreSQL, refuse UPDATE and DELETE of audit lines in the database itself.

TRUNCATE is not caught by a row trigger; production denies it by privileges: the
application's database role does not own the table (docs/operations.md)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION wijkkracht_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit lines are append-only: %% refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION wijkkracht_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS wijkkracht_audit_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
