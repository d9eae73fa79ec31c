import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";
import { runSql } from "./run-helpers";

describe.each<Major>([15, 18])("cancelling a running statement on PostgreSQL %i", (major) => {
  let app: TestApp;
  let db: FreshDatabase;
  let profileId: string;

  beforeAll(async () => {
    db = await freshDatabase(major, "qcancel");
    app = await createTestApp();
    profileId = (await app.call("profiles:save", { draft: { name: `PG ${major}`, ...db.connection } })).id;
    await db.pool.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgdesk_cancel_nobody') THEN CREATE ROLE pgdesk_cancel_nobody NOLOGIN; END IF;
    END $$`);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  /** Polls pg_stat_activity until the backend is really inside pg_sleep. */
  async function waitUntilSleeping(pid: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = await db.pool.query(
        "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep%'",
        [pid],
      );
      if (r.rowCount) return;
      if (Date.now() > deadline) throw new Error("the statement never started");
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function cancelSleep(setup: string): Promise<void> {
    const session = await app.call("query:openSession", { profileId });
    if (setup) await runSql(app, session.sessionId, setup);
    const running = runSql(app, session.sessionId, "SELECT 'before'; SELECT pg_sleep(30); SELECT 'after'");
    await waitUntilSleeping(session.backendPid);
    const asked = performance.now();
    expect(await app.call("query:cancel", { sessionId: session.sessionId })).toEqual({ sent: true });
    const { summary } = await running;
    const tookMs = performance.now() - asked;
    expect(summary.cancelled).toBe(true);
    expect(summary.results).toHaveLength(2);
    expect(summary.results[1]!.error).toMatchObject({
      sqlState: "57014",
      message: "canceling statement due to user request",
    });
    expect(summary.skipped).toBe(1);
    expect(tookMs).toBeLessThan(1000);
    // the tab's session survives a cancel and keeps its state
    const after = await runSql(app, session.sessionId, "SELECT current_user");
    expect(after.data[0]!.get(0, 0)).toBe(setup ? "pgdesk_cancel_nobody" : db.connection.user);
    await app.call("query:closeSession", { sessionId: session.sessionId });
  }

  it("cancels pg_sleep(30) within a second and skips the rest of the script", async () => {
    await cancelSleep("");
  });

  it("still cancels after SET ROLE to a role without any privilege", async () => {
    await cancelSleep("SET ROLE pgdesk_cancel_nobody");
  });

  it("answers that nothing was sent when nothing runs", async () => {
    const session = await app.call("query:openSession", { profileId });
    expect(await app.call("query:cancel", { sessionId: session.sessionId })).toEqual({ sent: false });
  });

  it("refuses a second run while one is in progress", async () => {
    const session = await app.call("query:openSession", { profileId });
    const running = runSql(app, session.sessionId, "SELECT pg_sleep(30)");
    await waitUntilSleeping(session.backendPid);
    const second = await app.raw("query:run", {
      sessionId: session.sessionId,
      runId: "second",
      sql: "SELECT 1",
    });
    expect(second).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    await app.call("query:cancel", { sessionId: session.sessionId });
    expect((await running).summary.cancelled).toBe(true);
  });

  it("reports the tab's connection closed when its backend is terminated", async () => {
    const session = await app.call("query:openSession", { profileId });
    await db.pool.query("SELECT pg_terminate_backend($1)", [session.backendPid]);
    await app.waitForEvent("query:didCloseSession", (p) => p.sessionId === session.sessionId);
    const run = await app.raw("query:run", { sessionId: session.sessionId, runId: "gone", sql: "SELECT 1" });
    expect(run).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
