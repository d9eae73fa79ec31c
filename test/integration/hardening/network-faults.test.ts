import { afterAll, describe, expect, it } from "vitest";
import { until, within } from "../../harness/until";
import { pgdeskSessions, reportFaults } from "./fault-support";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("a network between pgdesk and PostgreSQL that drops, stalls and slows", () => {
  const env = useAppOnDatabase(15, { prefix: "faults", proxy: true });
  afterAll(() => reportFaults("dashboard", env.proxy));

  it("reconnects on the next action after every connection was dropped", async () => {
    const { app, db, proxy, profileId } = env;
    await app.call("server:overview", { profileId });
    expect(proxy.openConnections()).toBeGreaterThan(0);
    const pool = await app.ctx.db.pool(profileId);
    expect(pool.idleCount).toBeGreaterThan(0);
    proxy.dropAll();
    // the sockets' close reaches the pool as events; once it has noticed, nothing stale is handed out
    await until(() => pool.idleCount === 0, "the pool to let go of its dropped connections", 5_000);
    const overview = await app.call("server:overview", { profileId });
    expect(overview.currentDatabase).toBe(db.name);
  });

  it("still answers when the network is slow", async () => {
    const { app, db, proxy, profileId } = env;
    proxy.mode = "slow";
    proxy.delayMs = 150;
    try {
      expect((await app.call("server:overview", { profileId })).currentDatabase).toBe(db.name);
    } finally {
      proxy.mode = "pass";
    }
  });

  it("fails a black-holed call with a clear message at its timeout, then recovers", async () => {
    const { app, db, proxy, profileId } = env;
    proxy.mode = "stall";
    // the pool's client-side query timeout is the statement timeout (30 s) + 5 s; the bound only keeps a hang from stalling the run
    const result = await within(
      app.raw("server:overview", { profileId }),
      35_000 + 15_000,
      "a black-holed call",
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/timeout|timed out|terminated/i);
    proxy.mode = "pass";
    proxy.dropAll();
    expect((await app.call("server:overview", { profileId })).currentDatabase).toBe(db.name);
  }, 60_000);

  it("leaves no pgdesk session behind once the app closes", async () => {
    const { db } = env;
    expect(await pgdeskSessions(db)).toBeGreaterThan(0);
    await env.closeApp();
    await until(async () => (await pgdeskSessions(db)) === 0, "pgdesk's sessions to end", 10_000);
  });
});
