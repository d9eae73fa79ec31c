import type pg from "pg";
import { quoteLiteral, sql } from "../../../db/sql";
import { dumpQueries, type DumpCatalog, type DumpPart } from "./catalog";
import { dataObjects } from "./data";
import { dumpSubscriptions } from "./objects.sql";
import type { Row } from "./tables.build";

/** The heavy parts, read on a second connection in the same snapshot while the first reads the rest. */
const SECOND_LANE: readonly DumpPart[] = ["depends", "constraints", "indexes"];

const readPart = (client: pg.PoolClient, part: DumpPart) =>
  client.query<Row>(dumpQueries[part]).then(
    (r) => r.rows,
    (err: Error) => {
      throw Object.assign(err, { message: `reading ${part}: ${err.message}` });
    },
  );

async function readParts(
  client: pg.PoolClient,
  parts: readonly DumpPart[],
  into: Partial<Record<DumpPart, Row[]>>,
) {
  for (const part of parts) into[part] = await readPart(client, part);
}

/**
 * Reads every part in REPEATABLE READ, READ ONLY transactions that share one snapshot (as
 * pg_dump -j does: the first exports it, the second imports it), with search_path = '' so
 * the server qualifies every name it writes. A constant number of queries, whatever the
 * size of the database; when the snapshot cannot be shared, one connection reads them all.
 */
export async function readDumpCatalog(pool: pg.Pool, withData = false): Promise<DumpCatalog> {
  const client = await pool.connect();
  let second: pg.PoolClient | undefined;
  try {
    await client.query(sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    await client.query(sql`SELECT pg_catalog.set_config('search_path', '', true)`);
    const { v: version, snapshot } = (
      await client.query<{ v: number; snapshot: string }>(
        sql`SELECT current_setting('server_version_num')::int AS v, pg_catalog.pg_export_snapshot() AS snapshot`,
      )
    ).rows[0]!;
    second = await joinSnapshot(pool, snapshot);
    const rows = {} as DumpCatalog["rows"];
    const mine = (Object.keys(dumpQueries) as DumpPart[]).filter((p) => !second || !SECOND_LANE.includes(p));
    await Promise.all([readParts(client, mine, rows), second && readParts(second, SECOND_LANE, rows)]);
    const unreadable: string[] = [];
    rows.subscriptions = await readSubscriptions(client, unreadable);
    const catalog: DumpCatalog = { rows, version, unreadable, data: [] };
    if (withData) catalog.data = await dataObjects(client, catalog);
    await client.query(sql`COMMIT`);
    return catalog;
  } catch (err) {
    await client.query(sql`ROLLBACK`).catch(() => undefined);
    throw err;
  } finally {
    client.release();
    if (second) {
      await second.query(sql`ROLLBACK`).catch(() => undefined);
      second.release();
    }
  }
}

/** A second connection in the exported snapshot, or none when the server will not share it. */
async function joinSnapshot(pool: pg.Pool, snapshot: string): Promise<pg.PoolClient | undefined> {
  const client = await pool.connect();
  try {
    await client.query(sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    await client.query(sql`SET TRANSACTION SNAPSHOT ${quoteLiteral(snapshot)}`);
    await client.query(sql`SELECT pg_catalog.set_config('search_path', '', true)`);
    return client;
  } catch {
    await client.query(sql`ROLLBACK`).catch(() => undefined);
    client.release();
    return undefined;
  }
}

/** pg_subscription's connection strings are a superuser's to read: without the right, say so. */
async function readSubscriptions(client: pg.PoolClient, unreadable: string[]): Promise<Row[]> {
  await client.query(sql`SAVEPOINT subscriptions`);
  try {
    const { rows } = await client.query<Row>(dumpSubscriptions);
    await client.query(sql`RELEASE SAVEPOINT subscriptions`);
    return rows;
  } catch (err) {
    await client.query(sql`ROLLBACK TO SAVEPOINT subscriptions`);
    unreadable.push(`subscriptions: ${(err as Error).message}`);
    return [];
  }
}
