import { describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { until } from "../../harness/until";
import { useHealthFixture } from "../health/health-fixture";

describe.each<Major>([15, 18])(
  "activity: sessions, blocking tree, cancel and terminate, PostgreSQL %i",
  (major) => {
    const f = useHealthFixture(major, {
      prefix: "act",
      seed: "CREATE TABLE items (id int PRIMARY KEY, n int); INSERT INTO items SELECT g, 0 FROM generate_series(1, 1000) g",
    });
    const sessions = (filter = {}) => f.app.call("activity:sessions", { profileId: f.profileId, filter });

    it("lists sessions with their query, state and durations, filtered, without pgdesk's own unless asked", async () => {
      const c = await f.client();
      await c.query("SET application_name = 'billing-worker'");
      await c.query("BEGIN; SELECT count(*) FROM items");
      const pid = (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const all = await sessions();
      const mine = all.sessions.find((s) => s.pid === pid)!;
      expect(mine).toMatchObject({
        database: f.db.name,
        user: "postgres",
        applicationName: "billing-worker",
        clientAddr: "127.0.0.1/32",
        state: "idle in transaction",
        backendType: "client backend",
        own: false,
      });
      expect(mine.query).toContain("pg_backend_pid");
      expect(mine.transactionSeconds).toBeGreaterThanOrEqual(0);
      // other test files share this server, and a blocking tree of theirs is listed whole
      // (own sessions included), so only this database is checked
      expect(all.sessions.some((s) => s.own && s.database === f.db.name)).toBe(false);
      expect(
        (await sessions({ includeOwn: true })).sessions.some((s) => s.own && s.applicationName === "pgdesk"),
      ).toBe(true);
      expect((await sessions({ text: "BILLING" })).sessions.map((s) => s.pid)).toEqual([pid]);
      expect((await sessions({ states: ["active"] })).sessions.some((s) => s.pid === pid)).toBe(false);
      await c.query("ROLLBACK");
    });

    it("draws the blocking tree and cancels the blocked query with the server's answer", async () => {
      const root = await f.client();
      const mid = await f.client();
      const leaf = await f.client();
      const pidOf = async (c: typeof root) =>
        (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const [rootPid, midPid, leafPid] = [await pidOf(root), await pidOf(mid), await pidOf(leaf)];
      await root.query("BEGIN; UPDATE items SET n = 1 WHERE id = 1");
      await mid.query("BEGIN; UPDATE items SET n = 2 WHERE id = 2");
      const midWaits = mid.query("UPDATE items SET n = 3 WHERE id = 1").catch((e: Error) => e);
      const leafWaits = leaf.query("UPDATE items SET n = 4 WHERE id = 2").catch((e: Error) => e);
      await until(async () => (await sessions()).blockingTree.length === 3, "both waiters to block");
      const view = await sessions({ states: ["idle"] });
      expect(view.blockingTree).toEqual([
        { pid: rootPid, depth: 0, parentPid: null },
        { pid: midPid, depth: 1, parentPid: rootPid },
        { pid: leafPid, depth: 2, parentPid: midPid },
      ]);
      // sessions of the tree are always listed, whatever the filter
      expect(view.sessions.find((s) => s.pid === leafPid)!.blockedBy).toEqual([midPid]);
      expect(view.sessions.find((s) => s.pid === leafPid)!.waitEventType).toBe("Lock");

      const cancelled = await f.app.call("activity:cancel", { profileId: f.profileId, pid: leafPid });
      expect(cancelled).toEqual({
        pid: leafPid,
        signalled: true,
        message: `Cancel request sent to process ${leafPid}.`,
      });
      expect(String(await leafWaits)).toMatch(/canceling statement due to user request/);

      const terminated = await f.app.call("activity:terminate", { profileId: f.profileId, pid: rootPid });
      expect(terminated.signalled).toBe(true);
      expect(await midWaits).not.toBeInstanceOf(Error); // the root's locks went with it
      await mid.query("ROLLBACK");
      await until(async () => (await sessions()).blockingTree.length === 0, "the tree to empty");
      await until(
        async () => !(await sessions({ includeIdle: true })).sessions.some((s) => s.pid === rootPid),
        "the root to be gone",
      );
    });

    it("returns the server's warning for a pid that is not a backend", async () => {
      const answer = await f.app.call("activity:cancel", { profileId: f.profileId, pid: 1 });
      expect(answer.signalled).toBe(false);
      expect(answer.message).toMatch(/PID 1 is not a PostgreSQL (backend|server) process/);
    });

    it("shows CREATE INDEX progress while the build waits for a writer", async () => {
      const writer = await f.client();
      const builder = await f.client();
      await writer.query("BEGIN; UPDATE items SET n = 9 WHERE id = 10");
      const build = builder.query("CREATE INDEX CONCURRENTLY items_n ON items (n)");
      try {
        await until(
          async () => (await sessions()).progress.some((p) => p.command === "CREATE INDEX CONCURRENTLY"),
          "the build to report progress",
        );
        const p = (await sessions()).progress.find((x) => x.command === "CREATE INDEX CONCURRENTLY")!;
        expect(p.database).toBe(f.db.name);
        expect(p.relation).toBe("items");
        expect(p.phase).toMatch(/waiting for/);
      } finally {
        await writer.query("ROLLBACK");
        await build;
      }
    });

    it("rejects a bad pid before it reaches the server", async () => {
      const r = await f.app.raw("activity:terminate", { profileId: f.profileId, pid: -5 });
      expect(r).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    });
  },
);
