import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../../harness/until";
import { finished, restoreOver, rowCounts, seed, startBackup, startRestore } from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe("restoring backups (PostgreSQL 15)", () => {
  const env = useAppOnDatabase(15, {
    prefix: "bk_rs",
    seed: (db) => seed(db.pool, 500),
    folder: "pgdesk-bk-",
  });
  let admin: pg.Client;
  let custom: string;
  const created: string[] = [];

  const exists = async (name: string) =>
    (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;

  beforeAll(async () => {
    const { app, db } = env;
    admin = new pg.Client({ ...db.connection, database: "postgres" });
    await admin.connect();
    const { jobId } = await startBackup(env);
    custom = (await finished(app, jobId)).file;
  });
  afterAll(async () => {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("refuses a plain file that would run psql meta-commands, before creating anything", async () => {
    const { app, db, profileId, folder } = env;
    const pwned = join(tmpdir(), `pgdesk-pwned-${Date.now()}`);
    await writeFile(
      join(folder, "evil.sql"),
      `SET standard_conforming_strings = on;\nCREATE TABLE t (a int);\n\\! touch ${pwned}\n`,
    );
    const target = `${db.name}_evil`;
    const result = await app.raw("backup:restore", {
      profileId,
      folder,
      file: "evil.sql",
      target: "new",
      database: target,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "UNSUPPORTED", message: expect.stringMatching(/line 3: a psql meta-command/) },
    });
    expect(await exists(target)).toBe(false);
    expect(existsSync(pwned)).toBe(false);
  });

  it("restores a plain file that is not in the manifest, and drops the new database when it fails", async () => {
    const { app, db, folder } = env;
    await writeFile(
      join(folder, "ok.sql"),
      "SET standard_conforming_strings = on;\nCREATE TABLE t (a text);\nCOPY public.t (a) FROM stdin;\nx\\\\y\n\\N\n\\.\n",
    );
    const good = `${db.name}_plain`;
    created.push(good);
    const r = await startRestore(env, {
      file: "ok.sql",
      target: "new",
      database: good,
    });
    const job = await finished(app, r.jobId);
    expect(job.error).toBeUndefined();
    expect(job.progress).toMatchObject({ tablesDone: 1, tablesTotal: 1 });
    const c = new pg.Client({ ...db.connection, database: good });
    await c.connect();
    expect((await c.query("SELECT a FROM t ORDER BY a NULLS LAST")).rows).toEqual([
      { a: "x\\y" },
      { a: null },
    ]);
    await c.end();

    await writeFile(
      join(folder, "bad.sql"),
      "SET standard_conforming_strings = on;\nCREATE TABLE t (a int);\nSELECT no_such_function();\n",
    );
    const bad = `${db.name}_bad`;
    const b = await startRestore(env, {
      file: "bad.sql",
      target: "new",
      database: bad,
    });
    const failed = await finished(app, b.jobId);
    expect(failed.state).toBe("failed");
    expect(failed.error?.message).toMatch(
      /psql exited with code 3: .*function no_such_function\(\) does not exist/,
    );
    expect(await exists(bad)).toBe(false);
  });

  it("will not restore over a database that exists unless asked, and then only with its name typed", async () => {
    const { app, db, profileId, folder } = env;
    const conflict = await app.raw("backup:restore", {
      profileId,
      folder,
      file: custom,
      target: "new",
      database: db.name,
    });
    expect(conflict).toMatchObject({ ok: false, error: { code: "CONFLICT", field: "database" } });
    const target = `${db.name}_existing`;
    created.push(target);
    await admin.query(`CREATE DATABASE "${target}"`);
    const unconfirmed = await app.raw("backup:restore", {
      profileId,
      folder,
      file: custom,
      target: "existing",
      database: target,
      confirm: "yes",
    });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "confirm" } });

    expect((await restoreOver(env, custom, target)).state).toBe("succeeded");
    const again = await startRestore(env, {
      file: custom,
      target: "existing",
      database: target,
      confirm: target,
      clean: true,
      ifExists: true,
      singleTransaction: true,
    });
    const job = await finished(app, again.jobId);
    expect(job.error).toBeUndefined();
    const copy = new pg.Pool({ ...db.connection, database: target });
    expect(await rowCounts(copy)).toEqual(await rowCounts(db.pool));
    await copy.end();
  });

  it("refuses file names that leave the folder", async () => {
    const { app, profileId, folder } = env;
    const result = await app.raw("backup:restore", {
      profileId,
      folder,
      file: "../etc",
      target: "new",
      database: "x_traversal",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "file" } });
  });

  it("cancels a restore that is waiting on a lock", async () => {
    const { app, db } = env;
    const target = `${db.name}_cancel`;
    created.push(target);
    await admin.query(`CREATE DATABASE "${target}"`);
    expect((await restoreOver(env, custom, target)).state).toBe("succeeded");
    const locker = new pg.Client({ ...db.connection, database: target });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE shop.customer IN ACCESS EXCLUSIVE MODE");
    try {
      const r = await startRestore(env, {
        file: custom,
        target: "existing",
        database: target,
        confirm: target,
        clean: true,
        ifExists: true,
      });
      await until(async () => {
        const { rows } = await admin.query(
          "SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
          [target],
        );
        return rows.length;
      }, "pg_restore to wait on the lock");
      await app.call("backup:cancel", { jobId: r.jobId });
      const job = await finished(app, r.jobId);
      expect(job.state).toBe("cancelled");
      expect(await exists(target)).toBe(true);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
  });
});
