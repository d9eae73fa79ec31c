import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { ConsoleTable, PoolerOverview } from "../../../src/shared/contract/pooler";
import { createTestApp, type TestApp } from "../../harness/app";
import { testServer } from "../../harness/database";
import { until } from "../../harness/until";
import { startPgBouncer, type RunningPgBouncer } from "../../harness-extra/pgbouncer";

const LOCK = 22_022;

/** A table's rows as objects, for picking a pool by name. */
function rowsOf(t: ConsoleTable): Array<Record<string, string | null>> {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));
}

describe("PgBouncer in front of PostgreSQL 15: pools, saturation, pause/resume/reload", () => {
  let bouncer: RunningPgBouncer;
  let app: TestApp;
  let bouncerId: string;
  let blocker: pg.Client;
  let clients: pg.Client[] = [];
  let running: Array<Promise<unknown>> = [];
  const server = () => testServer(15);
  const overview = (): Promise<PoolerOverview> => app.call("pooler:overview", { profileId: bouncerId });

  beforeAll(async () => {
    const s = server();
    bouncer = await startPgBouncer({
      backend: { host: s.host, port: s.port },
      users: [{ user: s.user, password: s.password }],
      databases: { appdb: { dbname: "postgres", poolSize: 5 }, otherdb: { dbname: "postgres" } },
      defaultPoolSize: 5,
    });
    app = await createTestApp();
    bouncerId = (
      await app.call("profiles:save", {
        draft: {
          name: "bouncer",
          kind: "pgbouncer",
          host: bouncer.host,
          port: bouncer.port,
          database: "pgbouncer",
          user: bouncer.admin.user,
          password: bouncer.admin.password,
          sslmode: "disable",
        },
      })
    ).id;
    await app.call("profiles:save", {
      draft: {
        name: "pg15",
        host: s.host,
        port: s.port,
        database: "postgres",
        user: s.user,
        password: s.password,
      },
    });
  });
  afterAll(async () => {
    await blocker?.end().catch(() => undefined);
    await Promise.allSettled(running);
    await Promise.allSettled(clients.map((c) => c.end()));
    await app?.close();
    await bouncer?.stop();
  });

  it("tests a PgBouncer profile through its admin console and refuses one with another database", async () => {
    const t = await app.call("profiles:test", { id: bouncerId });
    expect(t.serverVersion).toMatch(/^PgBouncer \d+\.\d+/);
    const wrong = await app.raw("profiles:save", {
      draft: { name: "x", kind: "pgbouncer", host: "127.0.0.1", port: 6432, database: "appdb", user: "u" },
    });
    expect(!wrong.ok && wrong.error).toMatchObject({ code: "VALIDATION", field: "database" });
  });

  it("shows 45 of 50 clients waiting on a pool of 5, and says so in its checks", async () => {
    const s = server();
    blocker = new pg.Client({
      host: s.host,
      port: s.port,
      user: s.user,
      password: s.password,
      database: "postgres",
    });
    await blocker.connect();
    await blocker.query("SELECT pg_advisory_lock($1)", [LOCK]);
    clients = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const c = new pg.Client({
          host: bouncer.host,
          port: bouncer.port,
          user: s.user,
          password: s.password,
          database: "appdb",
        });
        c.on("error", () => undefined);
        await c.connect();
        return c;
      }),
    );
    running = clients.map((c) =>
      c.query("SELECT pg_advisory_lock_shared($1)", [LOCK]).then(() => c.query("SELECT 1")),
    );
    await until(async () => {
      const o = await overview();
      return o.totals.clientsWaiting === 45 && o.totals.maxWaitSeconds >= 1;
    }, "45 clients queued for a second");
    const o = await overview();
    const pool = rowsOf(o.pools).find((p) => p.database === "appdb")!;
    expect(pool).toMatchObject({ cl_active: "5", cl_waiting: "45", sv_active: "5" });
    expect(o.totals).toMatchObject({ clientsActive: 5, clientsWaiting: 45, serversActive: 5 });
    const saturation = o.checks.find((c) => c.id === "poolSaturation")!;
    expect(saturation).toMatchObject({ severity: "warn", subject: `appdb/${s.user}` });
    expect(saturation.message).toMatch(
      /^45 clients waiting for a server connection \(longest \d+\.\d s\); 5 server connections busy$/,
    );
    expect(rowsOf(o.clients).filter((c) => c.database === "appdb")).toHaveLength(50);
    expect(rowsOf(o.servers).filter((c) => c.database === "appdb")).toHaveLength(5);
    expect(o.stats.columns).toContain("total_xact_count");
    expect(rowsOf(o.config).find((c) => c.key === "default_pool_size")?.value).toBe("5");

    // the fleet probe of the same console counts the queue too
    await app.call("fleet:saveSettings", { concurrency: 4, timeoutMs: 5_000, backupMaxAgeHours: 26 });
    await app.call("fleet:refresh", {});
    await until(async () => Boolean((await app.call("fleet:snapshot", {})).finishedAt), "the fleet run");
    const row = (await app.call("fleet:snapshot", {})).rows.find((r) => r.profileId === bouncerId)!;
    expect(row).toMatchObject({ state: "up", role: "pooler", clientsWaiting: 45, severity: "warn" });

    await blocker.query("SELECT pg_advisory_unlock($1)", [LOCK]);
    await Promise.all(running);
    await until(async () => (await overview()).totals.clientsWaiting === 0, "the queue to drain");
    expect((await overview()).checks.find((c) => c.id === "poolSaturation")!.severity).toBe("ok");
  });

  it("compares what the pools may open with the server's max_connections through its saved profile", async () => {
    const s = server();
    const fine = (await overview()).backends;
    expect(fine).toHaveLength(1);
    expect(fine[0]).toMatchObject({ host: s.host, port: s.port, poolLimit: 10, serverLimit: 197 });
    expect((await overview()).checks.find((c) => c.id === "serverLimit")!.severity).toBe("ok");

    const admin = new pg.Client({
      host: bouncer.host,
      port: bouncer.port,
      database: "pgbouncer",
      ...bouncer.admin,
    });
    await admin.connect();
    try {
      await admin.query("SET default_pool_size = 400");
    } finally {
      await admin.end();
    }
    const o = await overview();
    expect(o.backends[0]).toMatchObject({ poolLimit: 405, serverLimit: 197 });
    const mismatch = o.checks.find((c) => c.id === "serverLimit")!;
    expect(mismatch.severity).toBe("warn");
    expect(mismatch.message).toMatch(/up to 405 connections, but the server accepts 197/);
  });

  it("pauses and resumes one database and reloads, each only when confirmed", async () => {
    const unconfirmed = await app.raw("pooler:command", {
      profileId: bouncerId,
      command: "PAUSE",
      confirm: "yes",
    });
    expect(!unconfirmed.ok && unconfirmed.error).toMatchObject({ code: "VALIDATION", field: "confirm" });
    const unknown = await app.raw("pooler:command", {
      profileId: bouncerId,
      command: "PAUSE",
      database: "nosuchdb",
      confirm: "PAUSE",
    });
    expect(!unknown.ok && unknown.error.message).toMatch(/no database "nosuchdb"/);

    const paused = await app.call("pooler:command", {
      profileId: bouncerId,
      command: "PAUSE",
      database: "appdb",
      confirm: "PAUSE",
    });
    expect(paused.message).toMatch(/^Paused appdb/);
    const o = await overview();
    expect(rowsOf(o.databases).find((d) => d.name === "appdb")!.paused).toBe("1");
    expect(o.checks.find((c) => c.id === "paused")).toMatchObject({ severity: "warn", subject: "appdb" });

    await app.call("pooler:command", {
      profileId: bouncerId,
      command: "RESUME",
      database: "appdb",
      confirm: "RESUME",
    });
    expect(rowsOf((await overview()).databases).find((d) => d.name === "appdb")!.paused).toBe("0");
    const reloaded = await app.call("pooler:command", {
      profileId: bouncerId,
      command: "RELOAD",
      confirm: "RELOAD",
    });
    expect(reloaded).toEqual({ command: "RELOAD", message: "Configuration reloaded." });
    // RELOAD re-reads the file: the SET from before is gone
    expect(rowsOf((await overview()).config).find((c) => c.key === "default_pool_size")?.value).toBe("5");
  });

  it("refuses the pooler page for a PostgreSQL profile", async () => {
    const pgProfile = (await app.call("profiles:list", {})).find((p) => p.name === "pg15")!;
    const r = await app.raw("pooler:overview", { profileId: pgProfile.id });
    expect(!r.ok && r.error.message).toMatch(/is not a PgBouncer profile/);
  });
});
