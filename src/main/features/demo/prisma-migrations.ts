import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type pg from "pg";
import {
  appliedMigrations,
  createMigrationsTable,
  failMigration,
  finishMigration,
  startMigration,
} from "./prisma-migrations.sql";

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of the file's bytes, as Prisma records it. */
  checksum: string;
}

export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(migrationsDir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: createHash("sha256").update(bytes).digest("hex"),
      };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations the way `prisma migrate deploy` does: a `_prisma_migrations`
 * row is written before the script runs and finished after it; a failed script leaves its
 * row unfinished with the error in `logs` (Prisma's P3009 state). Unlike Prisma the script
 * runs in a transaction, so a failure leaves no half-made schema behind.
 */
export async function applyMigrations(client: pg.ClientBase, migrations: MigrationFile[]): Promise<string[]> {
  await client.query(createMigrationsTable);
  const applied = (await client.query<AppliedRow>(appliedMigrations)).rows.filter((r) => !r.rolled_back_at);
  const failed = applied.find((r) => !r.finished_at);
  if (failed)
    throw new Error(`Migration ${failed.migration_name} failed earlier; resolve it before applying more`);
  const done: string[] = [];
  for (const m of migrations) {
    const row = applied.find((r) => r.migration_name === m.name);
    if (row) {
      if (row.checksum !== m.checksum)
        throw new Error(`Migration ${m.name} was modified after it was applied`);
      continue;
    }
    const id = randomUUID();
    await client.query(startMigration, [id, m.checksum, m.name]);
    try {
      await client.query("BEGIN");
      await client.query(m.sql);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK");
      await client.query(failMigration, [id, err instanceof Error ? err.message : String(err)]);
      throw err;
    }
    await client.query(finishMigration, [id]);
    done.push(m.name);
  }
  return done;
}
