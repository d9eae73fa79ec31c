import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../harness/app";
import { useFixture } from "../../harness/fixture";
import { PrivateServer } from "../../harness/private-server";
import { until } from "../../harness/until";

const PASSWORD = "faults-test-secret";

describe("connection faults: terminated backends and a server restart", () => {
  const server = useFixture(
    () => PrivateServer.start({ prefix: "pgdesk-faults-", password: PASSWORD }),
    (s) => s.dispose(),
  );
  const app = useTestApp();
  let profileId: string;

  async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client({
      host: "127.0.0.1",
      port: server.port,
      user: server.user,
      password: PASSWORD,
      database: "postgres",
    });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  const backendPid = async () =>
    (await app.ctx.db.query<{ pid: number }>(profileId, "SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

  beforeAll(async () => {
    const saved = await app.call("profiles:save", {
      draft: {
        name: "faulty",
        host: "127.0.0.1",
        port: server.port,
        database: "postgres",
        user: server.user,
        password: PASSWORD,
      },
    });
    profileId = saved.id;
  });

  it("an idle connection killed by pg_terminate_backend is replaced on the next call", async () => {
    const pid = await backendPid();
    const since = app.events.length;
    await admin((c) => c.query("SELECT pg_terminate_backend($1, 5000)", [pid]));
    await app.waitForEvent(
      "connection:didChangeState",
      (p) => p.profileId === profileId && p.state === "connected" && app.events.length > since,
    );
    const next = await backendPid();
    expect(next).not.toBe(pid);
    const states = app.events.slice(since).map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(["reconnecting", "connected"]);
  });

  it("a running query killed by pg_terminate_backend fails with the server's message, the next one works", async () => {
    const pool = await app.ctx.db.pool(profileId);
    // settled at once so the rejection is handled when it happens
    const running = pool.query("SELECT pg_sleep(30)").then(
      () => undefined,
      (e: unknown) => e,
    );
    const pid = await waitForSleeper();
    await admin((c) => c.query("SELECT pg_terminate_backend($1, 5000)", [pid]));
    expect(await running).toMatchObject({ code: "57P01" });
    expect((await app.ctx.db.query(profileId, "SELECT 42 AS n")).rows[0]).toEqual({ n: 42 });

    function waitForSleeper(): Promise<number> {
      return until(
        async () =>
          (
            await admin((c) =>
              c.query<{ pid: number }>(
                "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'",
              ),
            )
          ).rows[0]?.pid,
        "the sleeping query in pg_stat_activity",
        10_000,
      );
    }
  });

  it("survives a server stop during polling, reports Disconnected, and recovers after a restart", async () => {
    await backendPid(); // a warm pool, as a dashboard has
    let polling = true;
    const outcomes: string[] = [];
    const poll = (async () => {
      while (polling) {
        outcomes.push(
          await app.ctx.db.query(profileId, "SELECT 1").then(
            () => "ok",
            (e: { message: string }) => e.message,
          ),
        );
        await new Promise((r) => setImmediate(r)); // polling as a dashboard does, not a wait for anything
      }
    })();

    await server.stop();
    const down = await app.waitForEvent(
      "connection:didChangeState",
      (p) => p.profileId === profileId && p.state === "disconnected",
    );
    expect(down.nextAttemptAt).toBeGreaterThan(0);
    expect(down.message).toBeTruthy();
    expect((await app.call("profiles:connectionStatus", { id: profileId })).state).toBe("disconnected");
    const failed = await app.raw("server:overview", { profileId });
    expect(failed).toMatchObject({ ok: false, error: { code: "CONNECTION" } });

    await server.start(); // on the port it had
    const retried = await app.call("profiles:retryConnection", { id: profileId });
    expect(retried.state).toBe("connected");
    await app.waitForEvent(
      "connection:didChangeState",
      (p) => p.profileId === profileId && p.state === "connected",
    );
    await until(() => outcomes.at(-1) === "ok", "the polling to succeed again", 10_000);
    polling = false;
    await poll;
    expect(outcomes.at(-1)).toBe("ok");
    expect(outcomes.some((o) => o !== "ok")).toBe(true);
    const overview = await app.call("server:overview", { profileId });
    expect(overview.currentDatabase).toBe("postgres");
  });
});
