import { describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { useHealthFixture } from "./health-fixture";

describe.each<Major>([15, 18])("health checks on database objects, PostgreSQL %i", (major) => {
  const f = useHealthFixture(major);

  it("passes a clean database and says which server it talked to", async () => {
    const report = await f.report();
    expect((report.serverVersionNum! / 10000) | 0).toBe(major);
    expect(report.role).toBe("primary");
    expect(report.database).toBe(f.db.name);
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    for (const id of [
      "connectivity",
      "invalidIndexes",
      "notValidConstraints",
      "sequences",
      "deadTuples",
      "longRunning",
      "lockWaiters",
      "idleInTransaction",
      "replication",
      "databaseSize",
      "xidWraparound",
    ]) {
      expect(byId[id]?.status, `${id}: ${byId[id]?.message}`).toBe("pass");
    }
    expect(byId.replication!.value).toBe("no standbys");
    expect(byId.connectivity!.metrics!.rttMs).toBeGreaterThan(0);
    // pgdesk's own sessions are counted against max_connections and named as such
    expect(byId.connections!.metrics!.own).toBeGreaterThanOrEqual(1);
    expect(byId.connections!.metrics!.max).toBe(200);
  });

  it("explains how to install pg_stat_statements when it is missing, then ranks slow statements", async () => {
    const missing = await f.check("statements");
    expect(missing.status).toBe("error");
    expect(missing.action).toContain("CREATE EXTENSION pg_stat_statements");
    expect(missing.action).toMatch(/already loads it/);

    const installed = await f.app.call("health:installStatements", { profileId: f.profileId });
    expect(installed.preloaded).toBe(true);
    expect(installed.version).toMatch(/^1\.\d+$/);
    await f.thresholds({ slowQueryMs: 15, slowQueryCalls: 3 });
    expect((await f.check("statements")).status).toBe("pass");
    for (let i = 0; i < 3; i++) await f.db.pool.query("SELECT pg_sleep(0.02)");
    const slow = await f.check("statements");
    expect(slow.status).toBe("warn");
    const rows = slow.details!.rows.filter((r) => r[0] === "mean");
    expect(String(rows[0]![1])).toMatch(/pg_sleep/);
    expect(rows[0]![2]).toBe(3);
    // the report's own statements never rank
    expect(slow.details!.rows.some((r) => String(r[1]).includes("pgdesk:health"))).toBe(false);
  });

  it("flags an index left invalid by a failed CREATE UNIQUE INDEX CONCURRENTLY", async () => {
    await f.db.pool.query("CREATE TABLE dup (x int); INSERT INTO dup VALUES (1), (1)");
    await expect(f.db.pool.query("CREATE UNIQUE INDEX CONCURRENTLY dup_x ON dup (x)")).rejects.toThrow(
      /could not create unique index/,
    );
    const c = await f.check("invalidIndexes");
    expect(c.status).toBe("warn");
    expect(c.details!.rows[0]).toEqual([
      "public.dup_x",
      "dup",
      expect.stringContaining("CREATE UNIQUE INDEX dup_x"),
    ]);
    expect(c.action).toContain('DROP INDEX CONCURRENTLY "public"."dup_x";');
    await f.db.pool.query("DROP INDEX dup_x");
    expect((await f.check("invalidIndexes")).status).toBe("pass");
  });

  it("flags a NOT VALID constraint until it is validated", async () => {
    await f.db.pool.query("CREATE TABLE orders (qty int); INSERT INTO orders VALUES (1)");
    await f.db.pool.query("ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID");
    const c = await f.check("notValidConstraints");
    expect(c.status).toBe("warn");
    expect(c.action).toBe('ALTER TABLE "public"."orders" VALIDATE CONSTRAINT "qty_positive";');
    await f.db.pool.query(c.action);
    expect((await f.check("notValidConstraints")).status).toBe("pass");
  });

  it("flags a sequence past 90 % of its range and fails it past 98 %", async () => {
    await f.db.pool.query("CREATE TABLE seq_t (id serial PRIMARY KEY)");
    await f.db.pool.query("SELECT setval('seq_t_id_seq', 2000000000)");
    const warn = await f.check("sequences");
    expect(warn.status).toBe("warn");
    expect(warn.value).toMatch(/seq_t_id_seq at 93\.1/);
    expect(warn.details!.rows[0]).toContain("seq_t.id");
    await f.db.pool.query("SELECT setval('seq_t_id_seq', 2140000000)");
    expect((await f.check("sequences")).status).toBe("fail");
    // a bigint sequence feeding an integer column is bounded by the column
    await f.db.pool.query("ALTER SEQUENCE seq_t_id_seq AS bigint");
    expect((await f.check("sequences")).status).toBe("fail");
    await f.db.pool.query("DROP TABLE seq_t");
    expect((await f.check("sequences")).status).toBe("pass");
  });

  it("flags dead tuples past the table's own trigger point when autovacuum is off for it", async () => {
    const c = await f.client();
    await c.query("CREATE TABLE churn (id int, v int) WITH (autovacuum_enabled = false)");
    await c.query("INSERT INTO churn SELECT g, 0 FROM generate_series(1, 1000) g");
    await c.query("ANALYZE churn");
    await c.query("UPDATE churn SET v = v + 1");
    await c.query("UPDATE churn SET v = v + 1 WHERE id <= 300");
    await c.query("SELECT pg_stat_force_next_flush()").catch(() => undefined);
    const warn = await f.waitForCheck("deadTuples", (x) => x.status === "warn");
    const row = warn.details!.rows.find((r) => r[0] === "public.churn")!;
    expect(row[1]).toBe(1300); // dead
    expect(row[3]).toBe(250); // 50 + 0.2 * 1000
    expect(row[4]).toBe(true);
    expect(row[5]).toBe(false);
    expect(warn.message).toContain("autovacuum is off for public.churn");
    expect(warn.action).toContain('VACUUM (ANALYZE) "public"."churn";');

    // a table with its own lower scale factor is judged against its own trigger
    await c.query(
      "ALTER TABLE churn SET (autovacuum_vacuum_scale_factor = 2, autovacuum_vacuum_threshold = 10)",
    );
    const pass = await f.check("deadTuples");
    expect(pass.details!.rows.find((r) => r[0] === "public.churn")![3]).toBe(2010);
    expect(pass.status).toBe("pass");
    await c.query("VACUUM churn");
  });

  it("remembers the database size to show growth, and warns against a low size threshold", async () => {
    await f.report();
    await f.db.pool.query(
      "CREATE TABLE filler AS SELECT g, repeat('x', 500) AS pad FROM generate_series(1, 5000) g",
    );
    const c = await f.check("databaseSize");
    expect(c.metrics!.growthBytes).toBeGreaterThan(1_000_000);
    expect(c.value).toMatch(/\(\+/);
    await f.thresholds({ databaseSizeWarnGb: 0.001 });
    expect((await f.check("databaseSize")).status).toBe("warn");
  });

  it("forecasts XID wraparound from the burn rate between reports", async () => {
    await f.report();
    for (let i = 0; i < 20; i++) await f.db.pool.query("SELECT txid_current()");
    const c = await f.check("xidWraparound");
    expect(c.status).toBe("pass");
    expect(c.metrics!.xidPerSecond).toBeGreaterThan(0);
    expect(c.message).toMatch(/XIDs\/s the limit of 10000000 remaining is reached in/);
    await f.thresholds({ xidWarnAge: 1 });
    expect((await f.check("xidWraparound")).status).toBe("warn");
    await f.thresholds({ xidFailRemaining: 2_146_483_648 });
    expect((await f.check("xidWraparound")).status).toBe("fail");
  });

  it("judges requested checkpoints with the server version's own view", async () => {
    await f.db.pool.query("CHECKPOINT");
    await f.thresholds({ checkpointRequestedWarnPct: 0 });
    const warn = await f.check("checkpoints");
    expect(warn.status).toBe("warn");
    expect(warn.message).toContain(major >= 17 ? "pg_stat_checkpointer" : "pg_stat_bgwriter");
    expect(warn.action).toMatch(/max_wal_size/);
    await f.thresholds({ checkpointRequestedWarnPct: 100 });
    expect((await f.check("checkpoints")).status).toBe("pass");
  });

  it("flags an inactive replication slot holding WAL", async () => {
    const slot = `pgdesk_test_${f.db.name}`;
    expect((await f.check("replicationSlots")).status).toBe("pass");
    await f.db.pool.query("SELECT pg_create_physical_replication_slot($1, true)", [slot]);
    try {
      const c = await f.check("replicationSlots");
      expect(c.status).toBe("warn");
      expect(c.message).toContain(slot);
      expect(c.action).toContain(`pg_drop_replication_slot('${slot}')`);
    } finally {
      await f.db.pool.query("SELECT pg_drop_replication_slot($1)", [slot]);
    }
  });

  it("keeps thresholds per profile, merged over the defaults, and resets them", async () => {
    const got = await f.app.call("health:getThresholds", { profileId: f.profileId });
    expect(got.thresholds.slowQueryMs).toBe(15);
    expect(got.defaults.slowQueryMs).toBe(20);
    expect(got.thresholds.longRunningSec).toBe(60);
    const reset = await f.app.call("health:setThresholds", {
      profileId: f.profileId,
      thresholds: {},
      reset: true,
    });
    expect(reset.thresholds).toEqual(got.defaults);
    const bad = await f.app.raw("health:setThresholds", {
      profileId: f.profileId,
      thresholds: { cacheHitWarnPct: 101 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });
});

describe("NOT ENFORCED constraints, PostgreSQL 18", () => {
  const f = useHealthFixture(18);

  it("names NOT ENFORCED constraints as such (PostgreSQL 18) and offers fixes that work", async () => {
    await f.db.pool.query(`CREATE TABLE parents (id int PRIMARY KEY); INSERT INTO parents VALUES (1);
      CREATE TABLE kids (pid int, n int, CONSTRAINT kid_parent FOREIGN KEY (pid) REFERENCES parents NOT ENFORCED,
                         CONSTRAINT n_small CHECK (n < 10) NOT ENFORCED);
      INSERT INTO kids VALUES (1, 1)`);
    const c = await f.check("notValidConstraints");
    expect(c.status).toBe("warn");
    expect(c.message).toBe("2 constraints are NOT ENFORCED: PostgreSQL checks no row against them.");
    expect(c.message).not.toMatch(/never validated/);
    expect(c.action).toBe(
      'ALTER TABLE "public"."kids" ALTER CONSTRAINT "kid_parent" ENFORCED; ' +
        'ALTER TABLE "public"."kids" DROP CONSTRAINT "n_small", ADD CONSTRAINT "n_small" CHECK ((n < 10));',
    );
    await f.db.pool.query(c.action);
    expect((await f.check("notValidConstraints")).status).toBe("pass");
  });
});
