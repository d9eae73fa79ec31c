import type pg from "pg";
import { AppError } from "../../../shared/contract/errors";
import type { RowFilter, RowsPage } from "../../../shared/contract/schema";
import { joinSql, quoteIdent, quoteQualified, serverSql, sql, type Sql } from "../../db/sql";
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
  /** Only this table's own rows (SELECT … FROM ONLY), not its inheritance children's or partitions'. */
  only?: boolean | undefined;
}

interface Shape {
  oid: number;
  kind: string;
  rowEstimate: number | null;
  hasChildren: boolean;
  /** FROM ONLY: the table's own rows. */
  only: boolean;
  columns: Array<{ name: string; type: string; num: number; sortable: boolean }>;
  /** Key columns with the SQL to select them and their type (format_type's text). */
  key: Array<{ name: string; expr: Sql; type: Sql }>;
  /** Why the key is not just the primary key, for the user to see. */
  keyNote?: string;
  softDelete?: { name: string; num: number };
}

interface Cursor {
  /** The sort column's value of the last row (text), when sorted. */
  s?: string | null;
  /** Key values of the last row (text). */
  k: string[];
}

type SortColumn = Shape["columns"][number];

// Every value crosses as PostgreSQL's own text: exact numerics, timestamps, json.
const asText = { getTypeParser: () => (value: string) => value };

const TABLEOID = { name: "tableoid", expr: sql`tableoid`, type: sql`oid` };
const CTID = { name: "ctid", expr: sql`ctid`, type: sql`tid` };

const CTID_NOTE =
  "No primary key: rows are paged by their physical address (ctid); rows changed while you page can move, be skipped or be seen twice";
const CHILDREN_NOTE =
  "With children: rows are paged by (table, primary key), since a child's key can repeat its parent's";

/**
 * The key pages are cut on. A primary key, unless the rows of inheritance children are
 * included (their keys are not unique across the tree: the table's oid comes first);
 * without one, the physical address, with the table's oid when more than one table answers.
 */
function pageKey(
  row: { kind: string; pk: string[] | null },
  types: Map<string, string>,
  several: boolean,
): Pick<Shape, "key" | "keyNote"> {
  const pk = row.pk ?? [];
  if (pk.length === 0) return { key: several ? [TABLEOID, CTID] : [CTID], keyNote: CTID_NOTE };
  const key = pk.map((n) => ({ name: n, expr: quoteIdent(n), type: serverSql(types.get(n)!) }));
  // a partitioned table's primary key includes the partition key: unique across partitions
  if (!several || row.kind === "p") return { key };
  return { key: [TABLEOID, ...key], keyNote: CHILDREN_NOTE };
}

async function readShape(
  client: pg.PoolClient,
  req: Pick<RowsRequest, "schema" | "table" | "only">,
): Promise<Shape> {
  const { schema, table } = req;
  const r = await client.query(tableShape, [schema, table]);
  const row = r.rows[0];
  if (!row) throw new AppError("NOT_FOUND", `Table ${schema}.${table} does not exist`);
  if (row.kind === "v")
    throw new AppError(
      "UNSUPPORTED",
      "Views have no stable row key to page on; query them in the Query area",
    );
  const columns = (row.columns ?? []) as Shape["columns"];
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const hasChildren = row.has_children === true;
  const only = req.only === true && hasChildren;
  const soft = columns.find((c) => SOFT_DELETE_COLUMNS.includes(c.name));
  return {
    oid: row.oid,
    kind: row.kind,
    rowEstimate: row.kind === "f" || row.reltuples < 0 ? null : row.reltuples,
    hasChildren,
    only,
    columns,
    ...pageKey(row, types, hasChildren && !only),
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

/** Adds a value and returns its placeholder, cast to `type` (a column's format_type) when given. */
function param(values: unknown[], value: unknown, type?: Sql): Sql {
  values.push(value);
  return type ? sql`$${values.length}::${type}` : sql`$${values.length}`;
}

const COMPARISONS: Record<Exclude<RowFilter["op"], "contains" | "isNull" | "notNull">, Sql> = {
  "=": sql`=`,
  "<>": sql`<>`,
  "<": sql`<`,
  "<=": sql`<=`,
  ">": sql`>`,
  ">=": sql`>=`,
};

/** Builds the WHERE clause pieces (filters, soft delete) shared by rows and count. */
function baseConditions(
  shape: Shape,
  req: { filters?: RowFilter[] | undefined; showDeleted?: boolean | undefined },
  values: unknown[],
): Sql[] {
  const where: Sql[] = [];
  const column = (name: string) => {
    const c = shape.columns.find((x) => x.name === name);
    if (!c) throw new AppError("VALIDATION", `No column ${name} in this table`, { field: "filters" });
    return c;
  };
  for (const f of req.filters ?? []) {
    const c = column(f.column);
    const col = quoteIdent(c.name);
    if (f.op === "isNull") where.push(sql`${col} IS NULL`);
    else if (f.op === "notNull") where.push(sql`${col} IS NOT NULL`);
    else if (f.op === "contains") {
      const pattern = `%${(f.value ?? "").replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.push(sql`${col}::text ILIKE ${param(values, pattern)}`);
    } else {
      where.push(sql`${col} ${COMPARISONS[f.op]} ${param(values, f.value ?? "", serverSql(c.type))}`);
    }
  }
  if (shape.softDelete && !req.showDeleted) where.push(sql`${quoteIdent(shape.softDelete.name)} IS NULL`);
  return where;
}

/** The table, with ONLY when the user chose its own rows (counted the same way). */
const fromTable = (shape: Shape, req: Pick<RowsRequest, "schema" | "table">): Sql =>
  sql`${shape.only ? sql`ONLY ` : sql``}${quoteQualified(req.schema, req.table)}`;

const whereClause = (where: Sql[]) => (where.length ? sql` WHERE ${joinSql(where, sql` AND `)}` : sql``);

async function readOnly<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    // floats as exact text whatever the session's setting: a key printed with fewer digits
    // would not find its own row again (the page would repeat or skip rows)
    await client.query("SET LOCAL extra_float_digits = 3");
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

/** Rows past the cursor: (sort column NULLS LAST, key) beyond the last row of the previous page. */
function afterCursor(
  shape: Shape,
  cursor: Cursor,
  sort: { column: SortColumn; direction: "asc" | "desc" } | undefined,
  values: unknown[],
): Sql {
  const keyTuple = joinSql(
    shape.key.map((k) => k.expr),
    sql`, `,
  );
  const keyParams = joinSql(
    cursor.k.map((v, i) => param(values, v, shape.key[i]!.type)),
    sql`, `,
  );
  const keyAfter = sql`(${keyTuple}) > (${keyParams})`;
  if (!sort) return keyAfter;
  const s = quoteIdent(sort.column.name);
  if (cursor.s === null || cursor.s === undefined) return sql`(${s} IS NULL AND ${keyAfter})`;
  const v = param(values, cursor.s, serverSql(sort.column.type));
  const beyond = sort.direction === "asc" ? sql`>` : sql`<`;
  return sql`(${s} ${beyond} ${v} OR (${s} = ${v} AND ${keyAfter}) OR ${s} IS NULL)`;
}

/** The page's SELECT: every column, then the key and the sort column again for the next cursor. */
function pageQuery(
  shape: Shape,
  req: RowsRequest,
  sort: { column: SortColumn; direction: "asc" | "desc" } | undefined,
  where: Sql[],
  limit: number,
): Sql {
  const sortCol = sort ? [quoteIdent(sort.column.name)] : [];
  const keys = shape.key.map((k) => k.expr);
  const order = [
    ...(sort ? [sql`${sortCol[0]!} ${sort.direction === "asc" ? sql`ASC` : sql`DESC`} NULLS LAST`] : []),
    ...keys,
  ];
  const select = [...shape.columns.map((c) => quoteIdent(c.name)), ...keys, ...sortCol];
  return sql`SELECT ${joinSql(select, sql`, `)} FROM ${fromTable(shape, req)}${whereClause(where)} ORDER BY ${joinSql(order, sql`, `)} LIMIT ${limit + 1}`;
}

/** How many rows are soft-deleted, and whether an index helps "deleted IS NULL". */
async function softDeleteInfo(
  client: pg.PoolClient,
  req: RowsRequest,
  shape: Shape,
  soft: NonNullable<Shape["softDelete"]>,
): Promise<NonNullable<RowsPage["softDelete"]>> {
  const oid = shape.oid;
  const col = soft.name;
  const [count, idx] = await Promise.all([
    client.query<{ n: string }>(
      sql`SELECT count(*) AS n FROM ${fromTable(shape, req)} WHERE ${quoteIdent(col)} IS NOT NULL`,
    ),
    client.query<{ name: string }>(softDeleteIndexes, [oid, soft.num, col]),
  ]);
  const indexes = idx.rows.map((r) => r.name);
  return { column: col, deletedCount: Number(count.rows[0]!.n), indexed: indexes.length > 0, indexes };
}

function sortOf(shape: Shape, req: RowsRequest) {
  if (!req.sort) return undefined;
  const column = shape.columns.find((c) => c.name === req.sort!.column);
  if (!column)
    throw new AppError("VALIDATION", `No column ${req.sort.column} in this table`, { field: "sort" });
  if (!column.sortable)
    throw new AppError(
      "VALIDATION",
      `Column ${column.name} (${column.type}) has no ordering: it cannot be sorted`,
      {
        field: "sort",
      },
    );
  return { column, direction: req.sort.direction };
}

/**
 * One page of rows, keyset-paginated on the primary key (ctid without one; never
 * OFFSET). A sort column is paged as (column NULLS LAST, key); values are text.
 */
export function readRows(pool: pg.Pool, req: RowsRequest): Promise<RowsPage> {
  return readOnly(pool, async (client) => {
    const shape = await readShape(client, req);
    const limit = req.limit ?? 200;
    const values: unknown[] = [];
    const where = baseConditions(shape, req, values);
    const sort = sortOf(shape, req);
    if (req.after) {
      const cursor = decodeCursor(req.after, shape.key.length, sort !== undefined);
      where.push(afterCursor(shape, cursor, sort, values));
    }
    const text = pageQuery(shape, req, sort, where, limit);
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
            ...(sort ? { s: last[n + shape.key.length] ?? null } : {}),
          })
        : undefined;

    const out: RowsPage = {
      columns: shape.columns.map((c) => ({
        name: c.name,
        type: c.type,
        ...(c.sortable ? {} : { sortable: false }),
      })),
      rows: page.map((r) => r.slice(0, n)),
      keyset: shape.key.map((k) => k.name),
      ...(shape.keyNote ? { keyNote: shape.keyNote } : {}),
      hasChildren: shape.hasChildren,
      only: shape.only,
      rowEstimate: shape.rowEstimate,
      ...(next ? { next } : {}),
    };
    if (shape.softDelete && !req.after)
      out.softDelete = await softDeleteInfo(client, req, shape, shape.softDelete);
    return out;
  });
}

/** Exact count(*), honouring the filters and the soft-delete toggle. */
export function countRows(
  pool: pg.Pool,
  req: Pick<RowsRequest, "schema" | "table" | "filters" | "showDeleted" | "only">,
): Promise<number> {
  return readOnly(pool, async (client) => {
    const shape = await readShape(client, req);
    const values: unknown[] = [];
    const where = baseConditions(shape, req, values);
    const r = await client.query<{ n: string }>(
      sql`SELECT count(*) AS n FROM ${fromTable(shape, req)}${whereClause(where)}`,
      values,
    );
    return Number(r.rows[0]!.n);
  });
}
