import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";
import { allRows, runSql } from "./run-helpers";

describe.each<Major>([15, 18])("a read-only profile's editor tab on PostgreSQL %i", (major) => {
  let app: TestApp;
  let db: FreshDatabase;
  let sessionId: string;

  beforeAll(async () => {
    db = await freshDatabase(major, "qro");
    await db.pool.query("CREATE TABLE kept(id int); INSERT INTO kept VALUES (1), (2)");
    app = await createTestApp();
    const profileId = (
      await app.call("profiles:save", { draft: { name: "ro", ...db.connection, readOnly: true } })
    ).id;
    const session = await app.call("query:openSession", { profileId });
    expect(session.readOnly).toBe(true);
    sessionId = session.sessionId;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("reads", async () => {
    expect(allRows((await runSql(app, sessionId, "SELECT count(*) FROM kept")).data[0]!)).toEqual([["2"]]);
  });

  it.each([
    ["DELETE FROM kept", "25006"],
    ["CREATE TABLE t2(x int)", "25006"],
    ["SELECT 1 INTO TEMP t3", "25006"],
  ])("has the server refuse %s", async (sql, sqlState) => {
    const { summary } = await runSql(app, sessionId, sql);
    expect(summary.results[0]!.error?.sqlState).toBe(sqlState);
    expect(summary.transactionState).toBe("idle");
  });

  it.each([
    "COMMIT; DELETE FROM kept",
    "BEGIN",
    "SET default_transaction_read_only = off",
    "SET ROLE postgres",
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
    "SET transaction_read_only = off; DELETE FROM kept",
  ])("refuses %s before it reaches the server", async (sql) => {
    const { summary } = await runSql(app, sessionId, sql);
    expect(summary.results[0]!.error?.message).toMatch(/read-only/);
    expect(summary.results).toHaveLength(1);
  });

  it("leaves every row as it was", async () => {
    await runSql(app, sessionId, "SELECT set_config('default_transaction_read_only', 'off', false)");
    await runSql(app, sessionId, "DELETE FROM kept");
    expect((await db.pool.query("SELECT count(*)::int AS n FROM kept")).rows[0].n).toBe(2);
  });
});
