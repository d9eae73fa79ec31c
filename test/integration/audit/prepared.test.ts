import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browse, timeline } from "../../../src/main/features/audit/audit.service";
import { createRedactor, DEFAULT_REDACTED_FIELDS } from "../../../src/main/features/audit/redact";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";
import { createPgdeskLayout, pgdeskAuditMapping } from "./layouts.fixture";

const mapping = pgdeskAuditMapping;
const redactor = createRedactor(DEFAULT_REDACTED_FIELDS);

describe.each<Major>([15, 18])("the timeline's prepared statement on PostgreSQL %i", (major) => {
  let db: FreshDatabase;
  // one connection, so the session that prepared is the one we look at
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await freshDatabase(major, "auditprep");
    await createPgdeskLayout(db.pool);
    await db.pool.query(
      `CREATE INDEX ON audit_logs (entity, "entityId", "createdAt"); CREATE INDEX ON audit_logs ("createdAt", id)`,
    );
    pool = new pg.Pool({ ...db.connection, max: 1 });
    // dropping the database WITH (FORCE) terminates the idle session; errors that matter surface in the calls
    pool.on("error", () => undefined);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const prepared = async () =>
    (
      await pool.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE name LIKE 'pgdesk_audit_%'`,
      )
    ).rows.map((r) => r.name);
  const statuses = async () =>
    (await timeline(pool, mapping, redactor, "Order", "ord_1")).events.map(
      (e) => e.changes.find((c) => c.path === "status")?.to ?? null,
    );

  it("is prepared once per session and reused for every entity", async () => {
    expect(await statuses()).toEqual(["PENDING", "PAID", "SHIPPED"]);
    const [name] = await prepared();
    expect(name).toMatch(/^pgdesk_audit_[0-9a-f]{24}$/);
    const user = await timeline(pool, mapping, redactor, "User", "usr_1");
    expect(user.events.map((e) => e.id)).toEqual(["a4", "a5"]);
    expect(await prepared()).toEqual([name]);
  });

  it("prepares a browse only when an index serves its filters and order whatever the values", async () => {
    const before = await prepared();
    // (createdAt, id) serves the unfiltered newest-first page
    expect((await browse(pool, mapping, redactor, {}, undefined, 2)).events.map((e) => e.id)).toEqual([
      "a5",
      "a3",
    ]);
    expect(await prepared()).toHaveLength(before.length + 1);
    // the layout's (organizationId, createdAt) index serves a tenant filter
    expect((await browse(pool, mapping, redactor, { tenant: "org_1" }, undefined, 50)).events).toHaveLength(
      5,
    );
    expect(await prepared()).toHaveLength(before.length + 2);
    // a rare actor may want another plan than a common one: never cached
    expect(
      (await browse(pool, mapping, redactor, { actor: "usr_ops" }, undefined, 50)).events.map((e) => e.id),
    ).toEqual(["a3"]);
    // no index on (entity, createdAt): not cached either
    expect(
      (await browse(pool, mapping, redactor, { entity: "User" }, undefined, 50)).events.map((e) => e.id),
    ).toEqual(["a5", "a4"]);
    expect(await prepared()).toHaveLength(before.length + 2);
  });

  it("still answers when the server session no longer has it (as behind a transaction pooler)", async () => {
    await pool.query("DEALLOCATE ALL");
    expect(await statuses()).toEqual(["PENDING", "PAID", "SHIPPED"]);
    // this pool now runs the timeline unnamed
    expect(await prepared()).toEqual([]);
    expect(await statuses()).toEqual(["PENDING", "PAID", "SHIPPED"]);
  });
});

describe.each<Major>([15, 18])("a prepared timeline after its table changed on PostgreSQL %i", (major) => {
  let db: FreshDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await freshDatabase(major, "auditprep");
    await createPgdeskLayout(db.pool);
    await db.pool.query(`CREATE INDEX ON audit_logs (entity, "entityId", "createdAt")`);
    pool = new pg.Pool({ ...db.connection, max: 1 });
    // dropping the database WITH (FORCE) terminates the idle session; errors that matter surface in the calls
    pool.on("error", () => undefined);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it("names a mapped column dropped since the statement was prepared", async () => {
    expect((await timeline(pool, mapping, redactor, "Order", "ord_1")).events).toHaveLength(3);
    await db.pool.query(`ALTER TABLE audit_logs DROP COLUMN "actorId"`);
    await expect(timeline(pool, mapping, redactor, "Order", "ord_1")).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining('"actorId"'),
    });
  });

  it("keeps working when a mapped column changes type", async () => {
    await db.pool.query(`ALTER TABLE audit_logs ALTER COLUMN action TYPE varchar(20)`);
    const noActor = { ...mapping, columns: { ...mapping.columns, actor: undefined } };
    expect((await timeline(pool, noActor, redactor, "Order", "ord_1")).events.map((e) => e.action)).toEqual([
      "CREATE",
      "UPDATE",
      "UPDATE",
    ]);
    expect((await timeline(pool, noActor, redactor, "Order", "ord_1")).events).toHaveLength(3);
  });
});
