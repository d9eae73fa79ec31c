import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { runExplain } from "../../../src/main/features/explain/explain.runner";
import { buildPlanModel } from "../../../src/shared/explain/plan.builder";
import { parsePlanInput } from "../../../src/shared/explain/plan.input";
import type { Major } from "../../harness/database";
import { until, within } from "../../harness/until";
import { useAppOnDatabase } from "../../harness/app-on-database";

const options = { analyze: true, buffers: true, verbose: false, settings: false, wal: false };

describe.each<Major>([15, 18])("explain modes against PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "explain_modes", profile: false });

  beforeAll(async () => {
    const { db } = env;
    await db.pool.query(`
      CREATE TABLE t (id int PRIMARY KEY, grp int, note text);
      INSERT INTO t SELECT g, g % 100, 'n' || g FROM generate_series(1, 5000) g;
      ANALYZE t;`);
  });

  it("runs a read-only profile's EXPLAIN ANALYZE in a read-only transaction", async () => {
    const { app, db } = env;
    const saved = await app.call("profiles:save", {
      draft: { name: `ro ${major}`, ...db.connection, readOnly: true },
    });
    const read = await app.call("explain:run", {
      profileId: saved.id,
      sql: "SELECT count(*) FROM t",
      options,
    });
    expect(read.readOnly).toBe(true);
    const write = await app.raw("explain:run", {
      profileId: saved.id,
      sql: "DELETE FROM t WHERE id < 10",
      options,
    });
    expect(write).toMatchObject({ ok: false, error: { sqlState: "25006" } });
    expect((await db.pool.query("SELECT count(*)::int AS n FROM t")).rows[0].n).toBe(5000);
  });

  it("cancels the running statement when the caller goes away", async () => {
    const { db } = env;
    const pool = new pg.Pool({ ...db.connection, max: 2 });
    try {
      const controller = new AbortController();
      const running = runExplain(pool, {
        sql: "SELECT pg_sleep(30)",
        options,
        readOnly: false,
        signal: controller.signal,
      });
      const onServer = async () =>
        (
          await db.pool.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'EXPLAIN%pg_sleep(30)' AND state = 'active'",
          )
        ).rows[0]!.n;
      // abort once the statement is really running on the server
      await until(async () => (await onServer()) > 0, "the EXPLAIN to run on the server", 10_000);
      controller.abort();
      await expect(within(running, 10_000, "the aborted EXPLAIN")).rejects.toMatchObject({
        code: "CANCELLED",
      });
      // and the server stopped it: nothing left running (pg_sleep(30) would run on otherwise)
      await until(async () => (await onServer()) === 0, "the server to stop the EXPLAIN", 10_000);
    } finally {
      await pool.end();
    }
  });

  it("reads this server's text format the same as its JSON format", async () => {
    const { db } = env;
    const sql = `WITH g AS MATERIALIZED (SELECT grp, count(*) c FROM t GROUP BY grp)
      SELECT t.id, g.c, (SELECT max(id) FROM t t2 WHERE t2.grp = t.grp)
      FROM t JOIN g ON g.grp = t.grp WHERE t.note LIKE 'n1%' ORDER BY t.id LIMIT 50`;
    const text = (await db.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)).rows
      .map((r) => r["QUERY PLAN"] as string)
      .join("\n");
    const json = (await db.pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`)).rows[0][
      "QUERY PLAN"
    ];
    const fromText = parsePlanInput(text);
    const fromJson = buildPlanModel(json);
    const shape = (m: typeof fromText) =>
      m.nodes.map((n) => [n.nodeType, n.depth, n.parentRelationship, n.relation, n.planRows, n.actualLoops]);
    expect(shape(fromText)).toEqual(shape(fromJson));
    expect(fromText.nodes.some((n) => n.subplanName?.startsWith("CTE g"))).toBe(true);
    expect(fromText.executionMs).toBeGreaterThan(0);
    expect(fromText.nodes.every((n) => n.exclusiveMs !== null && n.exclusiveMs >= 0)).toBe(true);
  });
});
