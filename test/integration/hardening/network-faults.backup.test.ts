import { join } from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVENESS_BOUND_MS } from "../../../src/main/db/liveness.probe";
import { createTestApp, type TestApp } from "../../harness/app";
import { freshDatabase, type FreshDatabase } from "../../harness/database";
import { startFaultProxy, type FaultProxy } from "../../harness/fault-proxy";
import {
  finished,
  listFolder,
  pgDumpPids,
  readText,
  removeFolder,
  tempFolder,
  until,
} from "../backup/support";
import { eventually, pgdeskSessions, reportFaults, startPickyPooler, within } from "./fault-support";

/** pg_dump is stopped with SIGTERM (SIGKILL after 3 s) once the watchdog gives up. */
const STOP_MS = 3_000;

describe("a backup through a network that drops and stalls (PostgreSQL 15)", () => {
  let app: TestApp;
  let db: FreshDatabase;
  let proxy: FaultProxy;
  let profileId: string;
  let folder: string;

  beforeAll(async () => {
    db = await freshDatabase(15, "bkfaults");
    expect(await pgdeskSessions(db)).toBe(0);
    // ~27 MB of COPY data: every fault point below lands mid-table
    await db.pool.query(
      "CREATE TABLE bulk AS SELECT g AS id, repeat(md5(g::text), 8) AS pad FROM generate_series(1, 100000) g",
    );
    proxy = await startFaultProxy({ host: db.server.host, port: db.server.port });
    app = await createTestApp();
    profileId = (
      await app.call("profiles:save", { draft: { name: "via proxy", ...db.connection, port: proxy.port } })
    ).id;
    folder = await tempFolder();
  });
  afterAll(async () => {
    reportFaults("backup", proxy);
    await app?.close();
    await proxy?.close();
    await db?.drop();
    if (folder) await removeFolder(folder);
  });

  const start = async () =>
    (
      await app.call("backup:start", {
        profileId,
        database: db.name,
        folder,
        format: "custom",
        compression: 0,
      })
    ).jobId;

  /** Nothing of a failed job is left: no partial file, no manifest entry, no pg_dump, no server session of it. */
  async function expectNothingLeft(manifestBefore?: string): Promise<void> {
    expect((await listFolder(folder)).filter((f) => f.endsWith(".partial"))).toEqual([]);
    expect(await readText(join(folder, "backups.json"))).toBe(manifestBefore);
    expect(await pgDumpPids(folder)).toEqual([]);
    expect(
      await eventually(async () => (await pgdeskSessions(db)) === (await poolConnections()), 10_000),
    ).toBe(true);
  }

  const lockWaiters = async () =>
    (
      await db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'pgdesk' AND wait_event_type = 'Lock'",
        [db.name],
      )
    ).rows[0]!.n;

  /** pgdesk's own pooled connections (the profile's and the dumped database's pool). */
  async function poolConnections(): Promise<number> {
    return (
      (await app.ctx.db.pool(profileId)).totalCount + (await app.ctx.db.pool(profileId, db.name)).totalCount
    );
  }

  it("fails with a clear message when the network drops mid-dump, and removes the partial file (1 fault)", async () => {
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

  it(`fails a black-holed dump within the liveness bound (${LIVENESS_BOUND_MS / 1000} s) + 2 s and removes the partial file (1 fault + 1 drop to restore)`, async () => {
    const fault = proxy.faultAfter(2_000_000, "stall");
    const jobId = await start();
    const stalledAt = await within(fault, 20_000, "the stall mid-dump");
    const partial = await until(
      async () => (await listFolder(folder)).find((f) => f.endsWith(".partial")),
      "the partial file",
    );
    expect(partial).toMatch(/\.dump\.partial$/);
    const job = await finished(app, jobId, LIVENESS_BOUND_MS + STOP_MS + 10_000);
    expect(Date.now() - stalledAt).toBeLessThan(LIVENESS_BOUND_MS + STOP_MS + 2_000);
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
    const job = await finished(app, await start(), 30_000);
    expect(job.state).toBe("succeeded");
    const [entry] = await app.call("backup:list", { folder });
    expect(entry).toMatchObject({ database: db.name, present: true });
    expect(await pgDumpPids(folder)).toEqual([]);
  });

  it("lets a dump that waits on a lock for longer than the watchdog's silence finish", async () => {
    const locker: pg.PoolClient = await db.pool.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE bulk IN ACCESS EXCLUSIVE MODE");
      const jobId = await start();
      // pg_dump is waiting on the lock: silent, no output growing
      await until(async () => ((await lockWaiters()) > 0 ? true : undefined), "pg_dump to wait on the lock");
      // the watchdog checks the server on a new connection (through the proxy), finds it there, and lets pg_dump wait
      const accepted = proxy.connectionsAccepted();
      const open = proxy.openConnections();
      await until(
        async () =>
          proxy.connectionsAccepted() > accepted && proxy.openConnections() <= open ? true : undefined,
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
    const locker: pg.PoolClient = await db.pool.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE bulk IN ACCESS EXCLUSIVE MODE");
      const manifest = await readText(join(folder, "backups.json"));
      const jobId = await start();
      await until(async () => ((await lockWaiters()) > 0 ? true : undefined), "pg_dump to wait on the lock");
      proxy.dropAll();
      const job = await finished(app, jobId, 10_000);
      expect(job.state).toBe("failed");
      expect(job.error?.message).toMatch(/^Connection to the server was lost during the dump: /);
      // the lock is still held: without client_connection_check_interval the orphan would wait (and queue others) until it is released
      expect(await eventually(async () => (await lockWaiters()) === 0, 10_000)).toBe(true);
      await expectNothingLeft(manifest);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      locker.release();
    }
  }, 30_000);

  it("backs up through a pooler that refuses startup options, by running pg_dump again without them", async () => {
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
    expect(
      await eventually(async () => (await pgdeskSessions(db)) === (await poolConnections()), 10_000),
    ).toBe(true);
    await app.close();
    expect(await eventually(async () => (await pgdeskSessions(db)) === 0, 10_000)).toBe(true);
    app = await createTestApp();
  });
});
