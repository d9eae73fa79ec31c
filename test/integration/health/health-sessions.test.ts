import { describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { until } from "../../harness/until";
import { useHealthFixture } from "./health-fixture";

describe.each<Major>([15, 18])("health checks on sessions, PostgreSQL %i", (major) => {
  const f = useHealthFixture(major, {
    prefix: "hsess",
    seed: "CREATE TABLE accounts (id int PRIMARY KEY, balance int); INSERT INTO accounts VALUES (1, 100)",
  });

  it("flags a session idle in a transaction past the threshold, and not pgdesk's own", async () => {
    expect((await f.check("idleInTransaction")).status).toBe("pass");
    const holder = await f.client();
    await holder.query("BEGIN; UPDATE accounts SET balance = balance + 1 WHERE id = 1");
    const pid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await f.thresholds({ idleInTransactionSec: 0.2 });
    const c = await f.waitForCheck("idleInTransaction", (x) => x.status === "warn");
    expect(c.details!.rows.map((r) => r[0])).toEqual([pid]);
    expect(c.action).toContain(`pg_terminate_backend(${pid})`);
    await holder.query("ROLLBACK");
    expect((await f.check("idleInTransaction")).status).toBe("pass");
  });

  it("shows a query waiting on a lock, who blocks it, and the connections by state", async () => {
    const blocker = await f.client();
    const waiter = await f.client();
    const blockerPid = (await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const waiterPid = (await waiter.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await blocker.query("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
    const blocked = waiter.query("SELECT * FROM accounts");
    try {
      const c = await f.waitForCheck("lockWaiters", (x) => x.status === "warn");
      expect(c.details!.rows[0]!.slice(0, 2)).toEqual([waiterPid, String(blockerPid)]);
      expect(c.message).toContain(`held by sessions ${blockerPid}`);

      const conn = await f.check("connections");
      expect(conn.metrics!["state:active"]).toBeGreaterThanOrEqual(1);
      expect(conn.metrics!["state:idle in transaction"]).toBeGreaterThanOrEqual(1);
      expect(conn.details!.rows).toContainEqual(["database", f.db.name, expect.any(Number)]);
      await f.thresholds({ connectionsWarnPct: 1 });
      expect((await f.check("connections")).status).toBe("warn");
      await f.thresholds({ connectionsWarnPct: 70 });
    } finally {
      await blocker.query("ROLLBACK");
      await blocked;
    }
    expect((await f.check("lockWaiters")).status).toBe("pass");
  });

  it("flags long-running queries past the threshold and fails at the configured count", async () => {
    const runner = await f.client();
    const pid = (await runner.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    expect((await f.check("longRunning")).status).toBe("pass");
    await f.thresholds({ longRunningSec: 0.3 });
    const sleeping = runner.query("SELECT pg_sleep(60)").catch((e: Error) => e);
    const warn = await f.waitForCheck("longRunning", (x) => x.status === "warn");
    expect(warn.details!.rows[0]![0]).toBe(pid);
    expect(String(warn.details!.rows[0]![6])).toContain("pg_sleep(60)");
    await f.thresholds({ longRunningFailCount: 1 });
    expect((await f.check("longRunning")).status).toBe("fail");
    const answer = await f.app.call("activity:cancel", { profileId: f.profileId, pid });
    expect(answer).toMatchObject({ pid, signalled: true });
    expect(String(await sleeping)).toMatch(/canceling statement due to user request/);
    await until(async () => (await f.check("longRunning")).status === "pass", "the cancelled query to end");
  });

  it("counts table and index cache misses once blocks come from outside shared buffers", async () => {
    await f.thresholds({ cacheHitWarnPct: 100, cacheHitFailPct: 100, cacheHitMinBlocks: 0 });
    const c = await f.client();
    // CREATE TABLE AS writes through a 16 MB ring of buffers, so most of an 18 MB table
    // is evicted at once and the scan after it must read it back
    await c.query("CREATE TABLE cold AS SELECT g AS id FROM generate_series(1, 500000) g");
    await c.query("SELECT count(*) FROM cold");
    // a B-tree build writes its pages around shared buffers: the first lookups read them
    await c.query("CREATE INDEX cold_id ON cold (id)");
    await c.query("SET enable_seqscan = off; SELECT * FROM cold WHERE id = 4242");
    await c.query("SELECT pg_stat_force_next_flush()");
    const tables = await f.waitForCheck("cacheHitTables", (x) => (x.metrics?.read ?? 0) > 0);
    expect(tables.metrics!.read).toBeGreaterThan(0);
    expect(tables.status).toBe("fail");
    const indexes = await f.waitForCheck("cacheHitIndexes", (x) => (x.metrics?.read ?? 0) > 0);
    expect(indexes.status).toBe("fail");
    expect(indexes.action).toMatch(/shared_buffers/);
    await f.thresholds({ cacheHitMinBlocks: 1_000_000_000 });
    expect((await f.check("cacheHitTables")).message).toMatch(/too few to judge/);
    await f.thresholds({ cacheHitWarnPct: 0, cacheHitFailPct: 0, cacheHitMinBlocks: 0 });
    expect((await f.check("cacheHitTables")).status).toBe("pass");
    expect((await f.check("cacheHitIndexes")).status).toBe("pass");
  });
});
