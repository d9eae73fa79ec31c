import { describe, expect, it } from "vitest";
import { createPgdeskLayout } from "../audit/layouts.fixture";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("50 concurrent calls from several screens against one profile", () => {
  const env = useAppOnDatabase(15, {
    prefix: "load",
    seed: (db) => createPgdeskLayout(db.pool),
    profile: { name: "load" },
  });

  it("all complete and never open more connections than the pool allows", async () => {
    const { app, db, profileId } = env;
    const { detected } = await app.call("audit:detect", { profileId });
    const mapping = detected[0]!.mapping;
    const calls: Array<() => Promise<unknown>> = [];
    // what the Overview, Dashboard, Activity, Schema, Indexes and Audit screens ask for
    const screens: Array<() => Promise<unknown>> = [
      () => app.call("server:overview", { profileId }),
      () => app.call("health:report", { profileId }),
      () => app.call("activity:sessions", { profileId }),
      () => app.call("schema:introspect", { profileId }),
      () => app.call("indexes:report", { profileId }),
      () => app.call("audit:browse", { profileId, mapping, limit: 10 }),
      () => app.call("audit:counts", { profileId, mapping }),
    ];
    for (let i = 0; i < 50; i++) calls.push(screens[i % screens.length]!);
    // watch pgdesk's sessions on the server while the calls run
    let peak = 0;
    let running = true;
    const watcher = (async () => {
      while (running) {
        const { rows } = await db.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pgdesk' AND datname = $1",
          [db.name],
        );
        peak = Math.max(peak, rows[0]!.n);
        await new Promise((r) => setImmediate(r)); // sampling as often as it can, not a wait for anything
      }
    })();
    const results = await Promise.allSettled(calls.map((c) => c()));
    running = false;
    await watcher;
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
  });
});
