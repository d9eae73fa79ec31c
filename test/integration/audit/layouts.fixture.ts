import type pg from "pg";
import type { AuditMapping } from "../../../src/shared/contract/audit";

/**
 * The five audit layouts, written fresh from their published shapes, each filled with
 * a small history. The 2ndQuadrant layout is fed by a real trigger on real DML.
 */
/** How pgdesk's own audit_logs layout (createPgdeskLayout) maps onto the audit model. */
export const pgdeskAuditMapping: AuditMapping = {
  kind: "pgdesk",
  schema: "public",
  table: "audit_logs",
  snapshotsIn: "metadata",
  columns: {
    id: "id",
    time: "createdAt",
    entity: "entity",
    entityId: "entityId",
    action: "action",
    actor: "actorId",
    tenant: "organizationId",
  },
};

export async function createPgdeskLayout(db: pg.Pool): Promise<void> {
  await db.query(`
    CREATE TABLE audit_logs (
      id text PRIMARY KEY, "organizationId" text NOT NULL, "actorId" text, action text NOT NULL,
      entity text NOT NULL, "entityId" text, metadata jsonb, "ipAddress" text,
      "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP);
    CREATE INDEX ON audit_logs ("organizationId", "createdAt");`);
  const rows: Array<[string, string, string, string, string, object, string]> = [
    [
      "a1",
      "usr_admin",
      "CREATE",
      "Order",
      "ord_1",
      { after: { id: "ord_1", status: "PENDING", total: "10.00", note: "first" } },
      "2026-01-01 10:00:00",
    ],
    [
      "a2",
      "usr_admin",
      "UPDATE",
      "Order",
      "ord_1",
      {
        before: { id: "ord_1", status: "PENDING", total: "10.00", note: "first" },
        after: { id: "ord_1", status: "PAID", total: "10.00", note: "first" },
        changes: { status: { from: "PENDING", to: "PAID" } },
      },
      "2026-01-02 10:00:00",
    ],
    [
      "a3",
      "usr_ops",
      "UPDATE",
      "Order",
      "ord_1",
      {
        before: { id: "ord_1", status: "PAID", total: "10.00", note: "first" },
        after: { id: "ord_1", status: "SHIPPED", total: "10.00", note: "first" },
        changes: { status: { from: "PAID", to: "SHIPPED" } },
      },
      "2026-01-03 10:00:00",
    ],
    [
      "a4",
      "usr_admin",
      "CREATE",
      "User",
      "usr_1",
      { after: { id: "usr_1", email: "a@example.com", passwordHash: "scrypt$LEAKED-HASH" } },
      "2026-01-01 09:00:00",
    ],
    [
      "a5",
      "usr_1",
      "UPDATE",
      "User",
      "usr_1",
      {
        before: { id: "usr_1", email: "a@example.com", passwordHash: "scrypt$LEAKED-HASH" },
        after: { id: "usr_1", email: "b@example.com", passwordHash: "scrypt$NEW-LEAKED-HASH" },
      },
      "2026-01-04 09:00:00",
    ],
  ];
  for (const [id, actor, action, entity, entityId, metadata, at] of rows) {
    await db.query(
      `INSERT INTO audit_logs (id, "organizationId", "actorId", action, entity, "entityId", metadata, "createdAt") VALUES ($1, 'org_1', $2, $3, $4, $5, $6, $7)`,
      [id, actor, action, entity, entityId, JSON.stringify(metadata), at],
    );
  }
}

export async function createSupaAuditLayout(db: pg.Pool): Promise<string> {
  await db.query(`
    CREATE SCHEMA audit;
    CREATE TYPE audit.operation AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE');
    CREATE TABLE audit.record_version (
      id bigserial PRIMARY KEY, record_id uuid, old_record_id uuid, op audit.operation NOT NULL,
      ts timestamptz NOT NULL DEFAULT now(), table_oid oid NOT NULL, table_schema name NOT NULL,
      table_name name NOT NULL, record jsonb, old_record jsonb);
    CREATE INDEX ON audit.record_version (record_id);
    CREATE INDEX ON audit.record_version (old_record_id);`);
  const rid = "0b6a1f7e-3c1b-4e49-9a63-6f3bb8a1c001";
  await db.query(
    `
    INSERT INTO audit.record_version (record_id, old_record_id, op, ts, table_oid, table_schema, table_name, record, old_record) VALUES
      ($1, NULL, 'INSERT', '2026-02-01T00:00:00Z', 1, 'public', 'account', '{"id": 1, "name": "Ada"}', NULL),
      ($1, $1, 'UPDATE', '2026-02-02T00:00:00Z', 1, 'public', 'account', '{"id": 1, "name": "Ada L."}', '{"id": 1, "name": "Ada"}'),
      (NULL, $1, 'DELETE', '2026-02-03T00:00:00Z', 1, 'public', 'account', NULL, '{"id": 1, "name": "Ada L."}')`,
    [rid],
  );
  return rid;
}

export async function createAuditTriggerLayout(db: pg.Pool): Promise<void> {
  await db.query(`
    CREATE EXTENSION IF NOT EXISTS hstore;
    CREATE SCHEMA IF NOT EXISTS audit;
    CREATE TABLE audit.logged_actions (
      event_id bigserial PRIMARY KEY, schema_name text NOT NULL, table_name text NOT NULL, relid oid NOT NULL,
      session_user_name text, action_tstamp_tx timestamptz NOT NULL, action_tstamp_stm timestamptz NOT NULL,
      action_tstamp_clk timestamptz NOT NULL, transaction_id bigint, application_name text, client_addr inet,
      client_port integer, client_query text, action text NOT NULL CHECK (action IN ('I','D','U','T')),
      row_data hstore, changed_fields hstore, statement_only boolean NOT NULL);
    CREATE FUNCTION audit.if_modified_func() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      INSERT INTO audit.logged_actions (schema_name, table_name, relid, session_user_name, action_tstamp_tx,
        action_tstamp_stm, action_tstamp_clk, transaction_id, application_name, client_query, action,
        row_data, changed_fields, statement_only)
      VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_RELID, session_user::text, current_timestamp, statement_timestamp(),
        clock_timestamp(), txid_current(), current_setting('application_name'), current_query(), substring(TG_OP, 1, 1),
        CASE WHEN TG_OP = 'INSERT' THEN hstore(NEW.*) ELSE hstore(OLD.*) END,
        CASE WHEN TG_OP = 'UPDATE' THEN hstore(NEW.*) - hstore(OLD.*) END, false);
      RETURN NULL;
    END $$;
    CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2));
    CREATE TRIGGER audit_items AFTER INSERT OR UPDATE OR DELETE ON items FOR EACH ROW EXECUTE FUNCTION audit.if_modified_func();`);
  await db.query(`INSERT INTO items VALUES (7, 'lamp', 19.90)`);
  await db.query(
    `BEGIN; UPDATE items SET price = 24.90 WHERE id = 7; UPDATE items SET name = 'desk lamp' WHERE id = 7; COMMIT;`,
  );
  await db.query(`DELETE FROM items WHERE id = 7`);
}

export async function createBemiLayout(db: pg.Pool): Promise<void> {
  await db.query(`
    CREATE TABLE changes (
      id bigserial PRIMARY KEY, primary_key varchar(255), before jsonb NOT NULL DEFAULT '{}', after jsonb NOT NULL DEFAULT '{}',
      context jsonb NOT NULL DEFAULT '{}', database varchar(255) NOT NULL, schema varchar(255) NOT NULL,
      "table" varchar(255) NOT NULL, operation varchar(255) NOT NULL, committed_at timestamptz NOT NULL,
      queued_at timestamptz NOT NULL DEFAULT now(), created_at timestamptz NOT NULL DEFAULT now(),
      transaction_id bigint NOT NULL, position bigint NOT NULL);
    CREATE INDEX ON changes ("table", primary_key, committed_at);
    INSERT INTO changes (primary_key, before, after, context, database, schema, "table", operation, committed_at, transaction_id, position) VALUES
      ('42', '{}', '{"id": 42, "title": "Draft"}', '{"userId": "u-9"}', 'app', 'public', 'posts', 'CREATE', '2026-03-01T00:00:00Z', 100, 1),
      ('42', '{"id": 42, "title": "Draft"}', '{"id": 42, "title": "Published"}', '{"userId": "u-7"}', 'app', 'public', 'posts', 'UPDATE', '2026-03-02T00:00:00Z', 101, 2);`);
}

export async function createPaperTrailLayout(db: pg.Pool): Promise<void> {
  await db.query(`
    CREATE TABLE versions (
      id bigserial PRIMARY KEY, item_type varchar NOT NULL, item_id bigint NOT NULL, event varchar NOT NULL,
      whodunnit varchar, object jsonb, object_changes jsonb, created_at timestamp);
    CREATE INDEX ON versions (item_type, item_id);
    INSERT INTO versions (item_type, item_id, event, whodunnit, object, object_changes, created_at) VALUES
      ('Widget', 5, 'create', 'alice', NULL, '{"id": [null, 5], "name": [null, "cog"], "qty": [null, 1]}', '2026-04-01 08:00:00'),
      ('Widget', 5, 'update', 'bob', '{"id": 5, "name": "cog", "qty": 1}', '{"qty": [1, 3]}', '2026-04-02 08:00:00'),
      ('Widget', 5, 'destroy', 'alice', '{"id": 5, "name": "cog", "qty": 3}', NULL, '2026-04-03 08:00:00');`);
}
