import type pg from "pg";
import { joinSql, quoteIdent, quoteLiteral, serverSql, sql, type Sql } from "../../../db/sql";
import { newObject, type DumpObject } from "./model";
import type { DumpCatalog } from "./catalog";
import { relationName } from "./tables.build";

/*
 * Rows as INSERT statements, not COPY: the script is meant to run anywhere SQL runs,
 * pgdesk's own editor included, and COPY … FROM stdin needs a client that streams the
 * data after the statement (psql does, a query editor does not). Each value is the
 * server's quote_nullable() literal read with extra_float_digits = 3, so floats are exact.
 */

const BATCH = 1000;

/** One INSERT … VALUES per 1,000 rows of each table's own rows (FROM ONLY), after the table. */
export async function dataObjects(client: pg.PoolClient, c: DumpCatalog): Promise<DumpObject[]> {
  await client.query(sql`SET LOCAL extra_float_digits = 3`);
  const out: DumpObject[] = [];
  const columnsOf = new Map<number, { name: string; identity: string; generated: string }[]>();
  for (const col of c.rows.columns) {
    const list = columnsOf.get(col.rel) ?? [];
    list.push(col as never);
    columnsOf.set(col.rel, list);
  }
  for (const r of c.rows.relations) {
    if (r.kind !== "r") continue;
    const cols = (columnsOf.get(r.oid) ?? []).filter((col) => !col.generated);
    if (cols.length === 0) continue;
    const names = cols.map((col) => quoteIdent(col.name));
    const literal = joinSql(
      names.map((n) => sql`quote_nullable(${n})`),
      sql` || ', ' || `,
    );
    const { rows } = await client.query<{ v: string }>(
      sql`SELECT '(' || ${literal} || ')' AS v FROM ONLY ${relationName(r)}`,
    );
    if (rows.length === 0) continue;
    const overriding = cols.some((col) => col.identity === "a") ? sql` OVERRIDING SYSTEM VALUE` : sql``;
    const create: Sql[] = [];
    for (let i = 0; i < rows.length; i += BATCH)
      create.push(
        sql`INSERT INTO ${relationName(r)} (${joinSql(names, sql`, `)})${overriding} VALUES\n${joinSql(
          rows.slice(i, i + BATCH).map((row) => serverSql(row.v)),
          sql`,\n`,
        )};`,
      );
    out.push(
      newObject({
        id: `${r.cls}/${r.oid}/data`,
        kind: "TABLE DATA",
        section: "data",
        schema: r.schema,
        name: r.name,
        create,
        deps: [`${r.cls}/${r.oid}`],
      }),
    );
  }
  return [...out, ...(await sequencePositions(client, c)), ...matviewRefreshes(c)];
}

/** setval for every sequence that has been used (identity sequences included). */
async function sequencePositions(client: pg.PoolClient, c: DumpCatalog): Promise<DumpObject[]> {
  const { rows } = await client.query<{ name: string; last: string | null; schema: string; seq: string }>(sql`
    SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS name, last_value::text AS last,
           schemaname AS schema, sequencename AS seq
    FROM pg_sequences WHERE last_value IS NOT NULL AND schemaname !~ '^pg_' AND schemaname <> 'information_schema'`);
  const own = new Map(c.rows.sequences.map((s) => [`${s.schema}.${s.name}`, `${s.cls}/${s.oid}`]));
  const identity = new Map(c.rows.identitySequences.map((s) => [s.name as string, `${1259}/${s.rel}`]));
  return rows.flatMap((r) => {
    const owner = own.get(`${r.schema}.${r.seq}`) ?? identity.get(r.name);
    if (!owner) return [];
    return [
      newObject({
        id: `${owner}/setval/${r.name}`,
        kind: "SEQUENCE SET",
        section: "data",
        schema: r.schema,
        name: r.seq,
        create: [sql`SELECT pg_catalog.setval(${quoteLiteral(r.name)}, ${serverSql(r.last!)}, true);`],
        deps: [owner],
      }),
    ];
  });
}

function matviewRefreshes(c: DumpCatalog): DumpObject[] {
  return c.rows.relations
    .filter((r) => r.kind === "m")
    .map((r) =>
      newObject({
        id: `${r.cls}/${r.oid}/refresh`,
        kind: "MATERIALIZED VIEW DATA",
        section: "post",
        schema: r.schema,
        name: r.name,
        create: [sql`REFRESH MATERIALIZED VIEW ${relationName(r)};`],
        deps: [`${r.cls}/${r.oid}`],
      }),
    );
}
