import type pg from "pg";
import type { AuditEvent, AuditMapping } from "../../../shared/contract/audit";
import { joinSql, quoteIdent, quoteQualified, sql } from "../../db/sql";

/** A table as the catalog scan sees it (audit-layouts' CatalogTable has this shape; it imports this file). */
interface CatalogTableShape {
  schema: string;
  table: string;
  columns: Array<{ name: string }>;
}

const ACTOR_TABLES = ["users", "user", "User", "accounts", "account", "members", "people"];
/** Columns that name a person, best first; first and last name go together. */
const LABELS: string[][] = [
  ["email"],
  ["display_name"],
  ["displayName"],
  ["username"],
  ["name"],
  ["first_name", "last_name"],
  ["firstName", "lastName"],
];

/** The table in the audit table's schema whose ids the actor column holds, and how to name a row of it. */
export function findActorTable(
  audit: Pick<CatalogTableShape, "schema">,
  tables: CatalogTableShape[],
): AuditMapping["actorTable"] {
  for (const name of ACTOR_TABLES) {
    const t = tables.find((x) => x.schema === audit.schema && x.table === name);
    if (!t || !t.columns.some((c) => c.name === "id")) continue;
    const label = LABELS.find((cols) => cols.every((c) => t.columns.some((x) => x.name === c)));
    if (label) return { schema: t.schema, table: t.table, id: "id", label };
  }
  return undefined;
}

/** Adds each event's actor name from the actor table (one query for the page); ids not found stay unnamed. */
export async function withActorLabels<E extends AuditEvent>(
  pool: pg.Pool,
  mapping: AuditMapping,
  events: E[],
): Promise<E[]> {
  const t = mapping.actorTable;
  const ids = [...new Set(events.map((e) => e.actor).filter((a): a is string => a !== null))];
  if (!t || ids.length === 0) return events;
  const label = joinSql(
    t.label.map((c) => sql`${quoteIdent(c)}::text`),
    sql`, `,
  );
  const { rows } = await pool.query<{ id: string; label: string | null }>(
    sql`SELECT ${quoteIdent(t.id)}::text AS id, concat_ws(' ', ${label}) AS label
          FROM ${quoteQualified(t.schema, t.table)}
         WHERE ${quoteIdent(t.id)}::text = ANY($1::text[])`,
    [ids],
  );
  const names = new Map(rows.filter((r) => r.label).map((r) => [r.id, r.label!]));
  return events.map((e) => ({ ...e, actorLabel: e.actor !== null ? (names.get(e.actor) ?? null) : null }));
}
