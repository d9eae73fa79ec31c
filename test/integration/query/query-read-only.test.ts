import { describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { allRows, runSql } from "./run-helpers";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe.each<Major>([15, 18])("a read-only profile's editor tab on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, {
    prefix: "qro",
    seed: "CREATE TABLE kept(id int); INSERT INTO kept VALUES (1), (2)",
    profile: { name: "ro", readOnly: true },
    session: true,
  });

  it("reads", async () => {
    const { app, sessionId } = env;
    expect(env.session.readOnly).toBe(true);
    expect(allRows((await runSql(app, sessionId, "SELECT count(*) FROM kept")).data[0]!)).toEqual([["2"]]);
  });

  it.each([
    ["DELETE FROM kept", "25006"],
    ["CREATE TABLE t2(x int)", "25006"],
    ["SELECT 1 INTO TEMP t3", "25006"],
  ])("has the server refuse %s", async (sql, sqlState) => {
    const { app, sessionId } = env;
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
    const { app, sessionId } = env;
    const { summary } = await runSql(app, sessionId, sql);
    expect(summary.results[0]!.error?.message).toMatch(/read-only/);
    expect(summary.results).toHaveLength(1);
  });

  it("leaves every row as it was", async () => {
    const { app, db, sessionId } = env;
    await runSql(app, sessionId, "SELECT set_config('default_transaction_read_only', 'off', false)");
    await runSql(app, sessionId, "DELETE FROM kept");
    expect((await db.pool.query("SELECT count(*)::int AS n FROM kept")).rows[0].n).toBe(2);
  });
});
