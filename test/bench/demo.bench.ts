// Seeding the demo database through the audited, soft-deleting Prisma client, against
// loading the same rows from a plain pg_dump with psql (what a prebuilt demo dump would cost).
// --scale=1 demo (default), 2 dev, 3 staging, 4 large.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDatabase } from "../../prisma/seed/run";
import { SEED_SIZE_NAMES } from "../../prisma/seed/sizes";
import { prismaDir } from "../../src/main/features/demo/prisma-dir";
import { applyMigrations, readMigrations } from "../../src/main/features/demo/prisma-migrations";
import { alternate, benchDatabase, benchServer, median, psql, report, scaleArg } from "./support";

const size = SEED_SIZE_NAMES[Math.min(SEED_SIZE_NAMES.length, Math.max(1, scaleArg(1))) - 1]!;
const RUNS = 5;

const server = await benchServer();
const work = await mkdtemp(join(tmpdir(), "pgdesk-bench-demo-"));
try {
  const pool = await benchDatabase(server, "bench_demo");
  const client = await pool.connect();
  await applyMigrations(client, await readMigrations(join(prismaDir(), "migrations")));
  client.release();
  await pool.end();
  const connection = {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: "bench_demo",
  };

  const first = await seedDatabase({ connection, size });
  console.log(`seeded ${size} once in ${(first.durationMs / 1000).toFixed(1)} s`);
  const dump = join(work, "demo.sql");
  const r = spawnSync("pg_dump", ["--no-owner", "--no-privileges", "-f", dump, "bench_demo"], {
    env: server.env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr}`);

  const m = await alternate(
    RUNS,
    () => seedDatabase({ connection, size }),
    async () => {
      await (await benchDatabase(server, "bench_demo_restore")).end();
      psql(server, "bench_demo_restore", ["-f", dump]);
    },
  );
  report(`demo/seed-${size}`, median(m.app), median(m.baseline), "ms", "<= 20", RUNS);
} finally {
  await rm(work, { recursive: true, force: true });
  await server.stop();
}
