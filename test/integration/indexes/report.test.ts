import { beforeAll, describe, expect, it } from "vitest";
import type { IndexReport } from "../../../src/shared/contract/indexes";
import type { Major } from "../../harness/database";
import { onOneSession, range, repeat } from "./fixtures";
import { useAppOnDatabase } from "../../harness/app-on-database";

const thresholds = { unusedMinBytes: 100 * 1024, seqScanMin: 20, minRows: 10_000 };

describe.each<Major>([15, 18])("index insights on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "idx", profile: { name: "idx" } });
  let report: IndexReport;

  beforeAll(async () => {
    const { app, db, profileId } = env;
    await db.pool.query(`
      CREATE EXTENSION pg_stat_statements;
      CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL, email text NOT NULL,
                           note text, created_at timestamptz NOT NULL);
      INSERT INTO orders (customer_id, status, email, note, created_at)
        SELECT g % 3000, (ARRAY['new','paid','sent'])[g % 3 + 1], 'user' || g || '@example.com', md5(g::text), now() - g * interval '1 minute'
        FROM generate_series(1, 30000) g;
      CREATE INDEX orders_note_idx ON orders (note);
      CREATE INDEX orders_customer_idx ON orders (customer_id);
      CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at);
      CREATE INDEX orders_customer_hash_idx ON orders USING hash (customer_id);
      CREATE INDEX orders_created_a ON orders (created_at);
      CREATE INDEX orders_created_b ON orders (created_at);
      CREATE UNIQUE INDEX orders_email_key ON orders (email);
      CREATE INDEX orders_email_idx ON orders (email);
      CREATE INDEX orders_status_partial_idx ON orders (status) WHERE status = 'new';
      CREATE INDEX orders_status_created_idx ON orders (status, created_at);

      CREATE TABLE tiny (id int PRIMARY KEY, v int);
      INSERT INTO tiny SELECT g, g FROM generate_series(1, 100) g;
      CREATE INDEX tiny_v_idx ON tiny (v);

      CREATE TABLE dupes (v int);
      INSERT INTO dupes VALUES (1), (1), (2);

      CREATE TABLE events (id serial PRIMARY KEY, account_id int NOT NULL, kind text NOT NULL, payload text NOT NULL);
      INSERT INTO events (account_id, kind, payload)
        SELECT g % 2000, 'kind' || (g % 5), 'payload ' || md5(g::text) FROM generate_series(1, 20000) g;

      CREATE TABLE churn (id int PRIMARY KEY, v int NOT NULL, pad text NOT NULL);
      INSERT INTO churn SELECT g, g, repeat('x', 50) FROM generate_series(1, 40000) g;
      CREATE INDEX churn_v_idx ON churn (v);
    `);
    // A failed concurrent build of a unique index leaves an invalid index behind.
    await expect(db.pool.query("CREATE UNIQUE INDEX CONCURRENTLY dupes_v_key ON dupes (v)")).rejects.toThrow(
      /could not create unique index/,
    );
    // Mass updates of an indexed column: every row gets new heap and index entries.
    for (let i = 0; i < 3; i++) await db.pool.query("UPDATE churn SET v = v + 1");
    await db.pool.query("VACUUM churn");
    await db.pool.query("ANALYZE");
    await onOneSession(db.pool, async (c) => {
      await c.query("SELECT pg_stat_statements_reset()");
      await c.query("SET enable_seqscan = off");
      await repeat(
        c,
        "SELECT count(*) FROM orders WHERE customer_id = $1",
        range(5).map((i) => [i]),
      );
      await repeat(
        c,
        "SELECT count(*) FROM orders WHERE email = $1",
        range(3).map((i) => [`user${i}@example.com`]),
      );
      await c.query("RESET enable_seqscan");
      await repeat(
        c,
        "SELECT * FROM events WHERE account_id = $1",
        range(30).map((i) => [i]),
      );
      await repeat(
        c,
        "SELECT * FROM events WHERE kind = $1",
        range(25).map((i) => [`kind${i % 5}`]),
      );
      await repeat(
        c,
        "SELECT * FROM events WHERE payload LIKE $1",
        range(5).map((i) => [`%${i}abc%`]),
      );
      await repeat(
        c,
        "SELECT * FROM tiny WHERE v = $1",
        range(40).map((i) => [i]),
      );
    });
    report = await app.call("indexes:report", { profileId, thresholds });
  });

  const byName = (name: string) => report.indexes.find((i) => i.name === name);

  it("lists every index with its definition, method, usage and the constraint it backs", () => {
    const { db } = env;
    expect(report.serverVersionNum).toBeGreaterThanOrEqual(major * 10000);
    expect(report.database).toBe(db.name);
    const note = byName("orders_note_idx")!;
    expect(note).toMatchObject({
      schema: "public",
      table: "orders",
      method: "btree",
      columns: ["note"],
      scans: 0,
      valid: true,
      unique: false,
      constraint: null,
    });
    expect(note.definition).toBe("CREATE INDEX orders_note_idx ON public.orders USING btree (note)");
    expect(note.sizeBytes).toBeGreaterThan(100 * 1024);
    const scanned = report.indexes.filter((i) => i.table === "orders" && i.scans > 0);
    expect(scanned.length).toBeGreaterThan(0);
    expect(byName("orders_customer_hash_idx")!.method).toBe("hash");
    expect(byName("orders_pkey")).toMatchObject({
      primary: true,
      constraint: { name: "orders_pkey", type: "primary" },
    });
    expect(byName("orders_email_key")).toMatchObject({ unique: true, constraint: null });
    expect(byName("orders_status_partial_idx")!.predicate).toBe("status = 'new'::text");
    if (major >= 16) expect(scanned[0]!.lastScanAt).not.toBeNull();
    else expect(scanned[0]!.lastScanAt).toBeNull();
    const events = report.tables.find((t) => t.name === "events")!;
    expect(events.seqScans).toBeGreaterThanOrEqual(60);
    expect(events.liveRows).toBe(20000);
    expect(events.indexCount).toBe(1);
    expect(report.standbys).toBe(0);
  });

  it("calls an index never scanned and above the size floor unused, with its DROP", () => {
    const unused = report.unused.find((u) => u.name === "orders_note_idx");
    expect(unused?.fix.sql).toBe('DROP INDEX CONCURRENTLY "public"."orders_note_idx";');
  });

  it("never calls a scanned, a unique, a primary-key or a too-small index unused", () => {
    const names = report.unused.map((u) => u.name);
    const scanned = report.indexes.filter((i) => i.scans > 0).map((i) => i.name);
    expect(scanned.length).toBeGreaterThan(0);
    for (const n of scanned) expect(names).not.toContain(n);
    expect(names).not.toContain("orders_email_key");
    expect(names).not.toContain("orders_pkey");
    expect(names).not.toContain("churn_pkey");
    expect(names).not.toContain("tiny_v_idx");
  });

  it("finds a prefix duplicate and names the index that covers it", () => {
    const d = report.duplicates.find((x) => x.name === "orders_customer_idx");
    expect(d).toMatchObject({ kind: "prefix", coveredBy: { name: "orders_customer_created_idx" } });
  });

  it("finds exact duplicates, keeping one of them and any unique index", () => {
    const created = report.duplicates.filter((x) => x.name.startsWith("orders_created_"));
    expect(created).toEqual([
      expect.objectContaining({
        name: "orders_created_b",
        kind: "exact",
        coveredBy: expect.objectContaining({ name: "orders_created_a" }),
      }),
    ]);
    expect(report.duplicates.find((x) => x.name === "orders_email_idx")?.coveredBy.name).toBe(
      "orders_email_key",
    );
  });

  it("never proposes dropping a unique index, nor indexes with another method or predicate", () => {
    const names = report.duplicates.map((d) => d.name);
    for (const n of [
      "orders_email_key",
      "orders_pkey",
      "orders_customer_hash_idx",
      "orders_status_partial_idx",
      "orders_customer_created_idx",
      "orders_created_a",
    ]) {
      expect(names).not.toContain(n);
    }
  });

  it("reports the invalid index a failed CREATE UNIQUE INDEX CONCURRENTLY left, with the fix", () => {
    expect(report.invalid.map((i) => i.name)).toEqual(["dupes_v_key"]);
    const invalid = report.invalid[0]!;
    expect(invalid.note).toMatch(/duplicate values/);
    expect(invalid.fixes.map((f) => f.sql)).toEqual([
      'REINDEX INDEX CONCURRENTLY "public"."dupes_v_key";',
      'DROP INDEX CONCURRENTLY "public"."dupes_v_key";',
      "CREATE UNIQUE INDEX CONCURRENTLY dupes_v_key ON public.dupes USING btree (v);",
    ]);
    expect(report.unused.map((u) => u.name)).not.toContain("dupes_v_key");
  });

  it("flags the large table read sequentially, not the small one", () => {
    const names = report.missing.seqScanTables.map((t) => t.table);
    expect(names).toContain("events");
    expect(names).not.toContain("tiny");
    const events = report.missing.seqScanTables.find((t) => t.table === "events")!;
    expect(events.rowsPerSeqScan).toBeGreaterThan(10_000);
  });

  it("suggests an index for a selective filter, with the statement as evidence", () => {
    expect(report.missing.statements.available).toBe(true);
    const s = report.missing.suggestions.find((x) => x.table === "events" && x.kind === "btree");
    expect(s?.columns).toEqual(["account_id"]);
    expect(s?.create.sql).toBe(
      'CREATE INDEX CONCURRENTLY "events_account_id_idx" ON "public"."events" USING btree ("account_id");',
    );
    expect(s?.evidence).toEqual([
      expect.objectContaining({ query: "SELECT * FROM events WHERE account_id = $1", calls: 30 }),
    ]);
    expect(s!.evidence[0]!.totalTimeMs).toBeGreaterThan(0);
  });

  it("suggests a trigram index for LIKE patterns", () => {
    const s = report.missing.suggestions.find((x) => x.kind === "trigram");
    expect(s).toMatchObject({
      table: "events",
      columns: ["payload"],
      method: "gin",
      requiresExtension: "pg_trgm",
    });
    expect(s?.create.sql).toContain('USING gin ("payload" gin_trgm_ops)');
  });

  it("suggests nothing for unselective filters, indexed columns or small tables", () => {
    const cols = report.missing.suggestions.map((s) => `${s.table}.${s.columns.join(",")}`);
    expect(cols).not.toContain("events.kind");
    expect(cols.filter((c) => c.startsWith("orders."))).toEqual([]);
    expect(cols.some((c) => c.startsWith("tiny."))).toBe(false);
  });

  it("flags bloat from mass updates, not in a freshly built index", () => {
    const churnIndex = report.bloat.find((b) => b.index === "churn_v_idx");
    expect(churnIndex).toMatchObject({
      flagged: true,
      fix: { sql: 'REINDEX INDEX CONCURRENTLY "public"."churn_v_idx";' },
    });
    expect(churnIndex!.bloatPct).toBeGreaterThan(30);
    const churnTable = report.bloat.find((b) => b.index === null && b.table === "churn");
    expect(churnTable?.flagged).toBe(true);
    expect(report.bloat.find((b) => b.index === "orders_created_a")?.flagged).toBe(false);
    expect(report.bloat.find((b) => b.index === null && b.table === "events")?.flagged).toBe(false);
  });
});
