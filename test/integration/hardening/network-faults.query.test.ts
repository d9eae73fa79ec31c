import { afterAll, describe, expect, it } from "vitest";
import type { CallResult, PayloadOf } from "../../../src/shared/contract";
import type { RunSummary } from "../../../src/shared/contract/query";
import { LIVENESS, LIVENESS_BOUND_MS } from "../../../src/main/db/liveness.probe";
import { columnTypes, TYPE_LOOKUP_TIMEOUT_MS } from "../../../src/main/features/query/column-types";
import { CANCEL_GRACE_MS } from "../../../src/main/features/query/query-session";
import { until, within } from "../../harness/until";
import { backendRunning, pgdeskSessions, reportFaults } from "./fault-support";
import { useAppOnDatabase } from "../../harness/app-on-database";

const LOST = /^Connection to the server was lost: .+ The next run reconnects\.$/;
/** A stream of ~100-byte rows (~200 MB) computed as it is read (ProjectSet); faults land after 2.5 MB, i.e. after at least two batches (each at most ~1 MB). */
const STREAM = "SELECT g, repeat('x', 90) AS pad FROM (SELECT generate_series(1, 2000000) AS g) s";

describe("a running query and a stream of results through a network that drops and stalls (PostgreSQL 15)", () => {
  const env = useAppOnDatabase(15, { prefix: "qfaults", proxy: true });
  let runs = 0;
  afterAll(() => reportFaults("running query + result stream", env.proxy));

  async function openTab() {
    const { app, profileId } = env;
    const session = await app.call("query:openSession", { profileId });
    // the first run resolves the builtin column type names, so faults below hit only the tab's own connection
    await app.call("query:run", {
      sessionId: session.sessionId,
      runId: `warm${++runs}`,
      sql: "SELECT 1 AS one, 'a'::text AS t",
    });
    return session;
  }

  function start(sessionId: string, sql: string, rowCap: number | null = 10_000) {
    const { app } = env;
    const runId = `run${++runs}`;
    const done = app.raw("query:run", { sessionId, runId, sql, rowCap }) as Promise<CallResult<RunSummary>>;
    return { runId, done };
  }

  const events = <E extends "query:didReceiveRows" | "query:didFinishStatement">(event: E, runId: string) =>
    env.app.events
      .filter((e) => e.event === event && (e.payload as PayloadOf<E>).runId === runId)
      .map((e) => e.payload as PayloadOf<E>);

  /** The old tab's session is gone (the renderer is told), and a new one on the same tab works. */
  async function expectReconnect(sessionId: string, oldPid: number): Promise<void> {
    const { app, db, profileId } = env;
    await app.waitForEvent("query:didCloseSession", (p) => p.sessionId === sessionId, 5_000);
    const stale = await app.raw("query:run", { sessionId, runId: `stale${++runs}`, sql: "SELECT 1" });
    expect(stale).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const fresh = await app.call("query:openSession", { profileId });
    expect(fresh.backendPid).not.toBe(oldPid);
    const again = await app.call("query:run", {
      sessionId: fresh.sessionId,
      runId: `again${++runs}`,
      sql: "SELECT 40 + 2 AS answer",
    });
    expect(again.results[0]!.error).toBeUndefined();
    expect(again.results[0]!.rowsReturned).toBe(1);
    await app.call("query:closeSession", { sessionId: fresh.sessionId });
    // the server lets go of the lost backend too (client_connection_check_interval)
    await until(
      async () => !(await db.pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [oldPid])).rowCount,
      `the lost backend ${oldPid} to end`,
      10_000,
    );
  }

  /** Back to a working network: connections that saw swallowed bytes are out of step, so they go. */
  function restore(): void {
    const { proxy } = env;
    proxy.mode = "pass";
    proxy.dropAll();
  }

  it("fails a running pg_sleep at once with a clear message when the network drops (1 fault), then reconnects", async () => {
    const { db, proxy } = env;
    const tab = await openTab();
    const run = start(tab.sessionId, "SELECT pg_sleep(60)");
    await backendRunning(db, tab.backendPid, "pg_sleep");
    proxy.dropAll();
    const result = await within(run.done, 5_000, "the run after a drop");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.results[0]!.error).toMatchObject({
      code: "CONNECTION",
      message: expect.stringMatching(LOST),
    });
    expect(result.value.results[0]!.error!.message).toMatch(/Connection terminated unexpectedly/);
    await expectReconnect(tab.sessionId, tab.backendPid);
  });

  it(`fails a black-holed pg_sleep after the liveness bound (${LIVENESS_BOUND_MS / 1000} s) (1 fault + 1 drop to restore)`, async () => {
    const { db, proxy } = env;
    const tab = await openTab();
    const run = start(tab.sessionId, "SELECT pg_sleep(60)");
    await backendRunning(db, tab.backendPid, "pg_sleep");
    proxy.mode = "stall";
    // the bound is generous: the property is that the stall is detected and named, not a figure (see the message below)
    const result = await within(run.done, LIVENESS_BOUND_MS + 15_000, "the run after a stall");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.results[0]!.error).toMatchObject({
      code: "CONNECTION",
      message: expect.stringMatching(LOST),
    });
    expect(result.value.results[0]!.error!.message).toMatch(
      /nothing arrived for \d+ s and the server did not answer a check on a new connection/,
    );
    restore();
    await expectReconnect(tab.sessionId, tab.backendPid);
  }, 60_000);

  it("answers a cancel during a stall and ends the run soon after instead of hanging (1 fault + 1 drop to restore)", async () => {
    const { app, db, proxy } = env;
    const tab = await openTab();
    const run = start(tab.sessionId, "SELECT pg_sleep(60)");
    await backendRunning(db, tab.backendPid, "pg_sleep");
    proxy.mode = "stall";
    // the proxy takes the CancelRequest and swallows it (a real black hole would time it out after 5 s)
    const cancel = await within(
      app.raw("query:cancel", { sessionId: tab.sessionId }),
      5_000 + 2_000,
      "query:cancel",
    );
    expect(cancel.ok).toBe(true);
    // nothing comes back within the grace a live server needs to answer a cancel: probe at once
    const bound = CANCEL_GRACE_MS + LIVENESS.tickMs + LIVENESS.probeTimeoutMs;
    const result = await within(run.done, bound + 10_000, "the cancelled run");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.cancelled).toBe(true);
    expect(result.value.results[0]!.error).toMatchObject({
      code: "CONNECTION",
      message: expect.stringMatching(LOST),
    });
    restore();
    await expectReconnect(tab.sessionId, tab.backendPid);
  }, 30_000);

  it("tells the renderer at once when an idle tab's connection drops (1 fault), and the next run reconnects", async () => {
    const { app, proxy } = env;
    const tab = await openTab();
    proxy.dropAll();
    const closed = await app.waitForEvent(
      "query:didCloseSession",
      (p) => p.sessionId === tab.sessionId,
      5_000,
    );
    expect(closed.reason).toMatch(/connection/i);
    await expectReconnect(tab.sessionId, tab.backendPid);
  });

  it("ends a stream with an error event when the network drops after some batches (1 fault)", async () => {
    const { proxy } = env;
    const tab = await openTab();
    const fault = proxy.faultAfter(2_500_000, "drop");
    const run = start(tab.sessionId, STREAM, null);
    await within(fault, 10_000, "the drop mid-stream");
    const result = await within(run.done, 5_000, "the stream after a drop");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const statement = result.value.results[0]!;
    expect(statement.error).toMatchObject({ code: "CONNECTION", message: expect.stringMatching(LOST) });
    expect(events("query:didReceiveRows", run.runId).length).toBeGreaterThanOrEqual(2);
    expect(statement.rowsReturned).toBeGreaterThanOrEqual(2_000);
    expect(statement.rowsReturned).toBeLessThan(2_000_000);
    // the grid learns the end from the statement's own event, not only from the call's answer
    const finished = events("query:didFinishStatement", run.runId);
    expect(finished).toHaveLength(1);
    expect(finished[0]!.result.error?.message).toMatch(LOST);
    await expectReconnect(tab.sessionId, tab.backendPid);
  });

  it(`ends a black-holed stream with an error event after the liveness bound (${LIVENESS_BOUND_MS / 1000} s) (1 fault + 1 drop to restore)`, async () => {
    const { proxy } = env;
    const tab = await openTab();
    const fault = proxy.faultAfter(2_500_000, "stall");
    const run = start(tab.sessionId, STREAM, null);
    await within(fault, 10_000, "the stall mid-stream");
    const result = await within(run.done, LIVENESS_BOUND_MS + 15_000, "the stream after a stall");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.results[0]!.error).toMatchObject({
      code: "CONNECTION",
      message: expect.stringMatching(LOST),
    });
    expect(events("query:didReceiveRows", run.runId).length).toBeGreaterThanOrEqual(2);
    expect(events("query:didFinishStatement", run.runId)[0]?.result.error?.code).toBe("CONNECTION");
    restore();
    await expectReconnect(tab.sessionId, tab.backendPid);
  }, 60_000);

  it('names columns "oid N" instead of waiting out the pool\'s timeout when the type lookup is black-holed (1 fault + 1 drop to restore)', async () => {
    const { app, db, proxy, profileId } = env;
    const oid = await db.pool
      .query<{ oid: number }>("CREATE TYPE mood AS ENUM ('ok'); SELECT 'mood'::regtype::oid AS oid")
      .then((r) => (r as unknown as Array<{ rows: Array<{ oid: number }> }>)[1]!.rows[0]!.oid);
    const pool = await app.ctx.db.pool(profileId);
    await pool.query("SELECT 1"); // an idle pooled connection through the proxy, as after any screen
    proxy.mode = "stall";
    // the pool's own timeout is the statement timeout + 5 s (35 s): answering well before it is the point
    const names = await within(
      columnTypes([{ dataTypeID: oid, dataTypeModifier: -1 }], async () => pool, new Map()),
      TYPE_LOOKUP_TIMEOUT_MS + 15_000,
      "the type lookup",
    );
    expect(names).toEqual([`oid ${oid}`]);
    restore();
  });

  it("lets a statement that is silent for longer than the watchdog's silence run to its end", async () => {
    const { app, proxy } = env;
    const tab = await openTab();
    const seconds = LIVENESS.silenceMs / 1000 + 3;
    const accepted = proxy.connectionsAccepted();
    const run = start(tab.sessionId, `SELECT pg_sleep(${seconds}) AS slept`);
    const result = await within(run.done, (seconds + 10) * 1000, "a long silent statement");
    // the watchdog did check the server on a new connection meanwhile, and let the statement run
    expect(proxy.connectionsAccepted()).toBeGreaterThan(accepted);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.results[0]!.error).toBeUndefined();
    if (result.ok) expect(result.value.results[0]!.rowsReturned).toBe(1);
    await app.call("query:closeSession", { sessionId: tab.sessionId });
  }, 60_000);

  it("leaves no pgdesk session behind: only the pool's, and none once the app closes", async () => {
    const { app, db, profileId } = env;
    const pool = await app.ctx.db.pool(profileId);
    await until(
      async () => (await pgdeskSessions(db)) === pool.totalCount,
      "only the pool's sessions",
      10_000,
    );
    await env.closeApp();
    await until(async () => (await pgdeskSessions(db)) === 0, "pgdesk's sessions to end", 10_000);
  });
});
