import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAN_HISTORY_PER_QUERY } from "../../../src/main/store/plan-history.repo";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase } from "../../harness/database";

describe("plan history: every EXPLAIN run kept per profile and query", () => {
  let app: TestApp;
  let db: FreshDatabase;
  let profileId: string;
  const options = { analyze: true, buffers: false, verbose: false, settings: false, wal: false };
  const explain = (sql: string) => app.call("explain:run", { profileId, sql, options });

  beforeAll(async () => {
    db = await freshDatabase(18, "plan_history");
    app = await createTestApp();
    await db.pool.query(`CREATE TABLE orders (id int PRIMARY KEY, status text NOT NULL);
      INSERT INTO orders SELECT g, CASE WHEN g % 100 = 0 THEN 'refunded' ELSE 'paid' END FROM generate_series(1, 20000) g;
      ANALYZE orders;`);
    profileId = (await app.call("profiles:save", { draft: { name: "history 18", ...db.connection } })).id;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("keys a statement by its fingerprint: other constants, spacing and comments are the same query", async () => {
    const before = await explain("SELECT * FROM orders WHERE status = 'refunded'");
    expect(before.history).toMatchObject({ kept: true });
    await db.pool.query("CREATE INDEX orders_status ON orders (status)");
    const after = await explain("select *\n  from orders -- after the index\n where status = 'lost'");
    expect(after.history).toEqual(before.history);
    const other = await explain("SELECT count(*) FROM orders");
    expect(other.history.queryKey).not.toBe(before.history.queryKey);

    const { entries, problems } = await app.call("explain:history", {
      profileId,
      queryKey: before.history.queryKey,
    });
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.sql)).toEqual([after.sql, before.sql]);
    expect(entries[0]).toMatchObject({
      normalizedSql: "select *\nfrom orders -- after the index\nwhere status = $1",
      options: { analyze: true },
      serverVersionNum: after.serverVersionNum,
      ranAt: after.ranAt,
    });
    // the newest of each query, newest first
    const latest = await app.call("explain:history", { profileId });
    expect(latest.entries.map((e) => e.sql)).toEqual([other.sql, after.sql]);

    // "last week vs now": the kept plan reads back as the same model the run showed
    const kept = await app.call("explain:historyPlan", { id: entries[1]!.id });
    expect(kept.plans[0]!.nodes.map((n) => n.label)).toEqual(before.plan.nodes.map((n) => n.label));
    expect(kept.plans[0]!.executionMs).toBe(before.plan.executionMs);
    expect(before.plan.nodes.map((n) => n.label)).not.toEqual(after.plan.nodes.map((n) => n.label));
  });

  it(`keeps the newest ${PLAN_HISTORY_PER_QUERY} plans of a query, and says when a plan was not kept`, async () => {
    let last;
    for (let i = 0; i <= PLAN_HISTORY_PER_QUERY; i++) last = await explain(`SELECT ${i} AS n`);
    const { entries } = await app.call("explain:history", { profileId, queryKey: last!.history.queryKey });
    expect(entries).toHaveLength(PLAN_HISTORY_PER_QUERY);
    expect(entries.at(-1)!.sql).toBe("SELECT 1 AS n");
    await expect(app.call("explain:historyPlan", { id: "gone" })).rejects.toThrow(
      /no longer in plan history/,
    );
  });
});
