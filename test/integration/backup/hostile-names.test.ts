import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, listFolder, restoreIntoNew } from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

/**
 * Database names that a tool would misread as options or connection strings (the pgAdmin
 * CVE class). Each must be backed up and restored as a name: no stray file, no other
 * database, no other host.
 */
describe("hostile database names are only ever names (PostgreSQL 15)", () => {
  const tag = randomBytes(3).toString("hex");
  const stray = join(tmpdir(), `pgdesk-stray-${tag}`);
  const env = useAppOnDatabase(15, { prefix: "bk_names", folder: "pgdesk-bk-" });
  let admin: pg.Client;
  const victim = `victim_${tag}`;
  const names = [
    `--file=${stray}`,
    `host=elsewhere.invalid dbname=${victim}`,
    `postgresql://elsewhere.invalid/${victim}`,
    `dbname=${victim} options='-c x=1' q'"\\ ${tag}`,
  ];
  const created: string[] = [];

  const markedDatabase = async (name: string) => {
    const { db } = env;
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    created.push(name);
    const c = new pg.Client({ ...db.connection, database: name });
    await c.connect();
    await c.query("CREATE TABLE marker (name text)");
    await c.query("INSERT INTO marker VALUES ($1)", [name]);
    await c.end();
  };

  const marker = async (database: string) => {
    const { db } = env;
    const c = new pg.Client({ ...db.connection, database });
    await c.connect();
    try {
      return (await c.query<{ name: string }>("SELECT name FROM marker")).rows.map((r) => r.name);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    admin = new pg.Client({ ...env.db.connection, database: "postgres" });
    await admin.connect();
    await markedDatabase(victim);
    for (const name of names) await markedDatabase(name);
  });
  afterAll(async () => {
    for (const name of created)
      await admin.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
    await admin.end();
  });

  it.each(names.map((n, i) => [n, i % 2 === 0 ? "custom" : "directory"] as const))(
    "backs up and restores %j as a name (%s format)",
    async (name, format) => {
      const { app, profileId, folder } = env;
      const { jobId } = await app.call("backup:start", {
        profileId,
        database: name,
        folder,
        format,
        ...(format === "directory" ? { jobs: 2 } : {}),
      });
      const job = await finished(app, jobId);
      expect(job.error).toBeUndefined();
      expect(job.state).toBe("succeeded");
      expect(existsSync(stray)).toBe(false);
      expect(job.file.startsWith("-")).toBe(false);
      expect(await listFolder(folder)).toContain(job.file);

      const target = `restored ${name}`;
      created.push(target);
      const rjob = await restoreIntoNew(env, job.file, target);
      expect(rjob.error).toBeUndefined();
      expect(await marker(target)).toEqual([name]);
      expect(await marker(victim)).toEqual([victim]);
      expect(existsSync(stray)).toBe(false);
    },
  );
});
