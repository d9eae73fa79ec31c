import { execFileSync } from "node:child_process";
import { open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { until } from "../../harness/until";
import type { FreshDatabase } from "../../harness/database";
import {
  finished,
  listFolder,
  pgDumpPids,
  readText,
  removeFolder,
  seed,
  startBackup,
  tempFolder,
} from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

/** Holds an ACCESS EXCLUSIVE lock so pg_dump waits on it: a dump that is reliably mid-way. */
async function holdLock(db: FreshDatabase): Promise<pg.Client> {
  const c = new pg.Client(db.connection);
  await c.connect();
  await c.query("BEGIN");
  await c.query('LOCK TABLE shop."order" IN ACCESS EXCLUSIVE MODE');
  return c;
}

async function release(c: pg.Client): Promise<void> {
  await c.query("ROLLBACK");
  await c.end();
}

function mount(args: string[]): void {
  execFileSync("mount", args);
}

describe("backup faults leave nothing behind (PostgreSQL 15)", () => {
  const env = useAppOnDatabase(15, {
    prefix: "bk_fault",
    seed: async (db) => {
      await seed(db.pool, 5000);
      await db.pool.query(
        "CREATE TABLE bulk AS SELECT g AS id, repeat(md5(g::text), 8) AS pad FROM generate_series(1, 12000) g",
      );
    },
    folder: "pgdesk-bk-",
  });
  let manifestBefore: string | undefined;

  beforeAll(async () => {
    const { app, db, folder } = env;
    // one good backup first, so "manifest unchanged" compares a real manifest
    const { jobId } = await startBackup(env);
    expect((await finished(app, jobId)).state).toBe("succeeded");
    manifestBefore = await readText(join(folder, "backups.json"));
    expect(manifestBefore).toContain(db.name);
  });

  const expectUntouched = async () => {
    const { folder } = env;
    expect((await listFolder(folder)).filter((f) => f.endsWith(".partial"))).toEqual([]);
    expect(await readText(join(folder, "backups.json"))).toBe(manifestBefore);
  };

  it("refuses a destination that does not exist", async () => {
    const { app, db, profileId, folder } = env;
    const result = await app.raw("backup:start", {
      profileId,
      database: db.name,
      folder: join(folder, "no", "such"),
    });
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "folder" } });
    if (!result.ok) expect(result.error.message).toMatch(/does not exist/);
    expect(await app.call("backup:jobs", {})).toHaveLength(1);
  });

  it("refuses a relative destination", async () => {
    const { app, db, profileId } = env;
    const result = await app.raw("backup:start", { profileId, database: db.name, folder: "backups" });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", message: expect.stringMatching(/absolute path/) },
    });
  });

  it("refuses a destination that is not writable (read-only mount)", async () => {
    const { app, db, profileId } = env;
    const ro = await tempFolder("pgdesk-bk-ro-");
    mount(["-t", "tmpfs", "-o", "ro,size=1M", "tmpfs", ro]);
    try {
      const result = await app.raw("backup:start", { profileId, database: db.name, folder: ro });
      expect(result).toMatchObject({
        ok: false,
        error: { code: "VALIDATION", message: expect.stringMatching(/not writable \(EROFS\)/) },
      });
      expect(await listFolder(ro)).toEqual([]);
    } finally {
      execFileSync("umount", [ro]);
      await removeFolder(ro);
    }
  });

  it("fails cleanly when the disk fills up mid-backup (1 MB tmpfs)", async () => {
    const { app, db, profileId } = env;
    const small = await tempFolder("pgdesk-bk-full-");
    mount(["-t", "tmpfs", "-o", "size=1M", "tmpfs", small]);
    try {
      const { jobId } = await app.call("backup:start", {
        profileId,
        database: db.name,
        folder: small,
        format: "custom",
        compression: 0,
      });
      const job = await finished(app, jobId);
      expect(job.state).toBe("failed");
      expect(job.error?.message).toMatch(/destination is full|No space left on device/);
      expect(await listFolder(small)).toEqual([]);
    } finally {
      execFileSync("umount", [small]);
      await removeFolder(small);
    }
  });

  it("cleans up when pg_dump is killed mid-way, and never shows it the password", async () => {
    const { app, db, folder } = env;
    const lock = await holdLock(db);
    try {
      const { jobId } = await startBackup(env, {
        format: "directory",
      });
      const [pid] = await until(async () => {
        const pids = await pgDumpPids(folder);
        return pids.length ? pids : undefined;
      }, "pg_dump to start");
      const partial = await until(
        async () => (await listFolder(folder)).find((f) => f.endsWith(".partial")),
        "the .partial output",
      );
      expect(partial).toMatch(/\.dir\.partial$/);

      const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
      const environ = await readFile(`/proc/${pid}/environ`, "utf8");
      expect(cmdline).not.toContain(db.connection.password);
      expect(cmdline.split("\0")).not.toContain(db.name);
      expect(cmdline).not.toContain("--dbname");
      expect(environ).not.toContain(db.connection.password);
      expect(environ).not.toMatch(/(^|\0)PGPASSWORD=/);
      // the password went through the prompt pipe: no passfile to find
      expect(environ).toMatch(/(^|\0)PGPASSFILE=\/dev\/null(\0|$)/);
      expect(cmdline.split("\0")).toContain("--password");

      process.kill(pid!, "SIGKILL");
      const job = await finished(app, jobId);
      expect(job.state).toBe("failed");
      expect(job.error?.message).toMatch(/pg_dump was killed \(SIGKILL\)/);
      await expectUntouched();
      expect(JSON.stringify(job.log)).not.toContain(db.connection.password);
    } finally {
      await release(lock);
    }
    expect(app.log.lines.join("\n")).not.toContain(db.connection.password);
    expect(JSON.stringify(app.events)).not.toContain(db.connection.password);
  });

  it("cancels a running backup and removes its partial file", async () => {
    const { app, db, folder } = env;
    const lock = await holdLock(db);
    try {
      const { jobId } = await startBackup(env);
      await until(async () => (await pgDumpPids(folder)).length > 0, "pg_dump to start");
      await app.call("backup:cancel", { jobId });
      const job = await finished(app, jobId);
      expect(job.state).toBe("cancelled");
      expect(job.error?.code).toBe("CANCELLED");
      await expectUntouched();
      expect(await pgDumpPids(folder)).toEqual([]);
    } finally {
      await release(lock);
    }
  });

  it("gives backups started together their own files, and cleans up one cancelled while queued", async () => {
    const { app, db, folder } = env;
    const lock = await holdLock(db);
    try {
      const started = [];
      for (let i = 0; i < 3; i++)
        started.push(
          await startBackup(env, {
            format: i === 2 ? "directory" : "custom",
          }),
        );
      const jobs = await app.call("backup:jobs", {});
      const mine = started.map((s) => jobs.find((j) => j.id === s.jobId)!);
      expect(new Set(mine.map((j) => j.file)).size).toBe(3);
      expect(mine[2]!.state).toBe("queued");
      expect(await listFolder(folder)).toContain(`${mine[2]!.file}.partial`);
      await app.call("backup:cancel", { jobId: mine[2]!.id });
      expect((await finished(app, mine[2]!.id)).state).toBe("cancelled");
      expect(await listFolder(folder)).not.toContain(`${mine[2]!.file}.partial`);
      for (const j of mine.slice(0, 2)) await app.call("backup:cancel", { jobId: j.id });
      for (const j of mine.slice(0, 2)) expect((await finished(app, j.id)).state).toBe("cancelled");
      await expectUntouched();
    } finally {
      await release(lock);
    }
  });

  it("fails verification of an archive with one flipped byte", async () => {
    const { app, folder } = env;
    const [entry] = await app.call("backup:list", { folder });
    expect(await app.call("backup:verify", { folder, file: entry!.file })).toEqual({
      ok: true,
      problems: [],
    });
    const path = join(folder, entry!.file);
    const fh = await open(path, "r+");
    try {
      const at = Math.floor(entry!.size / 2);
      const byte = Buffer.alloc(1);
      await fh.read(byte, 0, 1, at);
      byte[0] = byte[0]! ^ 0x01;
      await fh.write(byte, 0, 1, at);
    } finally {
      await fh.close();
    }
    const result = await app.call("backup:verify", { folder, file: entry!.file });
    expect(result.ok).toBe(false);
    expect(result.problems.join(" ")).toMatch(/SHA-256 differs/);
    // the manifest records the last check (the listing follows it) and changes nothing else
    const after = await readText(join(folder, "backups.json"));
    type Entry = { file: string; verification: { lastCheck?: unknown } };
    const manifest = JSON.parse(after!) as { backups: Entry[] };
    const checked = manifest.backups.find((b) => b.file === entry!.file)!;
    expect(checked.verification.lastCheck).toEqual({
      at: expect.any(String),
      ok: false,
      problems: result.problems,
    });
    for (const b of manifest.backups) delete b.verification.lastCheck;
    expect(manifest).toEqual(JSON.parse(manifestBefore!));
    manifestBefore = after; // the baseline the later tests must leave untouched
  });

  it("refuses to write next to a damaged manifest, and leaves it as it is", async () => {
    const { app, db, profileId } = env;
    const other = await tempFolder();
    try {
      await writeFile(join(other, "backups.json"), "{ not json");
      const result = await app.raw("backup:start", { profileId, database: db.name, folder: other });
      expect(result).toMatchObject({
        ok: false,
        error: { code: "CONFLICT", message: expect.stringMatching(/backups\.json cannot be read/) },
      });
      expect(await listFolder(other)).toEqual(["backups.json"]);
      expect(await readText(join(other, "backups.json"))).toBe("{ not json");
    } finally {
      await removeFolder(other);
    }
  });

  it("refuses a database that does not exist before writing anything", async () => {
    const { app, profileId, folder } = env;
    const result = await app.raw("backup:start", { profileId, database: "no_such_database", folder });
    expect(result).toMatchObject({ ok: false, error: { sqlState: "3D000" } });
    await expectUntouched();
  });
});
