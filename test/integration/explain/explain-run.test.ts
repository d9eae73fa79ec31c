import { beforeAll, describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { within } from "../../harness/until";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe.each<Major>([15, 18])("explain:run against PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "explain", profile: { name: `explain ${major}` } });

  /** Every row of every table the tests write to, as one text, to prove nothing changed. */
  const snapshot = async () =>
    (
      await env.db.pool.query(`
        SELECT (SELECT count(*) || ':' || md5(string_agg(a::text, ',' ORDER BY id)) FROM accounts a) AS accounts,
               (SELECT count(*) || ':' || coalesce(md5(string_agg(l::text, ',' ORDER BY id)), '') FROM ledger l) AS ledger`)
    ).rows[0];

  beforeAll(async () => {
    const { db } = env;
    await db.pool.query(`
      CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric NOT NULL, region text NOT NULL);
      INSERT INTO accounts SELECT g, 'owner ' || g, g * 10, CASE WHEN g % 1000 = 0 THEN 'rare' ELSE 'common' END
        FROM generate_series(1, 20000) g;
      CREATE TABLE ledger (id bigserial PRIMARY KEY, account_id int NOT NULL, amount numeric NOT NULL);
      INSERT INTO ledger (account_id, amount) SELECT g, 1 FROM generate_series(1, 100) g;
      CREATE FUNCTION pay_interest(rate numeric) RETURNS int LANGUAGE plpgsql AS $$
        DECLARE n int;
        BEGIN
          UPDATE accounts SET balance = balance * (1 + rate);
          GET DIAGNOSTICS n = ROW_COUNT;
          INSERT INTO ledger (account_id, amount) SELECT id, balance * rate FROM accounts;
          RETURN n;
        END $$;
      ANALYZE accounts; ANALYZE ledger;`);
  });

  const analyze = (sql: string, extra: Record<string, unknown> = {}) =>
    env.app.call("explain:run", {
      profileId: env.profileId,
      sql,
      options: { analyze: true, buffers: true, verbose: false, settings: false, wal: false, ...extra },
    });

  it.each([
    ["DELETE", "DELETE FROM accounts WHERE region = 'common'"],
    ["UPDATE", "UPDATE accounts SET balance = 0, owner = 'nobody'"],
    ["INSERT", "INSERT INTO ledger (account_id, amount) SELECT id, balance FROM accounts"],
    [
      "a writable CTE",
      "WITH gone AS (DELETE FROM ledger RETURNING *) INSERT INTO accounts SELECT 100000 + id, 'x', amount, 'new' FROM gone",
    ],
    ["a function that writes", "SELECT pay_interest(0.5)"],
    ["MERGE", "MERGE INTO accounts a USING ledger l ON a.id = l.account_id WHEN MATCHED THEN DELETE"],
  ])("runs EXPLAIN ANALYZE of %s and leaves every row as it was", async (_what, sql) => {
    const before = await snapshot();
    const result = await analyze(sql, { wal: true });
    expect(result.plan.analyzed).toBe(true);
    expect(result.rolledBack).toBe(true);
    expect(result.plan.nodes[0]!.actualLoops).toBe(1);
    expect(result.warnings.join(" ")).toMatch(/sequence/i);
    expect(result.warnings.join(" ")).toMatch(/advisory lock/i);
    expect(result.warnings.join(" ")).toMatch(/outside the database/i);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses COMMIT followed by a DELETE before sending anything", async () => {
    const { app, profileId } = env;
    const before = await snapshot();
    const result = await app.raw("explain:run", {
      profileId,
      sql: "COMMIT; DELETE FROM accounts",
      options: { analyze: true },
    });
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", position: 1 } });
    if (!result.ok) expect(result.error.message).toMatch(/Transaction control \(COMMIT\) is refused/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses more than one statement and points at the second", async () => {
    const { app, profileId } = env;
    const result = await app.raw("explain:run", {
      profileId,
      sql: "SELECT 1;\nDELETE FROM accounts",
      options: { analyze: true },
    });
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", position: 11 } });
    if (!result.ok) expect(result.error.message).toMatch(/one statement, and the text holds 2/);
  });

  it("refuses statements EXPLAIN cannot take, and an EXPLAIN inside the text", async () => {
    const { app, db, profileId } = env;
    const ddl = await app.raw("explain:run", {
      profileId,
      sql: "DROP TABLE accounts",
      options: { analyze: true },
    });
    expect(ddl).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    const nested = await app.raw("explain:run", {
      profileId,
      sql: "EXPLAIN ANALYZE DELETE FROM accounts",
      options: { analyze: true },
    });
    expect(nested).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await db.pool.query("SELECT count(*)::int AS n FROM accounts")).toMatchObject({
      rows: [{ n: 20000 }],
    });
  });

  it("finds the seq scan with a selective filter on a real plan and points at it", async () => {
    const result = await analyze("SELECT * FROM accounts WHERE region = 'rare'");
    const tip = result.plan.tips.find((t) => t.kind === "seq-scan-filter");
    expect(tip).toBeDefined();
    const node = result.plan.nodes[tip!.nodeId!]!;
    expect(node.nodeType).toBe("Seq Scan");
    expect(node.relation).toBe("accounts");
    expect(node.rowsRemovedByFilter! + node.actualRowsTotal!).toBe(20000);
    expect(node.buffers?.sharedHit).toBeGreaterThan(0);
    expect(result.raw).toBeInstanceOf(Array);
  });

  it("explains without running when ANALYZE is off", async () => {
    const { app, profileId } = env;
    const before = await snapshot();
    const result = await app.call("explain:run", {
      profileId,
      sql: "DELETE FROM accounts",
      options: { analyze: false },
    });
    expect(result.plan.analyzed).toBe(false);
    expect(result.rolledBack).toBe(false);
    expect(result.warnings).toEqual([]);
    expect(result.explainSql).toBe("EXPLAIN (ANALYZE false, BUFFERS true, FORMAT JSON) DELETE FROM accounts");
    expect(await snapshot()).toEqual(before);
  });

  it("stops a statement at the timeout with the server's own error, and the pool stays usable", async () => {
    const { app, profileId } = env;
    // 57014 is the server ending it at the timeout (pg_sleep(20) running out would have succeeded)
    const result = await within(
      app.raw("explain:run", {
        profileId,
        sql: "SELECT pg_sleep(20)",
        options: { analyze: true },
        timeoutMs: 300,
      }),
      15_000,
      "the timed-out EXPLAIN ANALYZE",
    );
    expect(result).toMatchObject({ ok: false, error: { code: "PG_ERROR", sqlState: "57014" } });
    const again = await analyze("SELECT 1");
    expect(again.plan.nodes[0]!.nodeType).toBe("Result");
  });

  it("maps a server error position back into the user's text", async () => {
    const { app, profileId } = env;
    const result = await app.raw("explain:run", {
      profileId,
      sql: "  SELECT nope FROM accounts",
      options: { analyze: false },
    });
    expect(result).toMatchObject({ ok: false, error: { sqlState: "42703", position: 10 } });
  });

  it("releases session advisory locks the statement took", async () => {
    const { db } = env;
    await analyze("SELECT pg_advisory_lock(4242)");
    const held = await db.pool.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242",
    );
    expect(held.rows[0].n).toBe(0);
  });

  if (major >= 17) {
    it("adds SERIALIZE and MEMORY on PostgreSQL 17+", async () => {
      const result = await analyze("SELECT * FROM accounts", { serialize: true, memory: true });
      const top = (result.raw as Array<Record<string, unknown>>)[0]!;
      expect(top.Serialization).toBeDefined();
      expect(top.Planning).toBeDefined();
    });
  } else {
    it("refuses SERIALIZE and MEMORY before PostgreSQL 17 in words", async () => {
      const { app, profileId } = env;
      const result = await app.raw("explain:run", {
        profileId,
        sql: "SELECT 1",
        options: { analyze: true, serialize: true },
      });
      expect(result).toMatchObject({ ok: false, error: { code: "UNSUPPORTED" } });
      if (!result.ok)
        expect(result.error.message).toMatch(/SERIALIZE needs PostgreSQL 17 or newer; this server is 15\./);
    });
  }
});
