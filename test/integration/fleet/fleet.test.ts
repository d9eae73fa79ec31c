import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FleetSnapshot } from "../../../src/shared/contract/fleet";
import { ManifestWriter } from "../../../src/main/features/backup/backup.manifest";
import { rememberBackupFolder } from "../../../src/main/features/backup/backup-folders";
import { FLEET_APPLICATION_NAME } from "../../../src/main/features/fleet/fleet.probe";
import { createTestApp, type TestApp } from "../../harness/app";
import { testServers } from "../../harness/database";
import { until } from "../../harness/until";
import { startBlackHole, type BlackHole } from "../../harness-extra/black-hole";
import { startPatroniCluster, type PatroniCluster } from "../../harness-extra/patroni-cluster";
import { startPgBouncer, type RunningPgBouncer } from "../../harness-extra/pgbouncer";
import { fleetTargets, type FleetTargets } from "./fleet-fixture";

/** The default per-server timeout; on this shared machine a healthy server under load can take seconds to answer. */
const TIMEOUT_MS = 5_000;

describe("the fleet overview of 120 profiles (15.x, 18.x, a Patroni cluster, PgBouncer, 10 black-holed, 5 refused)", () => {
  let app: TestApp;
  let cluster: PatroniCluster;
  let hole: BlackHole;
  let bouncer: RunningPgBouncer;
  let targets: FleetTargets;
  let backupDir: string;
  let snapshot: FleetSnapshot;
  const peaks = { sampled: 0 };

  beforeAll(async () => {
    [cluster, hole, backupDir] = await Promise.all([
      startPatroniCluster(),
      startBlackHole(),
      mkdtemp(join(tmpdir(), "pgdesk-fleet-backups-")),
    ]);
    const pg15 = testServers().find((s) => s.major === 15)!;
    bouncer = await startPgBouncer({
      backend: { host: pg15.host, port: pg15.port },
      users: [{ user: pg15.user, password: pg15.password }],
      databases: { appdb: { dbname: "postgres", poolSize: 5 } },
    });
    app = await createTestApp();
    targets = await fleetTargets(app, { cluster, hole, bouncer, servers: testServers() });
    await app.call("fleet:saveSettings", { concurrency: 16, timeoutMs: TIMEOUT_MS, backupMaxAgeHours: 26 });
  }, 180_000);
  afterAll(async () => {
    await targets?.close();
    await app?.close();
    await Promise.allSettled([cluster?.stop(), hole?.close(), bouncer?.stop()]);
    if (backupDir) await rm(backupDir, { recursive: true, force: true });
  });

  it("probes every profile, at most 16 at once, and finishes within one timeout and a few seconds", async () => {
    expect((await app.call("profiles:list", {})).length).toBe(120);
    // a backup three days old for one profile, recorded the way a backup job records it
    const aged = targets.byName("pg15-db0-01");
    await new ManifestWriter().update(backupDir, () => [backupEntry(aged.database, aged.id, 3 * 24)]);
    await rememberBackupFolder(app.dataDir, aged.id, backupDir);

    const sampler = targets.sampleActivity(
      FLEET_APPLICATION_NAME,
      (n) => (peaks.sampled = Math.max(peaks.sampled, n)),
    );
    const first = await app.call("fleet:refresh", {});
    expect(first.rows).toHaveLength(120);
    expect(first.rows.every((r) => r.state === "pending")).toBe(true);
    // one timeout (5 s) plus a few seconds: all 120 rows answered, none pending
    await until(
      async () => {
        snapshot = await app.call("fleet:snapshot", {});
        return Boolean(snapshot.finishedAt) && snapshot.counts.pending === 0;
      },
      "every row of the fleet run",
      TIMEOUT_MS + 10_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(snapshot.counts)}`);
    });
    await sampler.stop();
    expect(snapshot.runId).toBe(first.runId);
    // a slow answer from a healthy server would show here as an unexpected timeout, with its reason
    const unexpected = snapshot.rows.filter(
      (r) => r.state !== "up" && !/^(black-hole|wrong-password)-/.test(r.name),
    );
    expect(unexpected.map((r) => `${r.name}: ${r.state} ${r.reason} (${r.probeMs} ms)`)).toEqual([]);
    expect(snapshot.counts).toEqual({ pending: 0, up: 105, down: 0, auth: 5, timeout: 10, error: 0 });
    expect(snapshot.peakConcurrency).toBe(16);
    expect(peaks.sampled).toBeGreaterThan(1);
    expect(peaks.sampled).toBeLessThanOrEqual(16);
  }, 60_000);

  it("marks each bad profile with its reason, worst first", () => {
    const bad = snapshot.rows.slice(0, 15);
    expect(bad.map((r) => r.state)).toEqual([...Array(10).fill("timeout"), ...Array(5).fill("auth")]);
    for (const r of bad.slice(0, 10)) {
      expect(r.name).toMatch(/^black-hole-/);
      expect(r.reason).toMatch(/no answer within 5 s/);
      expect(r.severity).toBe("critical");
    }
    for (const r of bad.slice(10)) {
      expect(r.name).toMatch(/^wrong-password-/);
      expect(r.reason).toMatch(/password authentication failed for user/);
    }
    expect(snapshot.rows.slice(15).every((r) => r.state === "up")).toBe(true);
    expect(hole.accepted()).toBeGreaterThanOrEqual(10);
  });

  it("shows version, role, connections, XID age, lag and the newest backup of the servers that answered", () => {
    const row = (name: string) => snapshot.rows.find((r) => r.name === name)!;
    expect(row("pg18-db1-02").version).toMatch(/^18\./);
    expect(row("pg15-db0-01")).toMatchObject({ role: "primary", lagBytes: null });
    expect(row("pg15-db0-01").connections!.max).toBe(200);
    expect(row("pg15-db0-01").xidAge).toBeGreaterThan(0);
    expect(row("pg15-db0-01").failing.map((f) => f.id)).toContain("backupAge");
    expect(Date.parse(row("pg15-db0-01").lastBackupAt!)).toBeLessThan(Date.now() - 2 * 86_400_000);
    expect(row("pg15-db1-02").lastBackupAt).toBeNull();
    const members = snapshot.rows.filter((r) => r.cluster && r.cluster.member);
    expect(members.map((r) => r.role).sort()).toEqual(["leader", "replica", "replica"]);
    expect(members.filter((r) => r.role === "replica").every((r) => typeof r.lagBytes === "number")).toBe(
      true,
    );
    expect(row("fleet-ha (leader)").role).toBe("primary");
    expect(row("bouncer")).toMatchObject({ kind: "pgbouncer", role: "pooler", clientsWaiting: 0 });
    expect(row("bouncer").version).toMatch(/^PgBouncer /);
    const longTx = row(targets.longTransactionProfile);
    expect(longTx.failing.find((f) => f.id === "longTransaction")?.message).toMatch(/open for \d+ s/);
  });

  it("keeps the last run until asked again, and a refresh during a run joins it", async () => {
    expect((await app.call("fleet:snapshot", {})).runId).toBe(snapshot.runId);
    const a = await app.call("fleet:refresh", {});
    const b = await app.call("fleet:refresh", {});
    expect(a.runId).not.toBe(snapshot.runId);
    expect(b.runId).toBe(a.runId);
    await until(
      async () => Boolean((await app.call("fleet:snapshot", {})).finishedAt),
      "the second run",
      15_000,
    );
  }, 30_000);
});

function backupEntry(database: string, profileId: string, hoursAgo: number) {
  return {
    file: `${database}.dump`,
    database,
    profileId,
    size: 1,
    sha256: "0".repeat(64),
    format: "custom" as const,
    options: {
      scope: "full" as const,
      includeSchemas: [],
      excludeSchemas: [],
      includeTables: [],
      excludeTables: [],
      noOwner: false,
      noPrivileges: false,
    },
    serverVersion: "15",
    pgDumpVersion: "15",
    durationMs: 1,
    createdAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    verification: { listEntries: 1, fullRead: true },
  };
}
