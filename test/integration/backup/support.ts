import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type pg from "pg";
import type { Job } from "../../../src/shared/contract/backup";
import type { InputOf } from "../../../src/shared/contract";
import type { TestApp } from "../../harness/app";
import type { AppOnDatabase } from "../../harness/app-on-database";
import type { FreshDatabase } from "../../harness/database";

export const run = promisify(execFile);

/** Saves a profile for the test database's server (its own database as default). */
export async function saveProfile(app: TestApp, db: FreshDatabase): Promise<string> {
  const saved = await app.call("profiles:save", {
    draft: { name: `pg${db.server.major}`, ...db.connection },
  });
  return saved.id;
}

type BackupInput = InputOf<"backup:start">;
type RestoreInput = InputOf<"backup:restore">;

/** Starts a backup of the test database into the test folder, as the Backups page does (custom format unless told). */
export function startBackup(
  env: AppOnDatabase,
  input: Partial<BackupInput> = {},
): Promise<{ jobId: string }> {
  return env.app.call("backup:start", {
    format: "custom",
    ...input,
    profileId: input.profileId ?? env.profileId,
    database: input.database ?? env.db.name,
    folder: input.folder ?? env.folder,
  });
}

/** Starts a restore of a file in the test folder through the test profile. */
export function startRestore(
  env: AppOnDatabase,
  input: Omit<RestoreInput, "profileId" | "folder">,
): Promise<{ jobId: string }> {
  return env.app.call("backup:restore", {
    profileId: env.profileId,
    folder: env.folder,
    ...input,
  } as RestoreInput);
}

/** Restores `file` into a new database and waits for the job to end. */
export async function restoreIntoNew(env: AppOnDatabase, file: string, database: string): Promise<Job> {
  const { jobId } = await startRestore(env, { file, target: "new", database });
  return finished(env.app, jobId);
}

/** Restores `file` over an existing database (its name typed as confirmation) and waits for the job to end. */
export async function restoreOver(env: AppOnDatabase, file: string, database: string): Promise<Job> {
  const { jobId } = await startRestore(env, { file, target: "existing", database, confirm: database });
  return finished(env.app, jobId);
}

export async function tempFolder(prefix = "pgdesk-bk-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

export async function removeFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/** Waits for the job's final backup:didProgress event. */
export function finished(app: TestApp, jobId: string, timeoutMs = 50_000): Promise<Job> {
  return app.waitForEvent("backup:didProgress", (j) => j.id === jobId && FINISHED.has(j.state), timeoutMs);
}

/** A small database with the common object kinds and some rows. */
export async function seed(pool: pg.Pool, rows = 2000): Promise<void> {
  await pool.query(`
    CREATE TYPE mood AS ENUM ('happy', 'sad');
    CREATE SCHEMA shop;
    CREATE TABLE shop.customer (id serial PRIMARY KEY, name text NOT NULL, mood mood, note text);
    CREATE TABLE shop."order" (id bigserial PRIMARY KEY, customer_id int REFERENCES shop.customer(id), total numeric(10,2), created_at timestamptz DEFAULT now());
    CREATE INDEX order_customer_idx ON shop."order"(customer_id);
    CREATE TABLE public."Mixed Case" (k text PRIMARY KEY, v jsonb);
    CREATE VIEW shop.big_orders AS SELECT * FROM shop."order" WHERE total > 50;
    CREATE MATERIALIZED VIEW shop.order_totals AS SELECT customer_id, sum(total) AS s FROM shop."order" GROUP BY 1;
    CREATE FUNCTION shop.touch(i int) RETURNS int LANGUAGE sql AS $$ SELECT i + 1 $$;
    CREATE SEQUENCE shop.ticket_seq START 100;
    COMMENT ON TABLE shop.customer IS 'customers; with a backslash \\ and a quote ''';
    INSERT INTO shop.customer (name, mood, note)
      SELECT 'c' || g, (ARRAY['happy','sad'])[1 + g % 2]::mood, CASE WHEN g % 7 = 0 THEN NULL ELSE E'line\\\\with\\ttab' END
      FROM generate_series(1, ${Number(rows)}) g;
    INSERT INTO shop."order" (customer_id, total) SELECT 1 + g % ${Number(rows)}, (g % 100)::numeric FROM generate_series(1, ${Number(rows) * 2}) g;
    INSERT INTO public."Mixed Case" VALUES ('a', '{"x": 1}'), ('b\\c', '[]');
    REFRESH MATERIALIZED VIEW shop.order_totals;
  `);
}

export async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ t: string; n: string }>(`
    SELECT format('%I.%I', n.nspname, c.relname) AS t,
           (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text AS n
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY 1`);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** pg_dump --schema-only of a database, without the lines that differ between any two dumps. */
export async function schemaDump(db: FreshDatabase, database: string): Promise<string> {
  const env = {
    ...process.env,
    PGHOST: db.server.host,
    PGPORT: String(db.server.port),
    PGUSER: db.server.user,
    PGPASSWORD: db.server.password,
    PGDATABASE: database,
  };
  const { stdout } = await run("/usr/lib/postgresql/15/bin/pg_dump", ["--schema-only"], {
    env,
    maxBuffer: 64 << 20,
  });
  return stdout
    .split("\n")
    .filter((l) => !/^\\(restrict|unrestrict) /.test(l) && !/^-- Dumped (from|by) /.test(l))
    .join("\n");
}

export async function listFolder(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

export async function readText(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch(() => undefined);
}

/** pids of pg_dump processes whose argv mentions `needle` (our own children). */
export async function pgDumpPids(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const cmd = await readFile(`/proc/${name}/cmdline`, "utf8").catch(() => "");
    if (cmd.split("\u0000")[0]?.endsWith("pg_dump") && cmd.includes(needle)) pids.push(Number(name));
  }
  return pids;
}
