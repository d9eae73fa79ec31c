import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndexReport } from "../../../src/shared/contract/indexes";
import { createTestApp, type TestApp } from "../../harness/app";
import { startSystemServer, type SystemServer } from "../../harness-extra/system-pg";
import { onOneSession, range, repeat } from "./fixtures";

/** hypopg (postgresql-15-hypopg) extends Debian's PostgreSQL 15, so this runs on a throwaway system server. */
describe("what-if proof with hypopg on the system PostgreSQL 15", () => {
  let server: SystemServer;
  let pool: pg.Pool;
  let app: TestApp;
  let report: IndexReport;

  beforeAll(async () => {
    server = await startSystemServer({ settings: { shared_preload_libraries: "pg_stat_statements" } });
    const connection = {
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database: "postgres",
    };
    pool = new pg.Pool({ ...connection, max: 2 });
    app = await createTestApp();
    const profileId = (await app.call("profiles:save", { draft: { name: "system 15", ...connection } })).id;
    await pool.query(`
      CREATE EXTENSION pg_stat_statements;
      CREATE TABLE items (id serial PRIMARY KEY, sku text NOT NULL, price numeric NOT NULL, note text);
      INSERT INTO items (sku, price, note) SELECT 'sku-' || g, g % 1000, md5(g::text) FROM generate_series(1, 50000) g;
      ANALYZE items;
    `);
    await onOneSession(pool, async (c) => {
      await c.query("SELECT pg_stat_statements_reset()");
      await repeat(
        c,
        "SELECT * FROM items WHERE sku = $1",
        range(20).map((i) => [`sku-${i}`]),
      );
      // A range the generic plan estimates at a third of the table: an index would not be used.
      await repeat(
        c,
        "SELECT * FROM items WHERE price > $1",
        range(20).map((i) => [i]),
      );
    });
    report = await app.call("indexes:report", { profileId, whatIf: true, thresholds: { minRows: 10_000 } });
  });
  afterAll(async () => {
    await pool?.end();
    await app?.close();
    await server?.stop();
  });

  it("creates hypopg when available and reports the proof as done", () => {
    expect(report.missing.whatIf.state).toBe("done");
    expect(report.missing.whatIf.message).toMatch(/2 suggestion\(s\) checked, 1 dropped/);
  });

  it("keeps a good suggestion with a lower estimated cost", () => {
    const sku = report.missing.suggestions.find((s) => s.columns.join() === "sku");
    expect(sku?.whatIf).toMatchObject({ usedByPlanner: true, plannedStatements: 1 });
    expect(sku!.whatIf!.costAfter).toBeLessThan(sku!.whatIf!.costBefore / 10);
  });

  it("drops a suggestion that does not lower the cost by at least 10%", () => {
    expect(report.missing.suggestions.map((s) => s.columns.join())).not.toContain("price");
    const price = report.missing.dropped.find((s) => s.columns.join() === "price");
    // The planner may pick a bitmap scan for a few percent, which does not pay for the index.
    expect(price!.whatIf!.costAfter).toBeGreaterThan(price!.whatIf!.costBefore * 0.9);
  });

  it("leaves no hypothetical index and no prepared statement behind", async () => {
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'items'");
    expect(rows[0].n).toBe(1);
  });
});
