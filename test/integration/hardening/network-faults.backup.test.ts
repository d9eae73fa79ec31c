import { join } from "node:path";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { LIVENESS_BOUND_MS } from "../../../src/main/db/liveness.probe";
import { finished, listFolder, pgDumpPids, readText } from "../backup/support";
import { until, within } from "../../harness/until";
import { pgdeskSessions, reportFaults, startPickyPooler } from "./fault-support";
import { useAppOnDatabase } from "../../harness/app-on-database";

/** pg_dump is stopped with SIGTERM (SIGKILL after 3 s) once the watchdog gives up. */
const STOP_MS = 3_000;

describe("a backup through a network that drops and stalls (PostgreSQL 15)", () => {
  const env = useAppOnDatabase(15, {
    prefix: "bkfaults",
    // ~27 MB of COPY data: every fault point below lands mid-table
    seed: "CREATE TABLE bulk AS SELECT g AS id, repeat(md5(g::text), 8) AS pad FROM generate_series(1, 100000) g",
    proxy: true,
    folder: "pgdesk-bk-",
  });
  afterAll(() => reportFaults("backup", env.proxy));

  const start = async () =>
    (
      await env.app.call("backup:start", {
        profileId: env.profileId,
        database: env.db.name,
        folder: env.folder,
        format: "custom",
        compression: 0,
      })
    ).jobId;

  /** Nothing of a failed job is left: no partial file, no manifest entry, no pg_dump, no server session of it. */
  async function expectNothingLeft(manifestBefore?: string): Promise<void> {
    const { db, folder } = env;
    expect((await listFolder(folder)).filter((f) => f.endsWith(".partial"))).toEqual([]);
    expect(await readText(join(folder, "backups.json"))).toBe(manifestBefore);
    expect(await pgDumpPids(folder)).toEqual([]);
    await until(
      async () => (await pgdeskSessions(db)) === (await poolConnections()),
      "only the pool's sessions",
      10_000,
    );
  }

  const lockWaiters = async () =>
    (
      await env.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'pgdesk' AND wait_event_type = 'Lock'",
        [env.db.name],
      )
    ).rows[0]!.n;

  /** pgdesk's own pooled connections (the profile's and the dumped database's pool). */
  async function poolConnections(): Promise<number> {
    const { app, db, profileId } = env;
    return (
      (await app.ctx.db.pool(profileId)).totalCount + (await app.ctx.db.pool(profileId, db.name)).totalCount
    );
  }

  it("fails with a clear message when the network drops mid-dump, and removes the partial file (1 fault)", async () => {
    const { app, proxy } = env;
    const fault = proxy.faultAfter(2_000_000, "drop");
    const jobId = await start();
    await within(fault, 20_000, "the drop mid-dump");
    const job = await finished(app, jobId, 10_000);
    expect(job.state).toBe("failed");
    expect(job.error).toMatchObject({
      code: "CONNECTION",
      message: expect.stringMatching(
        /^Connection to the server was lost during the dump: pg_dump exited with code 1: .*\(server closed the connection unexpectedly\)\. The partial output was removed\.$/,
      ),
    });
    await expectNothingLeft();
  });

  it(`fails a black-holed dump after the liveness bound (${LIVENESS_BOUND_MS / 1000} s) and removes the partial file (1 fault + 1 drop to restore)`, async () => {
    const { app, proxy, folder } = env;
    const fault = proxy.faultAfter(2_000_000, "stall");
    const jobId = await start();
    await within(fault, 20_000, "the stall mid-dump");
    const partial = await until(
      async () => (await listFolder(folder)).find((f) => f.endsWith(".partial")),
      "the partial file",
    );
    expect(partial).toMatch(/\.dump\.partial$/);
    // a generous bound on the wait: the property is that the stall is detected and named (below)
    const job = await finished(app, jobId, LIVENESS_BOUND_MS + STOP_MS + 15_000);
    expect(job.state).toBe("failed");
    expect(job.error).toMatchObject({
      code: "CONNECTION",
      message: expect.stringMatching(
        /^Connection to the server was lost: nothing arrived for \d+ s and the server did not answer a check on a new connection .*pg_dump was stopped and its partial output removed\.$/,
      ),
    });
    proxy.mode = "pass";
    proxy.dropAll();
    await expectNothingLeft();
  }, 60_000);

  it("backs up through the restored network", async () => {
    const { app, db, folder } = env;
    const job = await finished(app, await start(), 30_000);
    expect(job.state).toBe("succeeded");
    const [entry] = await app.call("backup:list", { folder });
    expect(entry).toMatchObject({ database: db.name, present: true });
    expect(await pgDumpPids(folder)).toEqual([]);
  });

  it("lets a dump that waits on a lock for longer than the watchdog's silence finish", async () => {
    const { app, db, proxy } = env;
    const locker: pg.PoolClient = await db.pool.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE bulk IN ACCESS EXCLUSIVE MODE");
      const jobId = await start();
      // pg_dump is waiting on the lock: silent, no output growing
      await until(async () => (await lockWaiters()) > 0, "pg_dump to wait on the lock");
      // the watchdog checks the server on a new connection (through the proxy), finds it there, and lets pg_dump wait
      const accepted = proxy.connectionsAccepted();
      const open = proxy.openConnections();
      await until(
        async () => proxy.connectionsAccepted() > accepted && proxy.openConnections() <= open,
        "a liveness check",
        LIVENESS_BOUND_MS + 5_000,
      );
      expect((await app.call("backup:jobs", {})).find((j) => j.id === jobId)?.state).toBe("running");
      await locker.query("ROLLBACK");
      expect((await finished(app, jobId, 30_000)).state).toBe("succeeded");
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      locker.release();
    }
  }, 60_000);

  it("leaves no server session waiting on a lock behind when the network drops under a waiting dump (1 fault)", async () => {
    const { app, db, proxy, folder } = env;
    const locker: pg.PoolClient = await db.pool.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE bulk IN ACCESS EXCLUSIVE MODE");
      const manifest = await readText(join(folder, "backups.json"));
      const jobId = await start();
      await until(async () => (await lockWaiters()) > 0, "pg_dump to wait on the lock");
      proxy.dropAll();
      const job = await finished(app, jobId, 10_000);
      expect(job.state).toBe("failed");
      expect(job.error?.message).toMatch(/^Connection to the server was lost during the dump: /);
      // the lock is still held: without client_connection_check_interval the orphan would wait (and queue others) until it is released
      await until(async () => (await lockWaiters()) === 0, "the orphaned dump's session to end", 10_000);
      await expectNothingLeft(manifest);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      locker.release();
    }
  }, 30_000);

  it("backs up through a pooler that refuses startup options, by running pg_dump again without them", async () => {
    const { app, db, folder } = env;
    const pooler = await startPickyPooler({ host: db.server.host, port: db.server.port });
    const viaPooler = (
      await app.call("profiles:save", { draft: { name: "via pooler", ...db.connection, port: pooler.port } })
    ).id;
    try {
      // directory format: the second pg_dump must accept the (empty) directory the first one left
      const { jobId } = await app.call("backup:start", {
        profileId: viaPooler,
        database: db.name,
        folder,
        format: "directory",
      });
      const job = await finished(app, jobId, 30_000);
      expect(job.state).toBe("succeeded");
      expect(pooler.refused()).toBe(1);
      expect(job.log.join("\n")).toMatch(/refused startup options .* running pg_dump again without them/);
    } finally {
      await app.call("profiles:delete", { id: viaPooler });
      await pooler.close();
    }
  });

  it("leaves no pgdesk session behind once the app closes", async () => {
    const { db } = env;
    await until(
      async () => (await pgdeskSessions(db)) === (await poolConnections()),
      "only the pool's sessions",
      10_000,
    );
    await env.closeApp();
    await until(async () => (await pgdeskSessions(db)) === 0, "pgdesk's sessions to end", 10_000);
  });
});
