import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { HealthCheck, HealthReport, HealthThresholds } from "../../../src/shared/contract/health";
import { AppOnDatabase } from "../../harness/app-on-database";
import type { Major, Seed } from "../../harness/database";
import { until } from "../../harness/until";

/** The app on a database of its own, with the health report at hand and connections of the test's own. */
export class HealthFixture extends AppOnDatabase {
  private readonly clients: pg.Client[] = [];

  report(): Promise<HealthReport> {
    return this.app.call("health:report", { profileId: this.profileId });
  }

  async check(id: string): Promise<HealthCheck> {
    const c = (await this.report()).checks.find((x) => x.id === id);
    if (!c) throw new Error(`no check ${id}`);
    return c;
  }

  /** Re-runs the report until the check satisfies `ok` (stats reach views asynchronously). */
  waitForCheck(id: string, ok: (c: HealthCheck) => boolean, timeoutMs = 20_000): Promise<HealthCheck> {
    let last: HealthCheck | undefined;
    return until(
      async () => {
        last = await this.check(id);
        return ok(last) && last;
      },
      () => `check ${id} to match; last: ${JSON.stringify(last)}`,
      timeoutMs,
      200,
    );
  }

  async thresholds(t: Partial<HealthThresholds>): Promise<void> {
    await this.app.call("health:setThresholds", { profileId: this.profileId, thresholds: t });
  }

  /** A connection of its own (not pgdesk's), for holding locks and transactions. */
  async client(): Promise<pg.Client> {
    const c = new pg.Client(this.db.connection);
    c.on("error", () => undefined); // terminated on purpose by some tests; errors are checked where they happen
    await c.connect();
    this.clients.push(c);
    return c;
  }

  override async close(): Promise<void> {
    await Promise.allSettled(this.clients.splice(0).map((c) => c.end()));
    await super.close();
  }
}

/** One health fixture for the tests of the enclosing describe: started before them, closed after them. */
export function useHealthFixture(
  major: Major,
  options: { prefix?: string; seed?: Seed } = {},
): HealthFixture {
  const f = new HealthFixture(major, { prefix: options.prefix ?? "health", seed: options.seed });
  beforeAll(() => f.start());
  afterAll(() => f.close());
  return f;
}
