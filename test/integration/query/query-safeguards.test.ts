import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICIES } from "../../../src/shared/safeguards/tag-policy";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";
import { allRows, runSql } from "./run-helpers";

describe.each<Major>([15, 18])("safeguards of a production-tagged profile on PostgreSQL %i", (major) => {
  let app: TestApp;
  let db: FreshDatabase;
  let sessionId: string;
  let devSession: string;
  const count = async (table = "orders") =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    db = await freshDatabase(major, "qguard");
    await db.pool.query(`
      CREATE TABLE orders (id int PRIMARY KEY, note text);
      INSERT INTO orders SELECT g, 'n' || g FROM generate_series(1, 5000) g;
      CREATE TABLE scratch (id int, tag text);
      INSERT INTO scratch VALUES (1, 'a'), (2, 'b');
      ANALYZE orders; ANALYZE scratch;`);
    app = await createTestApp();
    const save = (name: string, tag: "production" | "development") =>
      app.call("profiles:save", { draft: { name, ...db.connection, tag } });
    sessionId = (await app.call("query:openSession", { profileId: (await save("prod", "production")).id }))
      .sessionId;
    devSession = (await app.call("query:openSession", { profileId: (await save("dev", "development")).id }))
      .sessionId;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("stops DELETE without WHERE before it runs, with the reason and the estimate, and runs nothing after it", async () => {
    const sql = "SELECT 1; DELETE FROM orders; SELECT 2";
    const { summary } = await runSql(app, sessionId, sql);
    expect(summary.results).toHaveLength(2);
    const stopped = summary.results[1]!;
    expect(stopped.error).toBeUndefined();
    expect(stopped.confirmation?.reasons).toEqual([
      "DELETE without WHERE on orders (every row)",
      "It writes about 5,000 rows by EXPLAIN's estimate (over 1,000)",
    ]);
    expect(stopped.confirmation?.estimatedRows).toBe(5000);
    expect(stopped.confirmation?.policyTag).toBe("production");
    expect(summary.skipped).toBe(2);
    expect(await count()).toBe(5000);
    // the question is not history: nothing ran
    const history = await app.call("query:history", { search: "DELETE FROM orders" });
    expect(history).toEqual([]);
  });

  it("runs the statement when the run carries the yes to exactly that text, once", async () => {
    const first = await runSql(app, sessionId, "DELETE FROM scratch");
    const token = first.summary.results[0]!.confirmation!.token;
    // another statement does not ride on this yes
    const other = await runSql(app, sessionId, "TRUNCATE scratch", { confirmations: [token] });
    expect(other.summary.results[0]!.confirmation).toBeDefined();
    const edited = await runSql(app, sessionId, "DELETE FROM scratch AS s", { confirmations: [token] });
    expect(edited.summary.results[0]!.confirmation).toBeDefined();
    expect(await count("scratch")).toBe(2);
    const yes = await runSql(app, sessionId, "DELETE FROM scratch", { confirmations: [token] });
    expect(yes.summary.results[0]).toMatchObject({ command: "DELETE", rowCount: 2 });
    expect(await count("scratch")).toBe(0);
    // used up: the same token asks again
    const again = await runSql(app, sessionId, "DELETE FROM scratch", { confirmations: [token] });
    expect(again.summary.results[0]!.confirmation).toBeDefined();
  });

  it.each([
    ["DROP TABLE scratch", "DROP TABLE scratch"],
    ["TRUNCATE scratch", "TRUNCATE scratch (every row)"],
    ["ALTER TABLE scratch DROP COLUMN tag", "ALTER scratch: DROP COLUMN tag"],
    ["UPDATE scratch SET tag = 'x'", "UPDATE without WHERE on scratch (every row)"],
    [
      "WITH gone AS (DELETE FROM scratch RETURNING *) SELECT count(*) FROM gone",
      "DELETE without WHERE on scratch (every row)",
    ],
  ])("asks before %s", async (sql, reason) => {
    const { summary } = await runSql(app, sessionId, sql);
    expect(summary.results[0]!.confirmation?.reasons).toContain(reason);
    expect((await db.pool.query("SELECT to_regclass('scratch') AS t")).rows[0].t).toBe("scratch");
  });

  it("asks before a filtered write estimated over the limit, not before a small one", async () => {
    const big = await runSql(app, sessionId, "UPDATE orders SET note = note WHERE id > 10");
    expect(big.summary.results[0]!.confirmation?.reasons).toEqual([
      expect.stringMatching(/^It writes about [\d,]+ rows by EXPLAIN's estimate \(over 1,000\)$/),
    ]);
    const small = await runSql(app, sessionId, "UPDATE orders SET note = 'one' WHERE id = 7");
    expect(small.summary.results[0]).toMatchObject({ command: "UPDATE", rowCount: 1 });
    expect(small.summary.results[0]!.confirmation).toBeUndefined();
  });

  it("estimates inside the user's transaction without failing it when EXPLAIN fails", async () => {
    await runSql(app, sessionId, "BEGIN");
    await runSql(app, sessionId, "CREATE TEMP TABLE t_in_tx (x int)");
    // $1 makes EXPLAIN fail: the question says why, and the transaction lives on
    const { summary } = await runSql(app, sessionId, "INSERT INTO t_in_tx SELECT $1::int");
    const question = summary.results[0]!.confirmation!;
    expect(question.estimatedRows).toBeNull();
    expect(question.estimateUnavailable).toMatch(/^EXPLAIN failed: .*\$1/);
    expect(summary.transactionState).toBe("in-transaction");
    const still = await runSql(app, sessionId, "SELECT count(*) FROM t_in_tx");
    expect(allRows(still.data[0]!)).toEqual([["0"]]);
    await app.call("query:endTransaction", { sessionId, action: "rollback" });
  });

  it("lets a development profile run the same statements unasked", async () => {
    await db.pool.query("INSERT INTO scratch VALUES (9, 'z')");
    const { summary } = await runSql(app, devSession, "DELETE FROM scratch");
    expect(summary.results[0]).toMatchObject({ command: "DELETE", rowCount: 1 });
  });

  it("follows the tag's saved policy: always in a transaction, and no question once switched off", async () => {
    const policy = { ...DEFAULT_POLICIES.development, alwaysInTransaction: true };
    const saved = await app.call("safeguards:save", { tag: "development", policy });
    expect(saved.policies.development).toEqual(policy);
    await db.pool.query("INSERT INTO scratch VALUES (10, 'y')");
    const run = await runSql(app, devSession, "DELETE FROM scratch WHERE id = 10");
    expect(run.summary).toMatchObject({ transactionState: "in-transaction", transactionBegun: true });
    const end = await app.call("query:endTransaction", { sessionId: devSession, action: "rollback" });
    expect(end.outcome).toBe("rolled-back");
    expect(await count("scratch")).toBe(1);
    await app.call("safeguards:save", { tag: "development", policy: null });
    expect((await app.call("safeguards:list", {})).policies.development).toEqual(
      DEFAULT_POLICIES.development,
    );
  });
});
