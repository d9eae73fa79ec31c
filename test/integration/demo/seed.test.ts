import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoClient } from "../../../prisma/demo-client";
import { verifyPassword } from "../../../prisma/seed/password";
import { seedDatabase } from "../../../prisma/seed/run";
import { ADMIN_CREDENTIALS } from "../../../prisma/seed/sizes";
import { runWorkload, SEQUENCE_POSITION } from "../../../prisma/workload";
import { prismaDir } from "../../../src/main/features/demo/prisma-dir";
import { applyMigrations, readMigrations } from "../../../src/main/features/demo/prisma-migrations";
import { freshDatabase, type FreshDatabase } from "../../harness/database";

const SMALL = { activityEvents: 6_000 };

async function rowCounts(db: FreshDatabase): Promise<Record<string, number>> {
  const { rows } = await db.pool.query<{ t: string; n: number }>(
    `SELECT tablename AS t, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', tablename), false, true, '')))[1]::text::int AS n
     FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

describe("seeding the demo database (PostgreSQL 15)", () => {
  let db: FreshDatabase;
  let first: Record<string, number>;
  const progress: Array<[string, number]> = [];

  beforeAll(async () => {
    db = await freshDatabase(15, "demo_seed");
    const client = await db.pool.connect();
    try {
      await applyMigrations(client, await readMigrations(join(prismaDir(), "migrations")));
    } finally {
      client.release();
    }
    await seedDatabase({
      connection: db.connection,
      size: "demo",
      overrides: SMALL,
      onProgress: (p, n) => progress.push([p, n]),
    });
    first = await rowCounts(db);
  }, 180_000);
  afterAll(async () => {
    await db.drop();
  });

  it("fills every table and reports its phases up to 100%", () => {
    for (const [table, n] of Object.entries(first)) expect(n, table).toBeGreaterThan(0);
    expect(first.users).toBe(20);
    expect(first.products).toBe(80);
    expect(first.events).toBeGreaterThan(SMALL.activityEvents);
    const percents = progress.map(([, n]) => n);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual(["Done", 100]);
    expect(new Set(progress.map(([p]) => p)).size).toBeGreaterThanOrEqual(8);
  });

  it("creates the admin with the documented password, hashed", async () => {
    const { rows } = await db.pool.query(`SELECT password_hash, role FROM users WHERE email = $1`, [
      ADMIN_CREDENTIALS.email,
    ]);
    expect(rows[0].role).toBe("ADMIN");
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(ADMIN_CREDENTIALS.password, rows[0].password_hash)).toBe(true);
    expect(await verifyPassword("wrong", rows[0].password_hash)).toBe(false);
  });

  it("puts every date in the past", async () => {
    const { rows } = await db.pool.query(
      `SELECT (SELECT max(created_at) FROM users) AS u, (SELECT max(updated_at) FROM orders) AS o,
              (SELECT max(created_at) FROM audit_logs) AS a, (SELECT max(created_at) FROM events) AS e`,
    );
    for (const v of Object.values(rows[0])) expect((v as Date).getTime()).toBeLessThan(Date.now());
  });

  it("writes audit rows with before/after and changes, and redacts passwordHash, token and keyHash", async () => {
    const userCreate = await db.pool.query(
      `SELECT metadata FROM audit_logs WHERE entity = 'User' AND action = 'CREATE' LIMIT 1`,
    );
    expect(userCreate.rows[0].metadata.after.passwordHash).toBe("[REDACTED]");
    expect(userCreate.rows[0].metadata.after.email).toMatch(/@/);
    const session = await db.pool.query(`SELECT metadata FROM audit_logs WHERE entity = 'Session' LIMIT 1`);
    expect(session.rows[0].metadata.after.token).toBe("[REDACTED]");
    const key = await db.pool.query(
      `SELECT organization_id, metadata FROM audit_logs WHERE entity = 'ApiKey' LIMIT 1`,
    );
    expect(key.rows[0].metadata.after.keyHash).toBe("[REDACTED]");
    expect(key.rows[0].organization_id).toEqual(expect.any(String));
    const pwChange = await db.pool.query(
      `SELECT metadata FROM audit_logs WHERE entity = 'User' AND action = 'UPDATE' AND metadata->'changes' ? 'passwordHash'`,
    );
    expect(pwChange.rows[0].metadata.changes.passwordHash).toEqual({ from: "[REDACTED]", to: "[REDACTED]" });
    const leaks = await db.pool.query(
      `SELECT count(*)::int AS n FROM audit_logs a
       WHERE EXISTS (SELECT 1 FROM users u WHERE strpos(a.metadata::text, u.password_hash) > 0)
          OR EXISTS (SELECT 1 FROM sessions s WHERE strpos(a.metadata::text, s.token) > 0)
          OR EXISTS (SELECT 1 FROM api_keys k WHERE strpos(a.metadata::text, k.key_hash) > 0)`,
    );
    expect(leaks.rows[0].n).toBe(0);
  });

  it("records orders moving through their statuses over time, by staff", async () => {
    const { rows } = await db.pool.query(
      `SELECT entity_id, array_agg(metadata->'changes'->'status'->>'to' ORDER BY created_at) AS path,
              array_agg(created_at ORDER BY created_at) AS at, bool_and(actor_id IS NOT NULL) AS has_actor
       FROM audit_logs WHERE entity = 'Order' AND action = 'UPDATE' AND metadata->'changes' ? 'status'
       GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const longest = rows[0];
    expect(longest.path.slice(0, 3)).toEqual(["CONFIRMED", "PROCESSING", "SHIPPED"]);
    expect(longest.has_actor).toBe(true);
    const times = (longest.at as Date[]).map((d) => d.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const update = await db.pool.query(
      `SELECT metadata FROM audit_logs WHERE entity = 'Order' AND action = 'UPDATE' AND entity_id = $1 LIMIT 1`,
      [longest.entity_id],
    );
    expect(update.rows[0].metadata.before.status).toBe("PENDING");
    expect(update.rows[0].metadata.after.status).toBe("CONFIRMED");
    const stream = await db.pool.query(`SELECT type FROM events WHERE stream_id = $1 ORDER BY version`, [
      longest.entity_id,
    ]);
    expect(stream.rows.map((r) => r.type).slice(0, 4)).toEqual([
      "OrderPlaced",
      "OrderConfirmed",
      "OrderProcessing",
      "OrderShipped",
    ]);
  });

  it("soft-deletes rows that stay in the tables but not in the extension's reads", async () => {
    const raw = await db.pool.query(
      `SELECT (SELECT count(*) FROM users WHERE deleted_at IS NOT NULL)::int AS users,
              (SELECT count(*) FROM products WHERE deleted_at IS NOT NULL)::int AS products,
              (SELECT count(*) FROM organizations WHERE deleted_at IS NOT NULL)::int AS orgs,
              (SELECT count(*) FROM users)::int AS all_users`,
    );
    expect(raw.rows[0]).toMatchObject({ users: expect.any(Number), products: expect.any(Number), orgs: 1 });
    expect(raw.rows[0].users).toBeGreaterThanOrEqual(1);
    expect(raw.rows[0].products).toBeGreaterThanOrEqual(2);
    const deletes = await db.pool.query(
      `SELECT metadata FROM audit_logs WHERE action = 'DELETE' AND entity = 'Product' LIMIT 1`,
    );
    expect(deletes.rows[0].metadata.before.deletedAt).toBeNull();
    expect(deletes.rows[0].metadata.changes.deletedAt.to).toEqual(expect.any(String));

    const { base, db: client } = createDemoClient(db.connection);
    try {
      expect(await client.user.count()).toBe(raw.rows[0].all_users - raw.rows[0].users);
      const gone = await db.pool.query(`SELECT id FROM users WHERE deleted_at IS NOT NULL LIMIT 1`);
      const goneId = gone.rows[0].id as string;
      expect(await client.user.findUnique({ where: { id: goneId } })).toBeNull();
      expect((await client.user.findMany({ select: { id: true } })).map((u) => u.id)).not.toContain(goneId);
      expect(await client.user.findFirst({ where: { id: goneId, deletedAt: { not: null } } })).not.toBeNull();
      expect(await client.organization.count()).toBe(first.organizations! - 1);
      expect(await base.organization.count()).toBe(first.organizations);
    } finally {
      await base.$disconnect();
    }
  });

  it("gives the same row counts when run again (reset and recreate)", async () => {
    await seedDatabase({ connection: db.connection, size: "demo", overrides: SMALL });
    expect(await rowCounts(db)).toEqual(first);
  }, 180_000);

  it("leaves a workload story: seq scans, slow statements, unused and duplicate indexes, dead tuples, a full sequence", async () => {
    await runWorkload(db.pool, { scans: 30, botSessions: 5_000 });
    const statements = await db.pool.query<{ query: string; calls: number; mean: number }>(
      `SELECT query, calls::int, mean_exec_time AS mean FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY mean_exec_time DESC`,
    );
    const report = statements.rows.find((r) => r.query.includes("pg_sleep"));
    expect(report?.calls).toBe(3);
    expect(report?.mean).toBeGreaterThanOrEqual(300);
    expect(statements.rows.find((r) => r.query.includes("FROM events WHERE type = $1"))?.calls).toBe(30);
    expect(statements.rows.some((r) => r.query.includes("JOIN events b"))).toBe(true);

    const indexes = await db.pool.query(
      `SELECT i.indexrelid::regclass::text AS name, s.idx_scan::int AS scans, i.indrelid::regclass::text AS tbl, i.indkey::text AS cols
       FROM pg_index i JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid`,
    );
    const byName = Object.fromEntries(indexes.rows.map((r) => [r.name, r]));
    expect(byName.events_created_at_idx?.scans).toBe(0);
    expect(byName.users_email_idx?.cols).toBe(byName.users_email_key?.cols);
    expect(byName.users_email_idx?.tbl).toBe("users");

    const tables = await db.pool.query(
      `SELECT relname, seq_scan::int, seq_tup_read::float8 AS read, n_dead_tup::int AS dead, n_live_tup::int AS live
       FROM pg_stat_user_tables WHERE relname IN ('events', 'sessions')`,
    );
    const events = tables.rows.find((r) => r.relname === "events");
    const sessions = tables.rows.find((r) => r.relname === "sessions");
    expect(events.seq_scan).toBeGreaterThanOrEqual(30);
    expect(events.read).toBeGreaterThanOrEqual(30 * SMALL.activityEvents);
    expect(sessions.dead).toBeGreaterThanOrEqual(5_000);
    expect(sessions.dead).toBeGreaterThan(sessions.live * 10);
    const opts = await db.pool.query(`SELECT reloptions FROM pg_class WHERE relname = 'sessions'`);
    expect(opts.rows[0].reloptions).toContain("autovacuum_enabled=false");

    const seq = await db.pool.query(`SELECT last_value::float8 AS v FROM events_position_seq`);
    expect(seq.rows[0].v).toBe(SEQUENCE_POSITION);
  });
});
