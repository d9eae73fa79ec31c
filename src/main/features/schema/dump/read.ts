import type pg from "pg";
import { sql } from "../../../db/sql";
import * as o from "./objects.sql";
import * as r from "./relations.sql";
import { dataObjects } from "./data";
import type { DumpObject } from "./model";
import type { Row } from "./tables.build";

/** Every catalog part the script is built from, by name. */
export const dumpQueries = {
  schemas: o.dumpSchemas,
  extensions: o.dumpExtensions,
  types: o.dumpTypes,
  functions: o.dumpFunctions,
  aggregates: o.dumpAggregates,
  operators: o.dumpOperators,
  opFamilies: o.dumpOpFamilies,
  opClasses: o.dumpOpClasses,
  opMembers: o.dumpOpFamilyMembers,
  casts: o.dumpCasts,
  collations: o.dumpCollations,
  textSearch: o.dumpTextSearch,
  foreignData: o.dumpForeignData,
  publications: o.dumpPublications,
  eventTriggers: o.dumpEventTriggers,
  defaultAcls: o.dumpDefaultAcls,
  comments: o.dumpComments,
  securityLabels: o.dumpSecurityLabels,
  depends: o.dumpDepends,
  relations: r.dumpRelations,
  inherits: r.dumpInherits,
  columns: r.dumpColumns,
  identitySequences: r.dumpIdentitySequences,
  sequences: r.dumpSequences,
  constraints: r.dumpConstraints,
  indexes: r.dumpIndexes,
  triggers: r.dumpTriggers,
  rules: r.dumpRules,
  policies: r.dumpPolicies,
  statistics: r.dumpStatistics,
} as const;

export type DumpPart = keyof typeof dumpQueries;

export interface DumpCatalog {
  rows: Record<DumpPart | "subscriptions", Row[]>;
  version: number;
  /** Parts that could not be read, with the server's reason (a missing right). */
  unreadable: string[];
  /** Rows, sequence positions and matview refreshes, when asked for (same snapshot). */
  data: DumpObject[];
}

/**
 * Reads every part in one REPEATABLE READ, READ ONLY transaction (one snapshot, as pg_dump
 * takes) with search_path = '' so the server qualifies every name it writes. A constant
 * number of queries, whatever the size of the database.
 */
export async function readDumpCatalog(pool: pg.Pool, withData = false): Promise<DumpCatalog> {
  const client = await pool.connect();
  try {
    await client.query(sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    await client.query(sql`SELECT pg_catalog.set_config('search_path', '', true)`);
    const version = (
      await client.query<{ v: number }>(sql`SELECT current_setting('server_version_num')::int AS v`)
    ).rows[0]!.v;
    const rows = {} as DumpCatalog["rows"];
    for (const part of Object.keys(dumpQueries) as DumpPart[])
      rows[part] = await client.query<Row>(dumpQueries[part]).then(
        (r) => r.rows,
        (err: Error) => {
          throw Object.assign(err, { message: `reading ${part}: ${err.message}` });
        },
      );
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
  }
}

/** pg_subscription's connection strings are a superuser's to read: without the right, say so. */
async function readSubscriptions(client: pg.PoolClient, unreadable: string[]): Promise<Row[]> {
  await client.query(sql`SAVEPOINT subscriptions`);
  try {
    const { rows } = await client.query<Row>(o.dumpSubscriptions);
    await client.query(sql`RELEASE SAVEPOINT subscriptions`);
    return rows;
  } catch (err) {
    await client.query(sql`ROLLBACK TO SAVEPOINT subscriptions`);
    unreadable.push(`subscriptions: ${(err as Error).message}`);
    return [];
  }
}
