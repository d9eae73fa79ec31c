import type { RowFilter } from "../../../../../shared/contract/schema";
import { count } from "../../../../../shared/format/plural";

export type RowSort = { column: string; direction: "asc" | "desc" };

export const FILTER_OPS: RowFilter["op"][] = [
  "=",
  "<>",
  "<",
  "<=",
  ">",
  ">=",
  "contains",
  "isNull",
  "notNull",
];

/** IS NULL and IS NOT NULL compare with nothing. */
export const takesValue = (op: RowFilter["op"]) => op !== "isNull" && op !== "notNull";

/** A header click cycles its column: ascending, descending, then back to the table's key order. */
export function nextRowSort(sort: RowSort | undefined, column: string): RowSort | undefined {
  if (sort?.column !== column) return { column, direction: "asc" };
  return sort.direction === "asc" ? { column, direction: "desc" } : undefined;
}

export const sortMarker = (sort: RowSort | undefined, column: string) =>
  sort?.column === column ? (sort.direction === "asc" ? " ▲" : " ▼") : "";

/** pg_class.reltuples, or the fact that the table was never analyzed. */
export const rowEstimateText = (estimate: number | null | undefined) =>
  estimate == null ? "not analyzed" : `~${count(estimate, "row")} (estimate)`;

/** A filter as its chip reads: "status = open", "deletedAt isNull". */
export const filterLabel = (f: RowFilter) => `${f.column} ${f.op} ${f.value ?? ""}`;
