import type pg from "pg";
import { AppError } from "../../../shared/contract";
import type { AuditEvent, AuditFilters, AuditMapping } from "../../../shared/contract/audit";
import { quoteIdent } from "../../db/sql";
import { columnsOfTable, indexColumnsOfTable, tablesWithColumns } from "./audit-catalog.sql";
import { decodeCursor, normalizeEvent } from "./audit-event.normalize";
import { detectAuditTables, type CatalogTable } from "./audit-layouts";
import { auditQueries, type RawAuditRow } from "./audit-query.builder";
import { applyChanges } from "./json-diff";
import type { Redactor } from "./redact";

/** Audit reads are interactive: a runaway filter must not hold a connection for long. */
const STATEMENT_TIMEOUT_MS = 15_000;
export const TIMELINE_LIMIT = 2000;

/** Runs one statement with a local statement timeout on a pooled client. */
async function timed<R extends pg.QueryResultRow>(pool: pg.Pool, text: string, values: unknown[]): Promise<R[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
    const { rows } = await client.query<R>(text, values);
    await client.query("COMMIT");
    return rows;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function detect(pool: pg.Pool) {
  const { rows } = await pool.query<{ schema: string; table: string; estimated_rows: number; columns: CatalogTable["columns"] }>(tablesWithColumns);
  const tables = rows.map((r) => ({ schema: r.schema, table: r.table, estimatedRows: r.estimated_rows, columns: r.columns }));
  return { detected: detectAuditTables(tables), tables: tables.map(({ schema, table, columns }) => ({ schema, table, columns })) };
}

async function queriesFor(pool: pg.Pool, mapping: AuditMapping) {
  const { rows } = await pool.query<{ name: string; type: string }>(columnsOfTable, [mapping.schema, mapping.table]);
  if (rows.length === 0) throw new AppError("NOT_FOUND", `Table ${mapping.schema}.${mapping.table} does not exist (any more)`);
  const types = new Map(rows.map((r) => [r.name, r.type]));
  return auditQueries(mapping, types);
}

/** Checks a mapping against the table it names (columns exist, query plans). */
export async function validateMapping(pool: pg.Pool, mapping: AuditMapping): Promise<void> {
  const q = await queriesFor(pool, mapping);
  const probe = q.browse({}, undefined, 1);
  await timed(pool, probe.text, probe.values);
}

export async function browse(pool: pg.Pool, mapping: AuditMapping, redactor: Redactor, filters: AuditFilters, after: string | undefined, limit: number) {
  const q = await queriesFor(pool, mapping);
  let cursor: [string, string] | undefined;
  if (after !== undefined) {
    try {
      cursor = decodeCursor(after);
    } catch {
      throw new AppError("VALIDATION", "The page cursor is not valid; start from the first page", { field: "after" });
    }
  }
  const built = q.browse(filters, cursor, limit + 1);
  const rows = await timed<RawAuditRow>(pool, built.text, built.values);
  const page = rows.slice(0, limit);
  return {
    events: page.map((r) => normalizeEvent(r, mapping, redactor)),
    nextCursor: rows.length > limit ? normalizeEvent(page[page.length - 1]!, mapping, redactor).cursor : null,
    advice: await indexAdvice(pool, mapping, filters.entity !== undefined || filters.entityId !== undefined ? "entity" : "time"),
  };
}

export async function counts(pool: pg.Pool, mapping: AuditMapping, filters: AuditFilters) {
  const q = await queriesFor(pool, mapping);
  const run = async (dimension: "action" | "entity" | "actor") => {
    const built = q.counts(filters, dimension);
    return (await timed<{ key: string; count: number }>(pool, built.text, built.values)).map((r) => ({ key: r.key, count: r.count }));
  };
  const [byAction, byEntity, byActor] = await Promise.all([run("action"), run("entity"), run("actor")]);
  return { byAction, byEntity, byActor };
}

/**
 * One entity's history, oldest first, with the row as it was after each event:
 * the event's own after-snapshot where the layout stores one, else the previous
 * state with this event's changes applied.
 */
export async function timeline(pool: pg.Pool, mapping: AuditMapping, redactor: Redactor, entity: string, entityId: string) {
  const q = await queriesFor(pool, mapping);
  const built = q.timeline(entity, entityId, TIMELINE_LIMIT + 1);
  const rows = await timed<RawAuditRow>(pool, built.text, built.values);
  let state: unknown = null;
  const events: Array<AuditEvent & { state: unknown; group: string | null }> = [];
  for (const row of rows.slice(0, TIMELINE_LIMIT)) {
    const e = normalizeEvent(row, mapping, redactor);
    if (e.kind === "delete") state = null;
    else if (e.after !== null) state = e.after;
    else if (e.changes.length) state = applyChanges(state, Object.fromEntries(e.changes.filter((c) => !c.path.includes(".") && !c.path.includes("[")).map((c) => [c.path, { to: c.to }])));
    events.push({ ...e, state, group: e.transaction });
  }
  return { events, advice: await indexAdvice(pool, mapping, "entity"), truncated: rows.length > TIMELINE_LIMIT };
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
  const { rows } = await pool.query<{ name: string; columns: Array<string | null> }>(indexColumnsOfTable, [mapping.schema, mapping.table]);
  // usable when an index starts with the equality columns (entity, id) or with the sort column
  const lead = use === "entity" ? wanted.slice(0, wanted.length - 1) : wanted.slice(0, 1);
  const usable = rows.some((r) => lead.every((col, i) => r.columns[i] === col));
  if (usable) return [];
  const table = `${quoteIdent(mapping.schema)}.${quoteIdent(mapping.table)}`;
  const cols = wanted.map(quoteIdent).join(", ");
  return [
    {
      message:
        use === "entity"
          ? `No index on ${lead.join(", ")}: every timeline reads the whole audit table.`
          : `No index on ${c.time}: every page sorts the whole audit table.`,
      sql: `CREATE INDEX CONCURRENTLY ON ${table} (${cols});`,
    },
  ];
}
