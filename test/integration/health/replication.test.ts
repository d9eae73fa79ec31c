import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { HealthCheck } from "../../../src/shared/contract/health";
import { createTestApp, type TestApp } from "../../harness/app";
import { until } from "../../harness/until";
import { startReplicatedPair, type Replicated } from "./standby-fixture";

describe("replication with a real streaming standby (PostgreSQL 15)", () => {
  let pair: Replicated;
  let app: TestApp;
  let primaryId: string;
  let standbyId: string;
  let primary: pg.Client;
  let standby: pg.Client;
  const check = async (profileId: string, id: string): Promise<HealthCheck> =>
    (await app.call("health:report", { profileId })).checks.find((c) => c.id === id)!;

  beforeAll(async () => {
    pair = await startReplicatedPair();
    app = await createTestApp();
    primaryId = (
      await app.call("profiles:save", { draft: { name: "primary", ...pair.connection(pair.primary.port) } })
    ).id;
    standbyId = (
      await app.call("profiles:save", { draft: { name: "standby", ...pair.connection(pair.standbyPort) } })
    ).id;
    primary = new pg.Client(pair.connection(pair.primary.port));
    await primary.connect();
    await primary.query("CREATE TABLE feed (id serial, body text)");
  }, 120_000);
  afterAll(async () => {
    await primary?.end();
    await standby?.end().catch(() => undefined);
    await app?.close();
    await pair?.close();
  });

  it("shows the streaming standby from the primary, and the primary from the standby", async () => {
    const fromPrimary = await check(primaryId, "replication");
    expect(fromPrimary.status).toBe("pass");
    expect(fromPrimary.metrics!.standbys).toBe(1);
    expect(fromPrimary.details!.rows[0]![2]).toBe("streaming");

    const report = await app.call("health:report", { profileId: standbyId });
    expect(report.role).toBe("standby");
    const fromStandby = report.checks.find((c) => c.id === "replication")!;
    expect(fromStandby.status).toBe("pass");
    expect(fromStandby.message).toMatch(/standby of 127\.0\.0\.1; WAL receiver streaming.*replay not paused/);
    // functions a standby refuses (pg_current_wal_lsn) are never called there
    expect(report.checks.filter((c) => c.status === "error").map((c) => c.id)).toEqual(["statements"]);
  });

  it("flags replay lag on both sides when replay is paused on the standby", async () => {
    standby = new pg.Client(pair.connection(pair.standbyPort));
    await standby.connect();
    await app.call("health:setThresholds", {
      profileId: standbyId,
      thresholds: { replicationLagWarnSec: 0.5 },
    });
    await app.call("health:setThresholds", {
      profileId: primaryId,
      thresholds: { replicationLagWarnBytes: 1 },
    });
    await standby.query("SELECT pg_wal_replay_pause()");
    try {
      await primary.query("INSERT INTO feed (body) SELECT repeat('x', 100) FROM generate_series(1, 1000)");
      let last: HealthCheck | undefined;
      await until(async () => {
        last = await check(standbyId, "replication");
        return (
          last.status === "warn" &&
          (last.metrics?.replayGapBytes ?? 0) > 0 &&
          (last.metrics?.replayLagSeconds ?? 0) >= 0.5
        );
      }, "the standby to report lag");
      expect(last!.metrics!.paused).toBe(1);
      expect(last!.action).toContain("pg_wal_replay_resume()");

      const fromPrimary = await check(primaryId, "replication");
      expect(fromPrimary.status).toBe("warn");
      expect(fromPrimary.metrics!.worstLagBytes).toBeGreaterThan(0);
    } finally {
      await standby.query("SELECT pg_wal_replay_resume()");
    }
    await until(async () => (await check(standbyId, "replication")).status === "pass", "replay to catch up");
  });

  it("flags an inactive replication slot on the primary", async () => {
    await primary.query("SELECT pg_create_physical_replication_slot('abandoned', true)");
    const c = await check(primaryId, "replicationSlots");
    expect(c.status).toBe("warn");
    expect(c.details!.rows[0]).toEqual([
      "abandoned",
      "physical",
      null,
      false,
      "reserved",
      expect.any(Number),
    ]);
    await primary.query("SELECT pg_drop_replication_slot('abandoned')");
    expect((await check(primaryId, "replicationSlots")).status).toBe("pass");
  });

  it("reports a standby that went away as unreachable, then recovers on its own", async () => {
    await standby.end();
    await pair.stopStandby();
    const down = await app.call("health:report", { profileId: standbyId });
    expect(down.status).toBe("unhealthy");
    expect(down.checks[0]!.status).toBe("fail");
    await pair.startStandby();
    await until(
      async () => (await app.call("health:report", { profileId: standbyId })).role === "standby",
      "the standby report to recover",
    );
  });
});
