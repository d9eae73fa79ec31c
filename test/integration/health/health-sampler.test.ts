import { describe, expect, it } from "vitest";
import { until } from "../../harness/until";
import { useHealthFixture } from "./health-fixture";

describe("live chart sampler", () => {
  const f = useHealthFixture(18, {
    prefix: "hsample",
    seed: "CREATE TABLE ticks (id serial, at timestamptz DEFAULT now())",
  });

  it("emits per-second rates from counter deltas while watched, and stops when nobody watches", async () => {
    const { watchId } = await f.app.call("health:watch", { profileId: f.profileId, intervalMs: 300 });
    const writer = await f.client();
    const idler = await f.client();
    await idler.query("BEGIN; SELECT 1");
    let writing = true;
    const load = (async () => {
      while (writing) {
        await writer.query("INSERT INTO ticks DEFAULT VALUES");
        await writer.query("SELECT pg_stat_force_next_flush()");
      }
    })();
    const busy = await f.app.waitForEvent(
      "health:didSample",
      (p) => p.profileId === f.profileId && p.sample.commitsPerSec > 1 && p.sample.tuplesInPerSec > 1,
    );
    expect(busy.database).toBeNull();
    expect(busy.sample.sessions.idleInTransaction).toBeGreaterThanOrEqual(1);
    expect(busy.sample.blocksHitPerSec).toBeGreaterThan(0);
    writing = false;
    await load;

    const kept = await f.app.call("health:sample", { profileId: f.profileId, maxPoints: 600 });
    expect(kept.intervalMs).toBe(300);
    expect(kept.samples.length).toBeGreaterThanOrEqual(1);
    const renewed = await f.app.call("health:watch", { profileId: f.profileId, intervalMs: 300, watchId });
    expect(renewed.watchId).toBe(watchId);

    await f.app.call("health:unwatch", { watchId });
    const ofDb = (db: string | null) =>
      f.app.events.filter(
        (e) => e.event === "health:didSample" && (e.payload as { database: string | null }).database === db,
      ).length;
    const stoppedAt = ofDb(null);
    // another database's watch ticks at 250 ms: three of its samples span more than one of the old 300 ms intervals
    const other = await f.app.call("health:watch", {
      profileId: f.profileId,
      database: "postgres",
      intervalMs: 250,
    });
    await until(async () => ofDb("postgres") >= 3, "three samples of the other database");
    await f.app.call("health:unwatch", { watchId: other.watchId });
    expect(ofDb(null)).toBe(stoppedAt);
    await idler.query("ROLLBACK");
  });
});
