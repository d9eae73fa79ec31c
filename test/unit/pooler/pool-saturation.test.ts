import { describe, expect, it } from "vitest";
import {
  backendLimits,
  databaseRows,
  poolRows,
  saturationChecks,
  totals,
} from "../../../src/main/features/pooler/pool-saturation";

const pools = poolRows([
  {
    database: "pgbouncer",
    user: "pgbouncer",
    cl_active: "1",
    cl_waiting: "0",
    sv_active: "0",
    sv_idle: "0",
    sv_used: "0",
    maxwait: "0",
    maxwait_us: "0",
    pool_mode: "statement",
  },
  {
    database: "app",
    user: "web",
    cl_active: "20",
    cl_waiting: "12",
    sv_active: "20",
    sv_idle: "0",
    sv_used: "0",
    maxwait: "6",
    maxwait_us: "250000",
    pool_mode: "transaction",
  },
  {
    database: "app",
    user: "jobs",
    cl_active: "2",
    cl_waiting: "1",
    sv_active: "2",
    sv_idle: "0",
    sv_used: "0",
    maxwait: "0",
    maxwait_us: "400000",
    pool_mode: "transaction",
  },
  {
    database: "reports",
    user: "bi",
    cl_active: "1",
    cl_waiting: "0",
    sv_active: "1",
    sv_idle: "3",
    sv_used: "0",
    maxwait: "0",
    maxwait_us: "0",
    pool_mode: "session",
  },
]);
const dbs = databaseRows([
  {
    name: "pgbouncer",
    host: null,
    port: "6432",
    pool_size: "2",
    reserve_pool: "0",
    max_connections: "0",
    paused: "0",
    disabled: "0",
  },
  {
    name: "app",
    host: "10.0.0.1",
    port: "5432",
    pool_size: "20",
    reserve_pool: "5",
    max_connections: "0",
    paused: "0",
    disabled: "0",
  },
  {
    name: "reports",
    host: "10.0.0.1",
    port: "5432",
    pool_size: "50",
    reserve_pool: "0",
    max_connections: "30",
    paused: "1",
    disabled: "0",
  },
  {
    name: "archive",
    host: "10.0.0.2",
    port: "5432",
    pool_size: "10",
    reserve_pool: "0",
    max_connections: "0",
    paused: "0",
    disabled: "1",
  },
]);

describe("PgBouncer saturation model", () => {
  it("leaves the admin console out and reads maxwait with its microseconds", () => {
    expect(pools.map((p) => p.database)).toEqual(["app", "app", "reports"]);
    expect(pools[0]!.maxWait).toBe(6.25);
    expect(dbs.map((d) => d.name)).toEqual(["app", "reports", "archive"]);
    expect(totals(pools)).toEqual({
      clientsActive: 23,
      clientsWaiting: 13,
      serversActive: 23,
      serversIdle: 3,
      maxWaitSeconds: 6.25,
    });
  });

  it("adds up what the pools may open per backend: users × (pool + reserve), capped by max_db_connections", () => {
    expect(backendLimits(pools, dbs)).toEqual([
      { host: "10.0.0.1", port: 5432, databases: ["app", "reports"], poolLimit: 2 * 25 + 30 },
      { host: "10.0.0.2", port: 5432, databases: ["archive"], poolLimit: 10 },
    ]);
  });

  it("flags queued clients (critical past 5 s of waiting), paused and disabled databases, client slots and backend limits", () => {
    const backends = [
      { host: "10.0.0.1", port: 5432, databases: ["app", "reports"], poolLimit: 80, serverLimit: 60 },
      {
        host: "10.0.0.2",
        port: 5432,
        databases: ["archive"],
        poolLimit: 10,
        unknownReason: "no saved profile",
      },
    ];
    const checks = saturationChecks(pools, dbs, backends, { total: 95, maxClientConn: 100 });
    expect(checks.map((c) => [c.id, c.severity, c.subject])).toEqual([
      ["poolSaturation", "critical", "app/web"],
      ["poolSaturation", "warn", "app/jobs"],
      ["paused", "warn", "reports"],
      ["paused", "warn", "archive"],
      ["clientSlots", "critical", undefined],
      ["serverLimit", "warn", "10.0.0.1:5432"],
      ["serverLimit", "unknown", "10.0.0.2:5432"],
    ]);
    expect(checks[0]!.message).toBe(
      "12 clients waiting for a server connection (longest 6.3 s); 20 server connections busy",
    );
    expect(checks[3]!.message).toMatch(/archive is disabled/);
    expect(checks[5]!.message).toMatch(/up to 80 connections, but the server accepts 60/);
  });

  it("says plainly when nothing waits and the limits fit", () => {
    const quiet = poolRows([
      { database: "app", user: "web", cl_active: "1", cl_waiting: "0", maxwait: "0", maxwait_us: "0" },
    ]);
    const checks = saturationChecks(
      quiet,
      [],
      [{ host: "h", port: 1, databases: ["app"], poolLimit: 5, serverLimit: 97 }],
      {
        total: 3,
        maxClientConn: 100,
      },
    );
    expect(checks.map((c) => [c.id, c.severity])).toEqual([
      ["poolSaturation", "ok"],
      ["clientSlots", "ok"],
      ["serverLimit", "ok"],
    ]);
  });
});
