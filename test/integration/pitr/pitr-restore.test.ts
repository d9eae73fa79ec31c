import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PitrJob, RestoreTarget } from "../../../src/shared/contract/pitr";
import { startPitrFixture, tableState, type PitrFixture } from "./pitr-fixture";

/** A restore replays WAL into a new server: tens of seconds on a loaded 2-core machine. */
const RESTORE_MS = 180_000;

type State = {
  accounts: Awaited<ReturnType<typeof tableState>>;
  orders: Awaited<ReturnType<typeof tableState>>;
};

/**
 * WAL archived to a posix repository and to S3; full + diff + incr; then a moment T, a
 * delete, a restore point, a dropped table, an LSN and an update. Each restore must hold
 * exactly what the primary held at its target, and nothing later.
 */
describe("point-in-time restore through pgBackRest", () => {
  let f: PitrFixture;
  const at: Record<string, State> = {};
  let targets: Record<"time" | "name" | "lsn", RestoreTarget>;
  const started = Date.now();

  const state = async (pool = f.cluster.pool): Promise<State> => ({
    accounts: await tableState(pool, "accounts"),
    orders: await tableState(pool, "orders"),
  });

  const backup = async (type: "full" | "diff" | "incr", repo: number) => {
    const { jobId } = await f.app.call("pitr:backup", { profileId: f.profileId, type, repo });
    const job = await f.finish(jobId);
    expect(job.state, job.error?.message).toBe("succeeded");
    return job;
  };

  const restore = async (target: RestoreTarget, repo?: number): Promise<PitrJob> => {
    const { jobId } = await f.app.call("pitr:restore", {
      profileId: f.profileId,
      target,
      ...(repo ? { repo } : {}),
    });
    return f.finish(jobId);
  };

  beforeAll(async () => {
    f = await startPitrFixture();
    const db = f.cluster.pool;
    await db.query(`CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL, note text);
      INSERT INTO accounts SELECT g, g * 10, md5(g::text) FROM generate_series(1, 2000) g;
      CREATE TABLE orders (id int PRIMARY KEY, account int, total numeric);
      INSERT INTO orders SELECT g, g % 2000 + 1, g * 1.5 FROM generate_series(1, 500) g`);
    const full = await backup("full", 1);
    expect(full.backup).toMatchObject({ type: "full", repo: 1 });
    await db.query("UPDATE accounts SET note = 'after full' WHERE id <= 50");
    await backup("diff", 1);
    await db.query("INSERT INTO accounts SELECT g, g, 'incr' FROM generate_series(2001, 2100) g");
    await backup("incr", 1);
    await backup("full", 2);

    // moment T: what the primary holds, then the clock of the server
    at.time = await state();
    const t = (
      await db.query<{ t: string }>(
        "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS t",
      )
    ).rows[0]!.t;
    await db.query("DELETE FROM accounts WHERE id % 7 = 0");
    const point = await f.app.call("pitr:createRestorePoint", {
      profileId: f.profileId,
      name: "before-drop",
    });
    expect(point.lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    at.name = await state();
    await db.query("DROP TABLE orders");
    const lsn = (await db.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn()::text AS lsn")).rows[0]!
      .lsn;
    at.lsn = await state();
    await db.query("UPDATE accounts SET balance = balance + 1");
    at.after = await state();
    await f.cluster.archiveNow();
    targets = {
      time: { kind: "time", time: t },
      name: { kind: "name", name: "before-drop" },
      lsn: { kind: "lsn", lsn },
    };
  });

  afterAll(async () => {
    await f?.dispose();
    console.log(`pitr-restore: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("shows the backup sets, both repositories and the recoverable window", async () => {
    const info = await f.app.call("pitr:info", { profileId: f.profileId });
    expect(info.backups.map((b) => [b.type, b.repo])).toEqual([
      ["full", 1],
      ["diff", 1],
      ["incr", 1],
      ["full", 2],
    ]);
    const incr = info.backups[2]!;
    expect(incr.references).toHaveLength(2);
    expect(incr.prior).toBe(info.backups[1]!.label);
    expect(info.repos.map((r) => [r.repo, r.code])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(info.windows.map((w) => w.repo)).toEqual([1, 2]);
    expect(info.windows[0]!.oldestBackup).toBe(info.backups[0]!.label);
    expect(info.windows[0]!.to).toBe(info.archiving!.lastArchivedAt);
    expect(info.archiving!.state).toBe("ok");
    expect(info.serverTimeZone).toBe("UTC");
    expect(info.notes.join(" ")).toContain("does not say that archiving works");
  });

  it.each(["time", "name", "lsn"] as const)(
    "restores to the %s into a new copy holding exactly that moment",
    async (kind) => {
      const job = await restore(targets[kind]);
      expect(job.state, job.error?.message).toBe("succeeded");
      const copy = f.copyPool(job);
      expect(await state(copy)).toEqual(at[kind]);
      expect(await state(copy)).not.toEqual(at.after);
      const { rows } = await copy.query<{ mode: string; recovery: boolean }>(
        "SELECT current_setting('archive_mode') AS mode, pg_is_in_recovery() AS recovery",
      );
      expect(rows[0]).toEqual({ mode: "off", recovery: false });
      // writable, and offered as a profile tagged as a restore
      await copy.query("CREATE TABLE written_in_copy(x int)");
      const profile = (await f.app.call("profiles:list", {})).find(
        (p) => p.id === job.restore!.restoredProfileId,
      )!;
      expect(profile).toMatchObject({ tag: "restore", port: job.restore!.port, hasPassword: true });
      expect(
        (await f.app.call("server:overview", { profileId: profile.id })).databases.length,
      ).toBeGreaterThan(0);
      expect(job.restore!.dataDir!.startsWith(f.cluster.copies)).toBe(true);
      expect(job.restore!.writableAfterMs).toBeGreaterThan(0);
      await f.app.call("pitr:dropCopy", { id: job.restore!.copyId! });
      expect(await readdir(f.cluster.copies)).toEqual([]);
    },
    RESTORE_MS,
  );

  it("refuses a target before the oldest backup before any work starts", async () => {
    const info = await f.app.call("pitr:info", { profileId: f.profileId });
    const before = new Date(Date.parse(info.windows[0]!.from) - 60_000).toISOString();
    const jobsBefore = (await f.app.call("pitr:jobs", {})).length;
    const refused = await f.app.raw("pitr:restore", {
      profileId: f.profileId,
      target: { kind: "time", time: before },
    });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({ code: "VALIDATION", field: "target" });
    expect(!refused.ok && refused.error.message).toMatch(
      /Refused before any work: .* before the end of the oldest backup/,
    );
    expect((await f.app.call("pitr:jobs", {})).length).toBe(jobsBefore);
    expect(await readdir(f.cluster.copies)).toEqual([]);
  });

  describe("from the S3 repository alone (posix repository moved away)", () => {
    const away = () => `${f.cluster.repo1}.away`;
    beforeAll(() => rename(f.cluster.repo1, away()));
    afterAll(() => rename(away(), f.cluster.repo1));

    it.each(["time", "name", "lsn"] as const)(
      "restores to the %s from S3 holding exactly that moment",
      async (kind) => {
        const job = await restore(targets[kind], 2);
        expect(job.state, job.error?.message).toBe("succeeded");
        expect(job.restore!.repo).toBe(2);
        expect(await state(f.copyPool(job))).toEqual(at[kind]);
        await f.app.call("pitr:dropCopy", { id: job.restore!.copyId! });
      },
      RESTORE_MS,
    );
  });

  it(
    "reports a restore whose WAL segment is missing as failed, with PostgreSQL's words, and removes the copy",
    async () => {
      const points = await f.app.call("pitr:restorePoints", { profileId: f.profileId });
      const segment = (
        await f.cluster.pool.query<{ wal: string }>("SELECT pg_walfile_name($1::pg_lsn) AS wal", [
          points[0]!.lsn,
        ])
      ).rows[0]!.wal;
      const archive = join(f.cluster.repo1, "archive", f.cluster.stanza);
      const [dbDir] = await readdir(archive).then((d) => d.filter((n) => /^\d+-\d+$/.test(n)));
      const walDir = join(archive, dbDir!, segment.slice(0, 16));
      const file = (await readdir(walDir)).find((n) => n.startsWith(segment));
      expect(file, `segment ${segment} in ${walDir}`).toBeDefined();
      await rm(join(walDir, file!));
      const job = await restore(targets.name, 1);
      expect(job.state).toBe("failed");
      expect(job.error!.message).toContain("recovery ended before configured recovery target was reached");
      expect(job.log.join("\n")).toContain("removing the copy");
      expect(await readdir(f.cluster.copies)).toEqual([]);
      expect((await f.app.call("pitr:copies", {})).length).toBe(0);
    },
    RESTORE_MS,
  );
});
