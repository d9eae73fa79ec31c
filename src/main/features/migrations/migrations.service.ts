import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type pg from "pg";
import { AppError } from "../../../shared/contract/errors";
import type {
  DatabaseSizes,
  FolderComparison,
  MigrationEntry,
  MigrationHistory,
} from "../../../shared/contract/migrations";
import { quoteIdent } from "../../db/sql";
import { databaseSize, findMigrationsTable, tableSizes } from "./migrations.sql";

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

/** Prisma's own reading: rolled back wins, then unfinished = failed, else applied. */
function statusOf(r: MigrationRow): MigrationEntry["status"] {
  if (r.rolled_back_at) return "rolledBack";
  if (!r.finished_at) return "failed";
  return "applied";
}

export async function migrationHistory(pool: pg.Pool): Promise<MigrationHistory> {
  const found = await pool.query<{ schema: string }>(findMigrationsTable);
  const schema = found.rows[0]?.schema;
  if (!schema) return { present: false, migrations: [] };
  const rows = await pool.query<MigrationRow>(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
     FROM ${quoteIdent(schema)}."_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return {
    present: true,
    schema,
    migrations: rows.rows.map((r) => ({
      id: r.id,
      name: r.migration_name,
      checksum: r.checksum,
      status: statusOf(r),
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      rolledBackAt: r.rolled_back_at?.toISOString() ?? null,
      durationMs: r.finished_at ? r.finished_at.getTime() - r.started_at.getTime() : null,
      appliedSteps: r.applied_steps_count,
      logs: r.logs,
    })),
  };
}

/** sha256 (hex) of each <folder>/<migration>/migration.sql, the way Prisma records it. */
export async function folderChecksums(folder: string): Promise<Map<string, string | null>> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (err) {
    throw new AppError("NOT_FOUND", `Cannot read migrations folder ${folder}: ${(err as Error).message}`, {
      field: "folder",
    });
  }
  const out = new Map<string, string | null>();
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    try {
      const body = await readFile(join(folder, e.name, "migration.sql"));
      out.set(e.name, createHash("sha256").update(body).digest("hex"));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      out.set(e.name, null);
    }
  }
  return out;
}

export async function compareFolder(pool: pg.Pool, folder: string): Promise<FolderComparison> {
  const [history, files] = await Promise.all([migrationHistory(pool), folderChecksums(folder)]);
  // the latest attempt that was not rolled back counts; else the latest attempt
  const recorded = new Map<string, string>();
  for (const m of history.migrations) {
    if (m.status !== "rolledBack" || !recorded.has(m.name)) recorded.set(m.name, m.checksum);
  }
  const names = [...new Set([...files.keys(), ...recorded.keys()])].sort();
  return {
    folder,
    entries: names.map((name) => {
      const fileChecksum = files.get(name) ?? null;
      const dbChecksum = recorded.get(name) ?? null;
      const state = !files.has(name)
        ? "onlyInDatabase"
        : dbChecksum === null
          ? "onlyInFolder"
          : fileChecksum === dbChecksum
            ? "match"
            : "mismatch";
      return { name, fileChecksum, dbChecksum, state };
    }),
  };
}

export async function databaseSizes(pool: pg.Pool, limit = 1000): Promise<DatabaseSizes> {
  const [db, tables] = await Promise.all([pool.query(databaseSize), pool.query(tableSizes, [limit])]);
  return {
    database: db.rows[0].database,
    databaseBytes: db.rows[0].bytes,
    tables: tables.rows.map((t) => ({
      schema: t.schema,
      name: t.name,
      totalBytes: t.total,
      tableBytes: t.heap,
      indexBytes: t.indexes,
      toastBytes: t.toast,
      rowEstimate: t.reltuples < 0 ? null : t.reltuples,
    })),
  };
}
