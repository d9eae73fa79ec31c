import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase } from "../../harness/database";
import { startFaultProxy, type FaultProxy } from "../../harness/fault-proxy";
import { reportFaults } from "./fault-support";

/** pgdesk's own sessions on the test database, as the server sees them. */
async function pgdeskSessions(db: FreshDatabase): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pgdesk' AND datname = $1",
    [db.name],
  );
  return rows[0]!.n;
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe("a network between pgdesk and PostgreSQL that drops, stalls and slows", () => {
  let app: TestApp;
  let db: FreshDatabase;
  let proxy: FaultProxy;
  let profileId: string;

  beforeAll(async () => {
    db = await freshDatabase(15, "faults");
    proxy = await startFaultProxy({ host: db.server.host, port: db.server.port });
    app = await createTestApp();
    profileId = (
      await app.call("profiles:save", { draft: { name: "via proxy", ...db.connection, port: proxy.port } })
    ).id;
  });
  afterAll(async () => {
    reportFaults("dashboard", proxy);
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  it("reconnects on the next action after every connection was dropped", async () => {
    await app.call("server:overview", { profileId });
    expect(proxy.openConnections()).toBeGreaterThan(0);
    const pool = await app.ctx.db.pool(profileId);
    expect(pool.idleCount).toBeGreaterThan(0);
    proxy.dropAll();
    // the sockets' close reaches the pool as events; once it has noticed, nothing stale is handed out
    expect(await eventually(async () => pool.idleCount === 0, 5_000)).toBe(true);
    const overview = await app.call("server:overview", { profileId });
    expect(overview.currentDatabase).toBe(db.name);
  });

  it("still answers when the network is slow", async () => {
    proxy.mode = "slow";
    proxy.delayMs = 150;
    try {
      expect((await app.call("server:overview", { profileId })).currentDatabase).toBe(db.name);
    } finally {
      proxy.mode = "pass";
    }
  });

  it("fails a black-holed call with a clear message within its timeout plus 2 s, then recovers", async () => {
    proxy.mode = "stall";
    const started = Date.now();
    const result = await app.raw("server:overview", { profileId });
    const elapsed = Date.now() - started;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/timeout|timed out|terminated/i);
    // the pool's client-side query timeout is the statement timeout (30 s) + 5 s
    expect(elapsed).toBeLessThan(35_000 + 2_000);
    proxy.mode = "pass";
    proxy.dropAll();
    expect((await app.call("server:overview", { profileId })).currentDatabase).toBe(db.name);
  }, 60_000);

  it("leaves no pgdesk session behind once the app closes", async () => {
    expect(await pgdeskSessions(db)).toBeGreaterThan(0);
    await app.close();
    expect(await eventually(async () => (await pgdeskSessions(db)) === 0, 10_000)).toBe(true);
    app = await createTestApp();
  });
});
