import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useAppOnDatabase } from "../../harness/app-on-database";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

// The table exactly as Prisma's migrate engine creates it.
const prismaTable = `
  CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;

describe("Prisma migration history and sizes", () => {
  const env = useAppOnDatabase(15, { prefix: "mig", profile: { name: "m" } });
  let folder: string;
  const init = 'CREATE TABLE "User" (id serial PRIMARY KEY);\n';
  const posts = 'CREATE TABLE "Post" (id serial PRIMARY KEY, body text);\n';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "pgdesk-mig-"));
    for (const [name, body] of [
      ["20240101000000_init", init],
      ["20240201000000_posts", posts + "-- edited after apply\n"],
      ["20240301000000_new", "SELECT 1;\n"],
    ] as const) {
      await mkdir(join(folder, name));
      await writeFile(join(folder, name, "migration.sql"), body);
    }
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("says so when the database has no _prisma_migrations", async () => {
    const { app, profileId } = env;
    expect(await app.call("migrations:history", { profileId })).toEqual({ present: false, migrations: [] });
  });

  it("lists applied, failed and rolled-back migrations with durations and logs", async () => {
    const { app, db, profileId } = env;
    await db.pool.query(prismaTable);
    await db.pool.query(
      `INSERT INTO "_prisma_migrations" VALUES
        ('a', $1, '2024-01-01 10:00:01.5+00', '20240101000000_init', NULL, NULL, '2024-01-01 10:00:00+00', 1),
        ('b', $2, NULL, '20240201000000_posts', 'Database error: relation "Post" already exists', '2024-02-02 00:00:00+00', '2024-02-01 00:00:00+00', 0),
        ('c', $2, '2024-02-03 00:00:00.25+00', '20240201000000_posts', NULL, NULL, '2024-02-03 00:00:00+00', 1),
        ('d', $3, NULL, '20231201000000_gone', 'syntax error', NULL, '2023-12-01 00:00:00+00', 0)`,
      [sha(init), sha(posts), sha("x")],
    );
    const h = await app.call("migrations:history", { profileId });
    expect(h.present).toBe(true);
    expect(h.schema).toBe("public");
    expect(h.migrations.map((m) => [m.name, m.status, m.durationMs])).toEqual([
      ["20231201000000_gone", "failed", null],
      ["20240101000000_init", "applied", 1500],
      ["20240201000000_posts", "rolledBack", null],
      ["20240201000000_posts", "applied", 250],
    ]);
    expect(h.migrations[0]!.logs).toBe("syntax error");
    expect(h.migrations[1]).toMatchObject({
      checksum: sha(init),
      startedAt: "2024-01-01T10:00:00.000Z",
      finishedAt: "2024-01-01T10:00:01.500Z",
      appliedSteps: 1,
    });
  });

  it("marks a migration whose folder checksum differs from the recorded one", async () => {
    const { app, profileId } = env;
    const c = await app.call("migrations:compareFolder", { profileId, folder });
    expect(c.entries.map((e) => [e.name, e.state])).toEqual([
      ["20231201000000_gone", "onlyInDatabase"],
      ["20240101000000_init", "match"],
      ["20240201000000_posts", "mismatch"],
      ["20240301000000_new", "onlyInFolder"],
    ]);
    expect(c.entries[1]!.fileChecksum).toBe(sha(init));
    const missing = await app.raw("migrations:compareFolder", { profileId, folder: join(folder, "nope") });
    expect(missing).toMatchObject({ ok: false, error: { code: "NOT_FOUND", field: "folder" } });
  });

  it("reports database and per-table sizes with TOAST and row estimates", async () => {
    const { app, db, profileId } = env;
    await db.pool.query(`CREATE TABLE big (id int PRIMARY KEY, doc text);
      INSERT INTO big SELECT g, repeat(md5(g::text), 400) FROM generate_series(1, 300) g; ANALYZE big;`);
    const s = await app.call("migrations:sizes", { profileId });
    expect(s.database).toBe(db.name);
    expect(s.databaseBytes).toBeGreaterThan(1_000_000);
    const big = s.tables[0]!;
    expect(big).toMatchObject({ schema: "public", name: "big", rowEstimate: 300 });
    expect(big.indexBytes).toBeGreaterThan(0);
    expect(big.toastBytes).toBeGreaterThan(0);
    expect(big.totalBytes).toBeGreaterThanOrEqual(big.tableBytes + big.indexBytes + big.toastBytes);
  });
});
