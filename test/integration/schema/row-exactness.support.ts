import pg from "pg";
import type { FreshDatabase } from "../../harness/database";
import { countRows, readRows, type RowsRequest } from "../../../src/main/features/schema/rows.service";

/** A pool on the database whose sessions print floats with `digits` extra_float_digits. */
export function poolWithFloatDigits(db: FreshDatabase, digits: number): pg.Pool {
  const pool = new pg.Pool({ ...db.connection, max: 2, options: `-c extra_float_digits=${digits}` });
  pool.on("error", () => undefined);
  return pool;
}

/** Every row the browser pages through, page size `limit`, as JSON texts. */
export async function pageAll(pool: pg.Pool, req: RowsRequest, limit: number): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await readRows(pool, { ...req, limit, ...(after ? { after } : {}) });
    out.push(...page.rows.map((r) => JSON.stringify(r)));
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error(`paging ${req.schema}.${req.table} did not end after 10,000 pages`);
}

/** The server's own rows of the table (all columns as text, floats exact), and count(*) as the browser counts. */
export async function serverRows(
  pool: pg.Pool,
  req: RowsRequest,
): Promise<{ rows: string[]; count: number }> {
  const client = await pool.connect();
  try {
    await client.query("SET extra_float_digits = 3");
    const from = `${req.only ? "ONLY " : ""}${pg.escapeIdentifier(req.schema)}.${pg.escapeIdentifier(req.table)}`;
    const { rows } = await client.query<unknown[]>({
      text: `SELECT * FROM ${from}`,
      rowMode: "array",
      types: { getTypeParser: () => (v: string) => v },
    });
    return { rows: rows.map((r) => JSON.stringify(r)), count: await countRows(pool, req) };
  } finally {
    client.release();
  }
}

/** Tables of the database the browser pages: plain, partitioned, materialized views (foreign ones have no server). */
export async function browsableTables(
  pool: pg.Pool,
): Promise<{ schema: string; table: string; parent: boolean }[]> {
  const { rows } = await pool.query<{ schema: string; table: string; parent: boolean }>(`
    SELECT n.nspname AS schema, c.relname AS table, c.relhassubclass AS parent
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    ORDER BY 1, 2`);
  return rows;
}
