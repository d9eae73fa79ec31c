import pg from "pg";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";
import { schemaDump } from "../backup/support";
import { corpus, corpus18, corpusRoles } from "./round-trip.corpus";

/** The corpus in a fresh database of the server (roles first: they are per cluster). */
export async function corpusDatabase(major: Major): Promise<FreshDatabase> {
  const db = await freshDatabase(major, "rt_src");
  await db.pool.query(corpusRoles);
  await db.pool.query(corpus);
  if (major >= 18) await db.pool.query(corpus18);
  return db;
}

/**
 * Drops a corpus or replay database: its subscription first (DROP DATABASE refuses while
 * one exists; with slot_name = NONE the drop does not connect anywhere).
 */
export async function dropWithSubscriptions(db: FreshDatabase | undefined): Promise<void> {
  if (!db) return;
  const { rows } = await db.pool.query<{ subname: string }>(
    `SELECT subname FROM pg_subscription WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  for (const r of rows) {
    await db.pool.query(`ALTER SUBSCRIPTION ${pg.escapeIdentifier(r.subname)} DISABLE`);
    await db.pool.query(`ALTER SUBSCRIPTION ${pg.escapeIdentifier(r.subname)} SET (slot_name = NONE)`);
    await db.pool.query(`DROP SUBSCRIPTION ${pg.escapeIdentifier(r.subname)}`);
  }
  await db.drop();
}

/**
 * pg_dump --schema-only as an order-free set of statements: split at blank lines, the
 * "-- Name:" headers dropped (they carry the dump's own numbering), sorted.
 */
export async function dumpStatements(db: FreshDatabase): Promise<string[]> {
  const text = await schemaDump(db, db.name);
  return text
    .split(/\n\n+/)
    .map((block) =>
      block
        .split("\n")
        .filter((l) => !l.startsWith("--"))
        .join("\n")
        .trim(),
    )
    .filter(Boolean)
    .sort();
}

/** Statements in one dump and not the other, as diff lines. */
export function statementDiff(source: string[], replay: string[]): string[] {
  const a = new Set(source);
  const b = new Set(replay);
  return [
    ...source.filter((s) => !b.has(s)).map((s) => `- ${s}`),
    ...replay.filter((s) => !a.has(s)).map((s) => `+ ${s}`),
  ];
}
