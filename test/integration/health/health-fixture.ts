import pg from "pg";
import type { HealthCheck, HealthReport, HealthThresholds } from "../../../src/shared/contract/health";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";

export interface HealthFixture {
  app: TestApp;
  db: FreshDatabase;
  profileId: string;
  report(): Promise<HealthReport>;
  check(id: string): Promise<HealthCheck>;
  /** Re-runs the report until the check satisfies `ok` (stats reach views asynchronously). */
  waitForCheck(id: string, ok: (c: HealthCheck) => boolean, timeoutMs?: number): Promise<HealthCheck>;
  thresholds(t: Partial<HealthThresholds>): Promise<void>;
  /** A connection of its own (not pgdesk's), for holding locks and transactions. */
  client(): Promise<pg.Client>;
  close(): Promise<void>;
}

export async function healthFixture(major: Major, prefix = "health"): Promise<HealthFixture> {
  const db = await freshDatabase(major, prefix);
  const app = await createTestApp();
  const saved = await app.call("profiles:save", { draft: { name: `PG ${major}`, ...db.connection } });
  const clients: pg.Client[] = [];
  const report = () => app.call("health:report", { profileId: saved.id });
  const check = async (id: string) => {
    const c = (await report()).checks.find((x) => x.id === id);
    if (!c) throw new Error(`no check ${id}`);
    return c;
  };
  return {
    app,
    db,
    profileId: saved.id,
    report,
    check,
    async waitForCheck(id, ok, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const c = await check(id);
        if (ok(c)) return c;
        if (Date.now() > deadline) throw new Error(`check ${id} never matched; last: ${JSON.stringify(c)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async thresholds(t) {
      await app.call("health:setThresholds", { profileId: saved.id, thresholds: t });
    },
    async client() {
      const c = new pg.Client(db.connection);
      c.on("error", () => undefined); // terminated on purpose by some tests; errors are checked where they happen
      await c.connect();
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.end()));
      await app.close();
      await db.drop();
    },
  };
}

export { until } from "../../harness/until";
