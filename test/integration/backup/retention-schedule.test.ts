import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../harness/app";
import { finished, saveProfile, startBackup } from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("retention and scheduled backups (PostgreSQL 15)", () => {
  const env = useAppOnDatabase(15, {
    prefix: "bk_ret",
    seed: "CREATE TABLE t AS SELECT generate_series(1, 100) AS id",
    folder: "pgdesk-bk-",
  });

  const backup = async () => {
    const { app } = env;
    const { jobId } = await startBackup(env);
    const job = await finished(app, jobId);
    expect(job.state).toBe("succeeded");
    return job.file;
  };

  it("previews what keep-last would delete, and deletes only what was previewed", async () => {
    const { app, folder } = env;
    const files = [await backup(), await backup(), await backup()];
    const preview = await app.call("backup:retentionPreview", { folder, policy: { keepLast: 1 } });
    expect(preview.remove.map((r) => r.file).sort()).toEqual(files.slice(0, 2).sort());
    expect(preview.keep).toEqual([files[2]]);
    for (const f of files) expect(existsSync(join(folder, f))).toBe(true);

    const newer = await backup();
    const { removed } = await app.call("backup:retentionApply", {
      folder,
      policy: { keepLast: 1 },
      files: preview.remove.map((r) => r.file),
    });
    expect(removed.sort()).toEqual(files.slice(0, 2).sort());
    expect(existsSync(join(folder, files[0]!))).toBe(false);
    expect(existsSync(join(folder, files[2]!))).toBe(true);
    expect((await app.call("backup:list", { folder })).map((b) => b.file).sort()).toEqual(
      [files[2], newer].sort(),
    );
  });

  it("catches up a daily backup missed while the app was closed, once", async () => {
    const { db, folder } = env;
    const other = await createTestApp();
    try {
      const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const id = await saveProfile(other, db);
      await writeFile(
        join(other.dataDir, "backup-schedules.json"),
        JSON.stringify({
          version: 1,
          schedules: [
            {
              id: "s1",
              profileId: id,
              database: db.name,
              folder,
              format: "custom",
              scope: "schema",
              time: "00:00",
              createdAt: twoDaysAgo,
              retention: { keepLast: 10 },
            },
          ],
        }),
      );
      const before = (await other.call("backup:list", { folder })).length;
      await other.call("backup:jobs", {}); // the first call into the area starts the scheduler
      const ran = await other.waitForEvent("backup:didRunSchedule", (s) => s.id === "s1", 50_000);
      expect(ran.lastResult?.state).toBe("succeeded");
      expect(Date.parse(ran.lastRunAt!)).toBeGreaterThan(Date.parse(twoDaysAgo));
      const after = await other.call("backup:list", { folder });
      expect(after).toHaveLength(before + 1);
      expect(after[0]!.options.scope).toBe("schema");
      const [schedule] = await other.call("backup:schedules", {});
      expect(schedule!.lastResult?.state).toBe("succeeded");
      expect((await other.call("backup:jobs", {})).filter((j) => j.kind === "backup")).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("saves a schedule only for a writable folder and a known profile", async () => {
    const { app, db, profileId, folder } = env;
    const bad = await app.raw("backup:saveSchedule", {
      profileId,
      database: db.name,
      folder: join(folder, "nope"),
      format: "custom",
      scope: "full",
      time: "03:00",
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    const badTime = await app.raw("backup:saveSchedule", {
      profileId,
      database: db.name,
      folder,
      format: "custom",
      scope: "full",
      time: "25:00",
    });
    expect(badTime).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    const saved = await app.call("backup:saveSchedule", {
      profileId,
      database: db.name,
      folder,
      format: "custom",
      scope: "full",
      time: "03:00",
      weekday: 0,
    });
    expect(await app.call("backup:schedules", {})).toEqual([saved]);
    await app.call("backup:deleteSchedule", { id: saved.id });
    expect(await app.call("backup:schedules", {})).toEqual([]);
  });
});
