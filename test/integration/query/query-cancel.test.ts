import { describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { runSql } from "./run-helpers";
import { until, within } from "../../harness/until";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe.each<Major>([15, 18])("cancelling a running statement on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, {
    prefix: "qcancel",
    seed: `DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgdesk_cancel_nobody') THEN CREATE ROLE pgdesk_cancel_nobody NOLOGIN; END IF;
    END $$`,
  });

  /** Waits until the backend is really inside pg_sleep. */
  function waitUntilSleeping(pid: number): Promise<unknown> {
    const { db } = env;
    return until(
      async () =>
        (
          await db.pool.query(
            "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND query LIKE '%pg_sleep%'",
            [pid],
          )
        ).rowCount,
      "the statement to start",
      10_000,
    );
  }

  async function cancelSleep(setup: string): Promise<void> {
    const { app, db, profileId } = env;
    const session = await app.call("query:openSession", { profileId });
    if (setup) await runSql(app, session.sessionId, setup);
    const running = runSql(app, session.sessionId, "SELECT 'before'; SELECT pg_sleep(30); SELECT 'after'");
    await waitUntilSleeping(session.backendPid);
    expect(await app.call("query:cancel", { sessionId: session.sessionId })).toEqual({ sent: true });
    // pg_sleep(30) ended by the server's cancel (57014 below), not by running out: the bound only keeps a failure short
    const { summary } = await within(running, 10_000, "the cancelled script");
    expect(summary.cancelled).toBe(true);
    expect(summary.results).toHaveLength(2);
    expect(summary.results[1]!.error).toMatchObject({
      sqlState: "57014",
      message: "canceling statement due to user request",
    });
    expect(summary.skipped).toBe(1);
    // the tab's session survives a cancel and keeps its state
    const after = await runSql(app, session.sessionId, "SELECT current_user");
    expect(after.data[0]!.get(0, 0)).toBe(setup ? "pgdesk_cancel_nobody" : db.connection.user);
    await app.call("query:closeSession", { sessionId: session.sessionId });
  }

  it("cancels pg_sleep(30) and skips the rest of the script", async () => {
    await cancelSleep("");
  });

  it("still cancels after SET ROLE to a role without any privilege", async () => {
    await cancelSleep("SET ROLE pgdesk_cancel_nobody");
  });

  it("answers that nothing was sent when nothing runs", async () => {
    const { app, profileId } = env;
    const session = await app.call("query:openSession", { profileId });
    expect(await app.call("query:cancel", { sessionId: session.sessionId })).toEqual({ sent: false });
  });

  it("refuses a second run while one is in progress", async () => {
    const { app, profileId } = env;
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
    const { app, db, profileId } = env;
    const session = await app.call("query:openSession", { profileId });
    await db.pool.query("SELECT pg_terminate_backend($1)", [session.backendPid]);
    await app.waitForEvent("query:didCloseSession", (p) => p.sessionId === session.sessionId);
    const run = await app.raw("query:run", { sessionId: session.sessionId, runId: "gone", sql: "SELECT 1" });
    expect(run).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
