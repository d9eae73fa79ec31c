import { existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { finished, listFolder, restoreIntoNew, rowCounts, schemaDump, seed, startBackup } from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("a backup restored into a new database is the same database (PostgreSQL 15)", () => {
  const env = useAppOnDatabase(15, { prefix: "bk_rt", seed: (db) => seed(db.pool), folder: "pgdesk-bk-" });
  const restored: string[] = [];

  afterAll(async () => {
    const admin = new pg.Client({ ...env.db.connection, database: "postgres" });
    await admin.connect();
    for (const name of restored) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("finds pg_dump 15 for the 15.x server", async () => {
    const { app, profileId } = env;
    const tools = await app.call("backup:tools", { profileId });
    expect(tools.serverMajor).toBe(15);
    expect(tools.chosen.pg_dump?.major).toBeGreaterThanOrEqual(15);
    expect(tools.chosen.pg_restore?.major).toBeGreaterThanOrEqual(15);
    expect(tools.problem).toBeUndefined();
  });

  it.each([
    ["custom", {}],
    ["directory", { jobs: 2 }],
    ["plain", {}],
    ["tar", {}],
  ] as const)("round-trips the %s format", async (format, extra) => {
    const { app, db, folder } = env;
    const { jobId } = await startBackup(env, {
      format,
      ...extra,
    });
    const job = await finished(app, jobId);
    expect(job.error).toBeUndefined();
    expect(job.state).toBe("succeeded");
    expect(job.progress.tablesTotal).toBe(3);
    expect(job.progress.tablesDone).toBe(3);
    expect(job.progress.bytes).toBeGreaterThan(0);
    expect(job.log.some((l) => l.includes('dumping contents of table "shop.customer"'))).toBe(true);
    expect((await listFolder(folder)).some((f) => f.endsWith(".partial"))).toBe(false);
    expect(existsSync(join(folder, job.file))).toBe(true);

    const listed = (await app.call("backup:list", { folder })).find((b) => b.file === job.file);
    expect(listed).toMatchObject({
      format,
      database: db.name,
      present: true,
      pgDumpVersion: expect.stringMatching(/^15\./),
    });
    expect(listed?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(listed?.verification.fullRead).toBe(true);
    expect(await app.call("backup:verify", { folder, file: job.file })).toEqual({ ok: true, problems: [] });

    const target = `${db.name}_${format}`;
    restored.push(target);
    const rjob = await restoreIntoNew(env, job.file, target);
    expect(rjob.error).toBeUndefined();
    expect(rjob.state).toBe("succeeded");

    const copy = new pg.Pool({ ...db.connection, database: target });
    try {
      expect(await rowCounts(copy)).toEqual(await rowCounts(db.pool));
      expect(await rowCounts(copy)).toMatchObject({ "shop.customer": 2000, 'shop."order"': 4000 });
    } finally {
      await copy.end();
    }
    expect(await schemaDump(db, target)).toBe(await schemaDump(db, db.name));
  });

  it("passes a test restore into a scratch database, which is dropped afterwards", async () => {
    const { app, db, folder } = env;
    const { jobId } = await startBackup(env, {
      testRestore: true,
    });
    const job = await finished(app, jobId);
    expect(job.error).toBeUndefined();
    const entry = (await app.call("backup:list", { folder })).find((b) => b.file === job.file);
    expect(entry?.verification.testRestore).toEqual({ tables: 3, mismatches: [] });
    const { rows } = await db.pool.query(
      "SELECT datname FROM pg_database WHERE datname LIKE 'pgdesk_verify_%'",
    );
    expect(rows).toEqual([]);
  });

  it("previews the command with the password hidden and the database outside argv", async () => {
    const { app, db, profileId, folder } = env;
    const preview = await app.call("backup:preview", {
      profileId,
      database: db.name,
      folder,
      format: "directory",
      jobs: 2,
      compression: 6,
      excludeTables: [{ schema: "shop", name: "order" }],
    });
    expect(preview.command).toMatch(
      /pg_dump --password --format=d --file=.*\.partial --verbose --compress=6 --jobs=2 '--exclude-table="shop"."order"'/,
    );
    expect(preview.command).not.toContain("--dbname");
    expect(preview.command.endsWith(`'--exclude-table="shop"."order"'`)).toBe(true);
    expect(JSON.stringify(preview)).not.toContain(db.connection.password);
    expect(preview.env).toMatchObject({
      PGDATABASE: db.name,
      PGUSER: db.connection.user,
      PGPASSFILE: "/dev/null",
    });
  });

  it("backs up only what was picked", async () => {
    const { app, folder } = env;
    const partial = await startBackup(env, {
      excludeTables: [{ schema: "shop", name: "order" }],
    });
    expect((await finished(app, partial.jobId)).progress).toMatchObject({ tablesTotal: 2, tablesDone: 2 });

    const { jobId } = await startBackup(env, {
      includeSchemas: ["public"],
    });
    const job = await finished(app, jobId);
    expect(job.error).toBeUndefined();
    expect(job.progress).toMatchObject({ tablesTotal: 1, tablesDone: 1 });
    const entry = (await app.call("backup:list", { folder })).find((b) => b.file === job.file);
    expect(entry?.options.includeSchemas).toEqual(["public"]);
  });
});
