// bench backup: pgdesk's backup (custom format, default compression, through the registry) vs bare
// `pg_dump -Fc` of the same database, alternately in the same run; verification (pg_restore --list,
// full read, SHA-256) is reported on its own line. Default 2,000,000 rows (~300 MB on disk) (--scale=N).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Job } from "../../src/shared/contract/backup";
import { createTestApp } from "../harness/app";
import { benchDatabase, benchServer, median, report, scaleArg } from "./support";

const run = promisify(execFile);
const rows = scaleArg(2_000_000);
const runs = 5;
const server = await benchServer();
const pool = await benchDatabase(server, "bench_backup");
const app = await createTestApp();
const folder = await mkdtemp(join(tmpdir(), "pgdesk-bench-backup-"));
try {
  console.log(`building a database with ${rows} order rows…`);
  await pool.query(`
    CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL, created_at timestamptz NOT NULL);
    CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customer(id), total numeric(12,2), status text, note text, created_at timestamptz);
    CREATE INDEX ON orders (customer_id);`);
  await pool.query(
    `INSERT INTO customer SELECT g, 'name ' || g, 'c' || g || '@example.com', now() - g * interval '1 minute' FROM generate_series(1, $1) g`,
    [Math.max(1, Math.floor(rows / 20))],
  );
  await pool.query(
    `INSERT INTO orders SELECT g, 1 + g % $2, (g % 10000) / 100.0, (ARRAY['new','paid','shipped'])[1 + g % 3], md5(g::text) || ' ' || md5((g * 3)::text), now() - g * interval '1 second'
     FROM generate_series(1, $1) g`,
    [rows, Math.max(1, Math.floor(rows / 20))],
  );
  await pool.query("VACUUM ANALYZE");

  const { id: profileId } = await app.call("profiles:save", {
    draft: {
      name: "bench",
      host: server.host,
      port: server.port,
      database: "bench_backup",
      user: server.user,
      password: server.password,
    },
  });
  const pgDump = (await app.call("backup:tools", { profileId })).chosen.pg_dump!.path;

  /** One pgdesk backup: ms until verification starts (the dump), and ms of verification. */
  const pgdesk = async (): Promise<{ dump: number; verify: number }> => {
    const t0 = performance.now();
    const { jobId } = await app.call("backup:start", {
      profileId,
      database: "bench_backup",
      folder,
      format: "custom",
    });
    const verifying = app.waitForEvent(
      "backup:didProgress",
      (j) => j.id === jobId && j.state !== "running" && j.state !== "queued",
      600_000,
    );
    const done = app.waitForEvent(
      "backup:didProgress",
      (j) => j.id === jobId && ["succeeded", "failed", "cancelled"].includes(j.state),
      600_000,
    );
    const first: Job = await verifying;
    const t1 = performance.now();
    const last = await done;
    const t2 = performance.now();
    if (last.state !== "succeeded") throw new Error(`backup ${last.state}: ${last.error?.message}`);
    if (first.state !== "verifying") throw new Error(`expected a verifying phase, got ${first.state}`);
    await rm(join(folder, last.file), { force: true });
    return { dump: t1 - t0, verify: t2 - t1 };
  };
  const bare = async (): Promise<number> => {
    const file = join(folder, "bare.dump");
    const t0 = performance.now();
    await run(pgDump, ["-Fc", "-f", file, "bench_backup"], { env: server.env });
    const t = performance.now() - t0;
    await rm(file, { force: true });
    return t;
  };

  await pgdesk();
  await bare();
  const app_: number[] = [];
  const verify: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await pgdesk();
    app_.push(m.dump);
    verify.push(m.verify);
    base.push(await bare());
  }
  report(`backup/custom-${rows}`, median(app_), median(base), "ms", "<= 1.05", runs);
  report(
    `backup/verify-custom-${rows}`,
    median(verify),
    median(base),
    "ms",
    "<= 1.0 (vs the dump itself)",
    runs,
  );
} finally {
  await app.close();
  await rm(folder, { recursive: true, force: true });
  await pool.end();
  await server.stop();
}
