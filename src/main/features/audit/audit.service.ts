import type pg from "pg";
import { AppError } from "../../../shared/contract";
import type { AuditEvent, AuditFilters, AuditMapping } from "../../../shared/contract/audit";
import { joinSql, quoteIdent, quoteQualified, sql } from "../../db/sql";
import { withActorLabels } from "./audit-actors";
import { tableInfo, tablesWithColumns } from "./audit-catalog.sql";
import { decodeCursor, normalizeEvent } from "./audit-event.normalize";
import { detectAuditTables, type CatalogTable } from "./audit-layouts";
import { queryMaybePrepared } from "./audit-prepared";
import { auditQueries, type BuiltQuery, type RawAuditRow } from "./audit-query.builder";
import { applyChanges } from "./json-diff";
import type { Redactor } from "./redact";

export const TIMELINE_LIMIT = 2000;
/** Table shapes change rarely; re-reading them on every page would double the round trips. */
const TABLE_INFO_TTL_MS = 30_000;

interface TableInfo {
  types: Map<string, string>;
  indexes: Array<Array<string | null>>;
  at: number;
  /** Query builders per mapping (by its JSON), valid as long as this shape is. */
  builders: Map<string, ReturnType<typeof auditQueries>>;
}

const tableInfoCache = new WeakMap<pg.Pool, Map<string, TableInfo>>();

function tableKey(mapping: AuditMapping): string {
  return `${mapping.schema}\u0000${mapping.table}`;
}

/** The shape read less than TABLE_INFO_TTL_MS ago, without a round trip (or a promise). */
function cachedTableInfo(pool: pg.Pool, mapping: AuditMapping): TableInfo | undefined {
  const cached = tableInfoCache.get(pool)?.get(tableKey(mapping));
  return cached && Date.now() - cached.at < TABLE_INFO_TTL_MS ? cached : undefined;
}

async function readTableInfo(pool: pg.Pool, mapping: AuditMapping, fresh = false): Promise<TableInfo> {
  const cached = fresh ? undefined : cachedTableInfo(pool, mapping);
  if (cached) return cached;
  const { rows } = await pool.query<{
    columns: Array<{ name: string; type: string }> | null;
    indexes: Array<Array<string | null>>;
  }>(tableInfo, [mapping.schema, mapping.table]);
  if (!rows[0]?.columns)
    throw new AppError("NOT_FOUND", `Table ${mapping.schema}.${mapping.table} does not exist (any more)`);
  const info = {
    types: new Map(rows[0].columns.map((c) => [c.name, c.type])),
    indexes: rows[0].indexes,
    at: Date.now(),
    builders: new Map(),
  };
  const perPool = tableInfoCache.get(pool) ?? new Map<string, TableInfo>();
  tableInfoCache.set(pool, perPool);
  perPool.set(tableKey(mapping), info);
  return info;
}

/**
 * True when an index starts with the query's equality columns (any order) and then its time
 * column: the plan is then that index whatever the values, and can be cached per session.
 */
function planIsSafe(info: TableInfo, q: BuiltQuery): boolean {
  const safe = q.planSafeWith;
  if (!safe) return false;
  const n = safe.equal.length;
  return info.indexes.some(
    (columns) => columns[n] === safe.order && safe.equal.every((name) => columns.slice(0, n).includes(name)),
  );
}

/** The mapping's query builder for this table shape, made once (a page then only joins its filters). */
function buildersFor(info: TableInfo, mapping: AuditMapping): ReturnType<typeof auditQueries> {
  const key = JSON.stringify(mapping);
  let builders = info.builders.get(key);
  if (!builders) {
    builders = auditQueries(mapping, info.types);
    info.builders.set(key, builders);
  }
  return builders;
}

/**
 * Runs a built query. The pool's statement_timeout bounds it. A column or table that
 * vanished since the shape was cached gets one retry with a fresh shape, so a dropped
 * column is reported by name instead of as a raw SQL error.
 */
async function run<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  mapping: AuditMapping,
  build: (q: ReturnType<typeof auditQueries>) => BuiltQuery,
): Promise<R[]> {
  try {
    const info = cachedTableInfo(pool, mapping) ?? (await readTableInfo(pool, mapping));
    const q = build(buildersFor(info, mapping));
    return await queryMaybePrepared<R>(pool, q, planIsSafe(info, q));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== "42703" && code !== "42P01") throw err;
    const info = await readTableInfo(pool, mapping, true);
    const q = build(buildersFor(info, mapping));
    return await queryMaybePrepared<R>(pool, q, planIsSafe(info, q));
  }
}

export async function detect(pool: pg.Pool) {
  const { rows } = await pool.query<{
    schema: string;
    table: string;
    estimated_rows: number;
    columns: CatalogTable["columns"];
  }>(tablesWithColumns);
  const tables = rows.map((r) => ({
    schema: r.schema,
    table: r.table,
    estimatedRows: r.estimated_rows,
    columns: r.columns,
  }));
  return {
    detected: detectAuditTables(tables),
    tables: tables.map(({ schema, table, columns }) => ({ schema, table, columns })),
  };
}

/** Checks a mapping against the table it names (columns exist, the query plans and runs). */
export async function validateMapping(pool: pg.Pool, mapping: AuditMapping): Promise<void> {
  await readTableInfo(pool, mapping, true);
  await run(pool, mapping, (q) => q.browse({}, undefined, 1));
}

export async function browse(
  pool: pg.Pool,
  mapping: AuditMapping,
  redactor: Redactor,
  filters: AuditFilters,
  after: string | undefined,
  limit: number,
) {
  let cursor: [string, string] | undefined;
  if (after !== undefined) {
    try {
      cursor = decodeCursor(after);
    } catch {
      throw new AppError("VALIDATION", "The page cursor is not valid; start from the first page", {
        field: "after",
      });
    }
  }
  const rows = await run<RawAuditRow>(pool, mapping, (q) => q.browse(filters, cursor, limit + 1));
  const events = await withActorLabels(
    pool,
    mapping,
    rows.slice(0, limit).map((r) => normalizeEvent(r, mapping, redactor)),
  );
  return { events, nextCursor: rows.length > limit ? events[events.length - 1]!.cursor : null };
}

export async function counts(pool: pg.Pool, mapping: AuditMapping, filters: AuditFilters) {
  const top = async (dimension: "action" | "entity" | "actor") =>
    (await run<{ key: string; count: number }>(pool, mapping, (q) => q.counts(filters, dimension))).map(
      (r) => ({ key: r.key, count: r.count }),
    );
  const [byAction, byEntity, byActor] = await Promise.all([top("action"), top("entity"), top("actor")]);
  return { byAction, byEntity, byActor };
}

/**
 * One entity's history, oldest first, with the row as it was after each event:
 * the event's own after-snapshot where the layout stores one, else the previous
 * state with this event's changes applied.
 */
export async function timeline(
  pool: pg.Pool,
  mapping: AuditMapping,
  redactor: Redactor,
  entity: string,
  entityId: string,
) {
  const rows = await run<RawAuditRow>(pool, mapping, (q) => q.timeline(entity, entityId, TIMELINE_LIMIT + 1));
  let state: unknown = null;
  const events: Array<AuditEvent & { state: unknown; group: string | null }> = [];
  for (const row of rows.slice(0, TIMELINE_LIMIT)) {
    const e = normalizeEvent(row, mapping, redactor);
    if (e.kind === "delete") state = null;
    else if (e.after !== null) state = e.after;
    else if (e.changes.length)
      state = applyChanges(
        state,
        Object.fromEntries(
          e.changes
            .filter((c) => !c.path.includes(".") && !c.path.includes("["))
            .map((c) => [c.path, { to: c.to }]),
        ),
      );
    events.push({ ...e, state, group: e.transaction });
  }
  return { events: await withActorLabels(pool, mapping, events), truncated: rows.length > TIMELINE_LIMIT };
}

/** Says when the timeline or the newest-first browse cannot use an index, with the index to review. */
export async function indexAdvice(pool: pg.Pool, mapping: AuditMapping, use: "entity" | "time") {
  const c = mapping.columns;
  const wanted =
    use === "entity"
      ? [c.entitySchema, c.entity, c.entityId, c.time].filter((x): x is string => Boolean(x))
      : [c.time, c.id];
  if (use === "entity" && (!c.entity || (!c.entityId && mapping.kind !== "supa_audit"))) return [];
  if (mapping.kind === "supa_audit" && use === "entity") return [];
  // always fresh: advice must disappear as soon as the user has created the index
  const { indexes } = await readTableInfo(pool, mapping, true);
  // usable when an index starts with the equality columns (entity, id) or with the sort column
  const lead = use === "entity" ? wanted.slice(0, wanted.length - 1) : wanted.slice(0, 1);
  const usable = indexes.some((columns) => lead.every((col, i) => columns[i] === col));
  if (usable) return [];
  const table = quoteQualified(mapping.schema, mapping.table);
  const cols = joinSql(wanted.map(quoteIdent), sql`, `);
  return [
    {
      message:
        use === "entity"
          ? `No index on ${lead.join(", ")}: every timeline reads the whole audit table.`
          : `No index on ${c.time}: every page sorts the whole audit table.`,
      sql: sql`CREATE INDEX CONCURRENTLY ON ${table} (${cols});`,
    },
  ];
}
