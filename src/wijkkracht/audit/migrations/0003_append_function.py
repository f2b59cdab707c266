"""On PostgreSQL, append audit lines in one round trip (``wijkkracht.audit.log``).

``wijkkracht_audit_append`` locks the chain head, gives the lines their numbers, chains
their hashes (SHA-256 over "seq 0x1F body 0x1F previous hash", as
``audit.models.chain_hash``; the application computes each body), inserts them and moves
the head: one statement instead of five round trips (docs/performance.md, "Audit
overhead"). ``p_asynchronous`` sets ``synchronous_commit`` off for this transaction only
(the opt-in ``AUDIT_SYNCHRONOUS_COMMIT=false``)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION wijkkracht_audit_append(
    p_timestamp timestamptz,
    p_user_id bigint,
    p_username text,
    p_role text,
    p_organisation text,
    p_on_behalf_of text,
    p_action text,
    p_object_type text,
    p_purpose text,
    p_outcome text,
    p_ip text,
    p_request_id text,
    p_detail jsonb,
    p_object_ids text[],
    p_residents text[],
    p_bodies text[],
    p_asynchronous boolean
) RETURNS bigint AS $$
DECLARE
    v_seq bigint;
    v_hash text;
    v_seqs bigint[] := '{}';
    v_prevs text[] := '{}';
    v_hashes text[] := '{}';
BEGIN
    IF p_asynchronous THEN
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
    SELECT seq, hash INTO v_seq, v_hash FROM audit_auditchainhead WHERE id = 1 FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_auditchainhead (id, seq, hash) VALUES (1, 0, repeat('0', 64))
            ON CONFLICT (id) DO NOTHING;
        SELECT seq, hash INTO v_seq, v_hash FROM audit_auditchainhead WHERE id = 1 FOR UPDATE;
    END IF;
    IF v_seq = 0 THEN
        v_hash := repeat('0', 64);
    END IF;
    FOR i IN 1 .. coalesce(array_length(p_bodies, 1), 0) LOOP
        v_seq := v_seq + 1;
        v_seqs := v_seqs || v_seq;
        v_prevs := v_prevs || v_hash;
        v_hash := encode(
            sha256(convert_to(v_seq::text || chr(31) || p_bodies[i] || chr(31) || v_hash, 'UTF8')),
            'hex'
        );
        v_hashes := v_hashes || v_hash;
    END LOOP;
    INSERT INTO audit_auditentry (
        seq, timestamp, user_id_value, username, role, organisation, on_behalf_of, action,
        object_type, object_id, resident_pseudonym, purpose, outcome, ip, request_id,
        detail, prev_hash, hash
    )
    SELECT line.seq, p_timestamp, p_user_id, p_username, p_role, p_organisation,
           p_on_behalf_of, p_action, p_object_type, line.object_id, line.resident,
           p_purpose, p_outcome, p_ip, p_request_id, p_detail, line.prev_hash, line.hash
    FROM unnest(v_seqs, p_object_ids, p_residents, v_prevs, v_hashes)
        AS line(seq, object_id, resident, prev_hash, hash);
    UPDATE audit_auditchainhead SET seq = v_seq, hash = v_hash WHERE id = 1;
    RETURN v_seq;
END;
$$ LANGUAGE plpgsql;
"""

DROP = """
DROP FUNCTION IF EXISTS wijkkracht_audit_append(
    timestamptz, bigint, text, text, text, text, text, text, text, text, text, text, jsonb,
    text[], text[], text[], boolean
);
"""


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [migrations.RunPython(create_function, drop_function, elidable=False)]
