import { LibsqlBatchError, type Client } from "@libsql/client";
import { splitSqlScript } from "./sql-split";

/** One hand-written migration, `migrations/NNNN_name.sql` (bundled by scripts/prisma-generate.mjs). */
export interface StoreMigration {
  readonly version: number;
  readonly file: string;
  readonly sql: string;
  readonly checksum: string;
}

/** A migration failed; the store stays at `version` (the failed one was rolled back whole). */
export class MigrationError extends Error {
  constructor(
    readonly file: string,
    /** 1-based statement of the file, and the line it starts on. */
    readonly statement: number,
    readonly line: number,
    readonly statementText: string,
    readonly reason: string,
    readonly version: number,
  ) {
    super(
      `Migration ${file} failed ${statement > 0 ? `at statement ${statement} (line ${line}: ${shorten(statementText)})` : `(${statementText})`}: ` +
        `${reason}. The store was left at version ${version}.`,
    );
    this.name = "MigrationError";
  }
}

/** The file was written by a newer pgdesk: this version does not know its schema. */
export class NewerStoreError extends Error {
  constructor(
    readonly version: number,
    readonly known: number,
  ) {
    super(`The store is at schema version ${version}; this pgdesk knows versions up to ${known}`);
    this.name = "NewerStoreError";
  }
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS "_store_migrations" (
  "version" INTEGER NOT NULL PRIMARY KEY,
  "file" TEXT NOT NULL,
  "checksum" TEXT NOT NULL,
  "applied_at" TEXT NOT NULL
)`;

export interface AppliedMigration {
  version: number;
  file: string;
  checksum: string;
}

export async function appliedMigrations(client: Client): Promise<AppliedMigration[]> {
  await client.execute(bookkeeping);
  const rs = await client.execute(
    `SELECT "version", "file", "checksum" FROM "_store_migrations" ORDER BY "version"`,
  );
  return rs.rows.map((r) => ({
    version: Number(r.version),
    file: String(r.file),
    checksum: String(r.checksum),
  }));
}

export interface MigrateResult {
  from: number;
  to: number;
  /** Applied migrations whose file changed since (a developer edited an applied migration). */
  changed: string[];
}

/**
 * Brings the store to the last migration: each pending file runs in its own write
 * transaction together with its bookkeeping row, so a failure leaves the store exactly at
 * the previous version and says which file and statement failed.
 */
export async function migrate(client: Client, migrations: readonly StoreMigration[]): Promise<MigrateResult> {
  const applied = await appliedMigrations(client);
  const from = applied.at(-1)?.version ?? 0;
  if (from > migrations.length) throw new NewerStoreError(from, migrations.length);
  const changed = applied
    .filter((a) => migrations[a.version - 1]?.checksum !== a.checksum)
    .map((a) => migrations[a.version - 1]?.file ?? a.file);
  let version = from;
  for (const m of migrations.slice(from)) {
    await applyOne(client, m, version);
    version = m.version;
  }
  return { from, to: version, changed };
}

async function applyOne(client: Client, m: StoreMigration, current: number): Promise<void> {
  const statements = splitSqlScript(m.sql);
  try {
    await client.batch(
      [
        ...statements.map((s) => s.sql),
        {
          sql: `INSERT INTO "_store_migrations" ("version", "file", "checksum", "applied_at") VALUES (?, ?, ?, ?)`,
          args: [m.version, m.file, m.checksum, new Date().toISOString()],
        },
      ],
      "write",
    );
  } catch (err) {
    const index = err instanceof LibsqlBatchError ? err.statementIndex : -1;
    const failed = statements[index];
    const reason = err instanceof Error ? err.message : String(err);
    if (failed) throw new MigrationError(m.file, index + 1, failed.line, failed.sql, reason, current);
    // statement 0: the failure was around the file (starting the transaction, bookkeeping)
    throw new MigrationError(
      m.file,
      0,
      0,
      index < 0 ? "BEGIN IMMEDIATE" : "bookkeeping row",
      reason,
      current,
    );
  }
}

function shorten(sql: string): string {
  const oneLine = sql.replace(/\s+/g, " ");
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}
