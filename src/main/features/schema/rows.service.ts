import type pg from "pg";
import { AppError } from "../../../shared/contract/errors";
import type { RowFilter, RowsPage } from "../../../shared/contract/schema";
import { quoteIdent } from "../../db/sql";
import { qname } from "./ddl.builder";
import { softDeleteIndexes, tableShape } from "./rows.sql";

/** Column names pgdesk treats as soft-delete markers (Prisma's deletedAt, snake_case deleted_at). */
export const SOFT_DELETE_COLUMNS = ["deletedAt", "deleted_at"];

export interface RowsRequest {
  schema: string;
  table: string;
  after?: string | undefined;
  sort?: { column: string; direction: "asc" | "desc" } | undefined;
  filters?: RowFilter[] | undefined;
  limit?: number | undefined;
  showDeleted?: boolean | undefined;
}

interface Shape {
  oid: number;
  kind: string;
  rowEstimate: number | null;
  columns: Array<{ name: string; type: string; num: number }>;
  /** Key columns with the SQL to select them and their type. */
  key: Array<{ name: string; expr: string; type: string }>;
  softDelete?: { name: string; num: number };
}

interface Cursor {
  /** The sort column's value of the last row (text), when sorted. */
  s?: string | null;
  /** Key values of the last row (text). */
  k: string[];
}

// Every value crosses as PostgreSQL's own text: exact numerics, timestamps, json.
const asText = { getTypeParser: () => (value: string) => value };

async function readShape(client: pg.PoolClient, schema: string, table: string): Promise<Shape> {
  const r = await client.query(tableShape, [schema, table]);
  const row = r.rows[0];
  if (!row) throw new AppError("NOT_FOUND", `Table ${schema}.${table} does not exist`);
  if (row.kind === "v")
    throw new AppError(
      "UNSUPPORTED",
      "Views have no stable row key to page on; query them in the Query area",
    );
  const columns = (row.columns ?? []) as Shape["columns"];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const pk = (row.pk ?? []) as string[];
  const key = pk.length
    ? pk.map((n) => ({ name: n, expr: quoteIdent(n), type: byName.get(n)!.type }))
    : row.kind === "p"
      ? [
          { name: "tableoid", expr: "tableoid", type: "oid" },
          { name: "ctid", expr: "ctid", type: "tid" },
        ]
      : [{ name: "ctid", expr: "ctid", type: "tid" }];
  const soft = columns.find((c) => SOFT_DELETE_COLUMNS.includes(c.name));
  return {
    oid: row.oid,
    kind: row.kind,
    rowEstimate: row.kind === "f" || row.reltuples < 0 ? null : row.reltuples,
    columns,
    key,
    ...(soft ? { softDelete: { name: soft.name, num: soft.num } } : {}),
  };
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(text: string, keyLength: number, sorted: boolean): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    if (!Array.isArray(c.k) || c.k.length !== keyLength || c.k.some((v) => typeof v !== "string"))
      throw new Error("shape");
    if (sorted !== "s" in c) throw new Error("sort");
    return c;
  } catch {
    throw new AppError(
      "VALIDATION",
      "The page cursor does not belong to this table and sort; start from the first page",
      { field: "after" },
    );
  }
}

/** Builds the WHERE clause pieces (filters, soft delete) shared by rows and count. */
function baseConditions(
  shape: Shape,
  req: { filters?: RowFilter[] | undefined; showDeleted?: boolean | undefined },
  values: unknown[],
): string[] {
  const where: string[] = [];
  const column = (name: string) => {
    const c = shape.columns.find((x) => x.name === name);
    if (!c) throw new AppError("VALIDATION", `No column ${name} in this table`, { field: "filters" });
    return c;
  };
  for (const f of req.filters ?? []) {
    const c = column(f.column);
    const col = quoteIdent(c.name);
    if (f.op === "isNull") where.push(`${col} IS NULL`);
    else if (f.op === "notNull") where.push(`${col} IS NOT NULL`);
    else if (f.op === "contains") {
      values.push(`%${(f.value ?? "").replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      where.push(`${col}::text ILIKE $${values.length}`);
    } else {
      values.push(f.value ?? "");
      where.push(`${col} ${f.op} $${values.length}::${c.type}`);
    }
  }
  if (shape.softDelete && !req.showDeleted) where.push(`${quoteIdent(shape.softDelete.name)} IS NULL`);
  return where;
}

async function readOnly<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * One page of rows, keyset-paginated on the primary key (ctid without one; never
 * OFFSET). A sort column is paged as (column NULLS LAST, key); values are text.
 */
export function readRows(pool: pg.Pool, req: RowsRequest): Promise<RowsPage> {
  return readOnly(pool, async (client) => {
    const shape = await readShape(client, req.schema, req.table);
    const limit = req.limit ?? 200;
    const values: unknown[] = [];
    const where = baseConditions(shape, req, values);
    const sortCol = req.sort ? shape.columns.find((c) => c.name === req.sort!.column) : undefined;
    if (req.sort && !sortCol)
      throw new AppError("VALIDATION", `No column ${req.sort.column} in this table`, { field: "sort" });

    const keyTuple = `(${shape.key.map((k) => k.expr).join(", ")})`;
    if (req.after) {
      const cursor = decodeCursor(req.after, shape.key.length, sortCol !== undefined);
      const keyParams = cursor.k.map((v, i) => {
        values.push(v);
        return `$${values.length}::${shape.key[i]!.type}`;
      });
      const keyAfter = `${keyTuple} > (${keyParams.join(", ")})`;
      if (sortCol) {
        const s = quoteIdent(sortCol.name);
        if (cursor.s === null || cursor.s === undefined) where.push(`(${s} IS NULL AND ${keyAfter})`);
        else {
          values.push(cursor.s);
          const v = `$${values.length}::${sortCol.type}`;
          const beyond = req.sort!.direction === "asc" ? ">" : "<";
          where.push(`(${s} ${beyond} ${v} OR (${s} = ${v} AND ${keyAfter}) OR ${s} IS NULL)`);
        }
      } else where.push(keyAfter);
    }

    const order = [
      ...(sortCol
        ? [`${quoteIdent(sortCol.name)} ${req.sort!.direction === "asc" ? "ASC" : "DESC"} NULLS LAST`]
        : []),
      ...shape.key.map((k) => k.expr),
    ];
    const select = [
      ...shape.columns.map((c) => quoteIdent(c.name)),
      ...shape.key.map((k) => k.expr),
      ...(sortCol ? [quoteIdent(sortCol.name)] : []),
    ];
    const text =
      `SELECT ${select.join(", ")} FROM ${qname(req.schema, req.table)}` +
      (where.length ? ` WHERE ${where.join(" AND ")}` : "") +
      ` ORDER BY ${order.join(", ")} LIMIT ${limit + 1}`;
    const result = await client.query<unknown[]>({ text, values, rowMode: "array", types: asText });
    const raw = result.rows as Array<Array<string | null>>;
    const more = raw.length > limit;
    const page = more ? raw.slice(0, limit) : raw;
    const n = shape.columns.length;
    const last = page.at(-1);
    const next =
      more && last
        ? encodeCursor({
            k: last.slice(n, n + shape.key.length).map((v) => v ?? ""),
            ...(sortCol ? { s: last[n + shape.key.length] ?? null } : {}),
          })
        : undefined;

    const out: RowsPage = {
      columns: shape.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: page.map((r) => r.slice(0, n)),
      keyset: shape.key.map((k) => k.name),
      rowEstimate: shape.rowEstimate,
      ...(next ? { next } : {}),
    };
    if (shape.softDelete && !req.after) {
      const col = shape.softDelete.name;
      const [count, idx] = await Promise.all([
        client.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${qname(req.schema, req.table)} WHERE ${quoteIdent(col)} IS NOT NULL`,
        ),
        client.query<{ name: string }>(softDeleteIndexes, [shape.oid, shape.softDelete.num, col]),
      ]);
      const indexes = idx.rows.map((r) => r.name);
      out.softDelete = {
        column: col,
        deletedCount: Number(count.rows[0]!.n),
        indexed: indexes.length > 0,
        indexes,
      };
    }
    return out;
  });
}

/** Exact count(*), honouring the filters and the soft-delete toggle. */
export function countRows(
  pool: pg.Pool,
  req: Pick<RowsRequest, "schema" | "table" | "filters" | "showDeleted">,
): Promise<number> {
  return readOnly(pool, async (client) => {
    const shape = await readShape(client, req.schema, req.table);
    const values: unknown[] = [];
    const where = baseConditions(shape, req, values);
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${qname(req.schema, req.table)}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`,
      values,
    );
    return Number(r.rows[0]!.n);
  });
}
