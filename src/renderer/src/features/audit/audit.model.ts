import type { OutputOf } from "../../../../shared/contract";
import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";

type Detection = OutputOf<"audit:detect">;

/** A source is one table: "schema.table". */
export const sourceKey = (m: AuditMapping) => `${m.schema}.${m.table}`;

/** Detected tables first, then saved mappings; a table both detected and saved is listed once. */
export function auditSources(detect: Detection | undefined): AuditMapping[] {
  return [...(detect?.detected.map((d) => d.mapping) ?? []), ...(detect?.saved ?? [])].filter(
    (m, i, all) => all.findIndex((x) => sourceKey(x) === sourceKey(m)) === i,
  );
}

/** Index advice follows the question asked: one entity's history, or a time range. */
export function adviceUse(filters: AuditFilters): "entity" | "time" {
  return filters.entity !== undefined || filters.entityId !== undefined ? "entity" : "time";
}

/** The meanings a column of a hand-mapped table can have; id and time are required. */
export const MAPPING_ROLES = [
  "id",
  "time",
  "entity",
  "entityId",
  "action",
  "actor",
  "tenant",
  "before",
  "after",
  "changes",
  "transaction",
] as const;

export const isRequiredRole = (role: string) => role === "id" || role === "time";

/** The chosen columns by role; roles left at "—" are not sent. */
export function mappingColumns(chosen: Record<string, string>): AuditMapping["columns"] {
  return Object.fromEntries(Object.entries(chosen).filter(([, v]) => v)) as AuditMapping["columns"];
}

export function canSaveMapping(chosen: Record<string, string>): boolean {
  return Boolean(chosen.id && chosen.time);
}

/**
 * The filter form as typed, to what main is asked: blank boxes are left out, text is
 * trimmed, and the datetime-local boxes (local time) become ISO instants.
 */
export function filtersFromDraft(draft: Record<string, string>): AuditFilters {
  const f: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(draft)) {
    if (!v.trim()) continue;
    if (k === "exact") {
      if (v === "true") f.exact = true;
      continue;
    }
    f[k] = k === "from" || k === "to" ? new Date(v).toISOString() : v.trim();
  }
  return f as AuditFilters;
}

/** The row focus moves to for a key in the events list, or undefined when the key does not move it. */
export function nextRow(key: string, current: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case "ArrowDown":
      return Math.min(count - 1, current + 1);
    case "ArrowUp":
      return Math.max(0, current - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    case "PageDown":
      return Math.min(count - 1, current + 10);
    case "PageUp":
      return Math.max(0, current - 10);
    default:
      return undefined;
  }
}

/** How an actor reads: the name from the actor table with its id, else the id said to be one. */
export function actorText(actor: string | null, label: string | null | undefined): string {
  if (actor === null) return "unknown actor";
  return label ? `${label} (${actor})` : `actor id ${actor}`;
}

export interface EntityLink {
  key: string;
  entity: string;
  id: string;
}

/**
 * Fields named like `userId` or `order_id` with a scalar value point at another entity's
 * timeline: `userId` → User, `order_item_id` → OrderItem.
 */
export function foreignKeyLinks(state: unknown): EntityLink[] {
  if (!state || typeof state !== "object") return [];
  return Object.entries(state as Record<string, unknown>).flatMap(([key, value]) => {
    const m = /^(.+?)(Id|_id)$/.exec(key);
    if (!m || (typeof value !== "string" && typeof value !== "number")) return [];
    const base = m[1]!;
    const entity =
      base.charAt(0).toUpperCase() + base.slice(1).replace(/_(\w)/g, (_x, c: string) => c.toUpperCase());
    return [{ key, entity, id: String(value) }];
  });
}

export type ExportFormat = "csv" | "json";

/** A first suggestion for the export file: the name made safe, under /tmp. */
export function defaultExportPath(name: string): string {
  return `/tmp/${name.replace(/[^\w.-]+/g, "_")}.csv`;
}

/** Switching the format renames a .csv/.json path to match; any other path is left as typed. */
export function withFormatExtension(path: string, format: ExportFormat): string {
  return path.replace(/\.(csv|json)$/, `.${format}`);
}
