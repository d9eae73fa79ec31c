import type { BloatEstimate, IndexReport } from "../../../shared/contract/indexes";
import { concurrentCreate, dropIndex, reindexIndex } from "./index-ddl";
import { btreeBloat, tableBloat, type Estimate, type WidthLookup } from "./bloat-estimate";
import type { IndexRecord } from "./index-inventory";
import type { Thresholds } from "./index-thresholds";

type Unused = IndexReport["unused"][number];
type Duplicate = IndexReport["duplicates"][number];
type Invalid = IndexReport["invalid"][number];

/** An index that enforces something (a constraint, uniqueness) is never proposed for dropping. */
export function enforcesSomething(i: IndexRecord): boolean {
  return i.primary || i.unique || i.constraint !== null;
}

function ref(i: IndexRecord) {
  return { oid: i.oid, schema: i.schema, table: i.table, name: i.name, sizeBytes: i.sizeBytes };
}

/**
 * Valid indexes never scanned since statistics were reset, above the size floor. A
 * partitioned table's parent index is never scanned itself (its partitions' are).
 */
export function unusedIndexes(indexes: IndexRecord[], t: Thresholds): Unused[] {
  return indexes
    .filter(
      (i) =>
        i.valid &&
        !i.partitioned &&
        i.scans === 0 &&
        !enforcesSomething(i) &&
        i.sizeBytes >= t.unusedMinBytes,
    )
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .map((i) => ({ ...ref(i), definition: i.definition, scans: i.scans, fix: dropIndex(i.schema, i.name) }));
}

/**
 * PgHero's rule: an index is redundant when another valid index on the same table,
 * with the same method, expressions and predicate, starts with all of its key columns
 * (same operator class, collation and order). Of two identical indexes the one with the
 * later name goes, unless the other enforces something. Unique and constraint indexes
 * are never the redundant one.
 */
export function duplicateIndexes(indexes: IndexRecord[]): Duplicate[] {
  const byTable = new Map<number, IndexRecord[]>();
  for (const i of indexes) {
    if (!i.valid) continue;
    byTable.set(i.tableOid, [...(byTable.get(i.tableOid) ?? []), i]);
  }
  const out: Duplicate[] = [];
  for (const siblings of byTable.values()) {
    for (const index of siblings) {
      if (enforcesSomething(index)) continue;
      const covering = siblings.find(
        (other) =>
          other.oid !== index.oid &&
          other.method === index.method &&
          other.expressions === index.expressions &&
          other.predicate === index.predicate &&
          isPrefix(index.keyColumns, other.keyColumns) &&
          includesCovered(index, other) &&
          (other.keyColumns.length > index.keyColumns.length ||
            enforcesSomething(other) ||
            index.name > other.name),
      );
      if (!covering) continue;
      const exact = covering.keyColumns.length === index.keyColumns.length;
      out.push({
        ...ref(index),
        definition: index.definition,
        kind: exact ? "exact" : "prefix",
        coveredBy: { oid: covering.oid, name: covering.name, definition: covering.definition },
        fix: dropIndex(index.schema, index.name),
      });
    }
  }
  return out.sort((a, b) => a.table.localeCompare(b.table) || a.name.localeCompare(b.name));
}

function isPrefix(short: string[], long: string[]): boolean {
  return short.length <= long.length && short.every((c, i) => long[i] === c);
}

/** An index with INCLUDE columns only duplicates one that carries those columns too. */
function includesCovered(index: IndexRecord, other: IndexRecord): boolean {
  const carried = new Set([...other.columns, ...other.includeColumns]);
  return index.includeColumns.every((c) => carried.has(c));
}

/** Indexes a failed CREATE/REINDEX CONCURRENTLY left behind, with the way out. */
export function invalidIndexes(indexes: IndexRecord[]): Invalid[] {
  return indexes
    .filter((i) => !i.valid)
    .map((i) => {
      const leftover = /_ccnew\d*$/.test(i.name);
      const fixes = leftover
        ? [dropIndex(i.schema, i.name)]
        : [
            reindexIndex(i.schema, i.name),
            { label: "Or drop it…", sql: dropIndex(i.schema, i.name).sql },
            { label: "…and build it again", sql: concurrentCreate(i.definition).sql },
          ];
      const note = leftover
        ? "A REINDEX CONCURRENTLY failed and left this copy behind; the original index is intact. Drop the copy."
        : i.unique
          ? "A concurrent build of this unique index failed, most often because the table holds duplicate values. Remove the duplicates first, then rebuild it; until then it is maintained on every write but never used."
          : "A concurrent build failed or was cancelled. The index is maintained on every write but never used by queries: rebuild it, or drop and create it again.";
      return {
        oid: i.oid,
        schema: i.schema,
        table: i.table,
        name: i.name,
        sizeBytes: i.sizeBytes,
        definition: i.definition,
        ready: i.ready,
        note,
        fixes,
      };
    });
}

export interface BtreeBloatRow {
  oid: string;
  schema: string;
  table: string;
  name: string;
  reltuples: number;
  relpages: number;
  fillfactor: number;
  stat_rels: string[];
  stat_atts: string[];
  has_name: boolean;
}

export interface TableBloatRow {
  oid: string;
  schema: string;
  table: string;
  reltuples: number;
  relpages: number;
  toast_pages: number;
  toast_tuples: number;
  fillfactor: number;
  atts: string[];
  has_name: boolean;
}

/** Estimates flagged above both thresholds; relations the estimate cannot judge are left out. */
export function bloatEstimates(
  indexRows: BtreeBloatRow[],
  tableRows: TableBloatRow[],
  widths: WidthLookup,
  blockSize: number,
  t: Thresholds,
): BloatEstimate[] {
  const out: BloatEstimate[] = [];
  const flag = (e: Estimate) => e.bloatPct >= t.bloatPct && e.bloatBytes >= t.bloatMinBytes;
  for (const r of indexRows) {
    const e = btreeBloat(
      {
        schema: r.schema,
        reltuples: r.reltuples,
        relpages: r.relpages,
        fillfactor: r.fillfactor,
        statRels: r.stat_rels,
        statAtts: r.stat_atts,
        hasName: r.has_name,
      },
      widths,
      blockSize,
    );
    if (!e || e.notApplicable) continue;
    out.push({
      oid: Number(r.oid),
      schema: r.schema,
      table: r.table,
      index: r.name,
      realBytes: e.realBytes,
      bloatBytes: e.bloatBytes,
      bloatPct: round1(e.bloatPct),
      flagged: flag(e),
      fix: reindexIndex(r.schema, r.name),
    });
  }
  for (const r of tableRows) {
    const e = tableBloat(
      {
        schema: r.schema,
        table: r.table,
        reltuples: r.reltuples,
        relpages: r.relpages,
        toastPages: r.toast_pages,
        toastTuples: r.toast_tuples,
        fillfactor: r.fillfactor,
        atts: r.atts,
        hasName: r.has_name,
      },
      widths,
      blockSize,
    );
    if (!e || e.notApplicable) continue;
    out.push({
      oid: Number(r.oid),
      schema: r.schema,
      table: r.table,
      index: null,
      realBytes: e.realBytes,
      bloatBytes: e.bloatBytes,
      bloatPct: round1(e.bloatPct),
      flagged: flag(e),
      fix: null,
      note: "VACUUM reclaims dead rows for reuse but does not shrink the file; VACUUM FULL rewrites it under an exclusive lock, pg_repack does it online.",
    });
  }
  return out.sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.bloatBytes - a.bloatBytes);
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
