import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionRegistry } from "../../../src/main/features/query/session.registry";
import { createMemoryLogger } from "../../../src/main/logger";
import { createTestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase } from "../../harness/database";
import { until } from "../../harness/until";

describe("the lifetime of editor sessions", () => {
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase(15, "qlife");
  });
  afterAll(async () => {
    await db.drop();
  });

  const backends = async (appName = "pgdesk") =>
    Number(
      (
        await db.pool.query(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2",
          [db.name, appName],
        )
      ).rows[0].n,
    );

  it("opens its own connection named pgdesk per tab and closes them all on shutdown", async () => {
    const app = await createTestApp();
    const profileId = (await app.call("profiles:save", { draft: { name: "life", ...db.connection } })).id;
    const a = await app.call("query:openSession", { profileId });
    const b = await app.call("query:openSession", { profileId });
    expect(a.backendPid).not.toBe(b.backendPid);
    await until(async () => (await backends()) === 2, "the two tabs' sessions");
    await app.close();
    await until(async () => (await backends()) === 0, "the sessions to close");
  });

  it("closes a session left idle, telling the renderer why", async () => {
    const closed: Array<[string, string]> = [];
    const registry = new SessionRegistry({
      resolve: async () => ({ ...db.connection }),
      onNotice: () => undefined,
      onClosed: (id, reason) => closed.push([id, reason]),
      log: createMemoryLogger(),
      idleTimeoutMs: 200,
    });
    try {
      const session = await registry.open("p1");
      await until(() => closed.length === 1, "the idle session to close");
      expect(closed[0]).toEqual([session.id, "closed after being idle"]);
      expect(registry.size).toBe(0);
      expect(() => registry.get(session.id)).toThrow(/closed/);
    } finally {
      await registry.closeAll();
    }
  });
});
