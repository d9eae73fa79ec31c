import type { IndexReport } from "../../../../shared/contract/indexes";

export type IndexInfo = IndexReport["indexes"][number];
export type TableInfo = IndexReport["tables"][number];
export type SortKey = "name" | "table" | "method" | "sizeBytes" | "scans" | "tuplesRead" | "lastScanAt";
export interface InventorySort {
  key: SortKey;
  desc: boolean;
}

/** Biggest first: the question is usually which indexes cost the most space. */
export const defaultInventorySort: InventorySort = { key: "sizeBytes", desc: true };

/** Access methods present (btree, gin, …), for the filter. */
export function indexMethods(indexes: IndexInfo[]): string[] {
  return [...new Set(indexes.map((i) => i.method))].sort();
}

/**
 * Indexes of one method (all when ""), whose "schema.table name definition" contains the
 * search text (any case), in the chosen order.
 */
export function inventoryRows(
  indexes: IndexInfo[],
  { search, method, sort }: { search: string; method: string; sort: InventorySort },
): IndexInfo[] {
  const q = search.trim().toLowerCase();
  const filtered = indexes.filter(
    (i) =>
      (!method || i.method === method) &&
      (!q || `${i.schema}.${i.table} ${i.name} ${i.definition}`.toLowerCase().includes(q)),
  );
  const dir = sort.desc ? -1 : 1;
  return filtered.sort((a, b) => dir * compareValues(a[sort.key], b[sort.key]));
}

/** Nulls (never scanned) sort before any value; numbers by value, text by locale. */
export function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

/** Clicking the sorted column flips it; another column starts biggest-first if numeric, A-Z if not. */
export function nextSort(current: InventorySort, key: SortKey, numeric: boolean): InventorySort {
  return { key, desc: current.key === key ? !current.desc : numeric };
}

/** What else is worth knowing about an index, in a few words. */
export function indexNotes(i: IndexInfo): string[] {
  const out: string[] = [];
  if (i.constraint) out.push(`${i.constraint.type} constraint ${i.constraint.name}`);
  else if (i.unique) out.push("unique");
  if (i.predicate) out.push(`partial: WHERE ${i.predicate}`);
  if (i.hasExpressions) out.push("expression");
  if (i.includeColumns.length) out.push(`INCLUDE ${i.includeColumns.join(", ")}`);
  if (!i.valid) out.push("INVALID");
  if (!i.ready) out.push("not ready");
  return out;
}

/**
 * When the index was last scanned. PostgreSQL 16 records it, so no date there means
 * "never"; older servers do not know ("—").
 */
export function lastScanText(
  lastScanAt: string | null,
  serverVersionNum: number,
  formatDate: (iso: string) => string = (iso) => new Date(iso).toLocaleString(),
): string {
  if (lastScanAt) return formatDate(lastScanAt);
  return serverVersionNum >= 160000 ? "never" : "—";
}

/** The tables that read the most rows by sequential scan: where an index may be missing. */
export function busiestSeqScanTables(tables: TableInfo[], limit = 20): TableInfo[] {
  return [...tables].sort((a, b) => b.seqTuplesRead - a.seqTuplesRead).slice(0, limit);
}
