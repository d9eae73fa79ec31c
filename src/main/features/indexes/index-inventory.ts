import type { IndexInfo, TableInfo } from "../../../shared/contract/indexes";

export interface IndexRow {
  oid: string;
  table_oid: string;
  schema: string;
  table: string;
  name: string;
  definition: string;
  method: string;
  key_count: number;
  elements: string[];
  key_attnames: Array<string | null>;
  indkey: string;
  indclass: string;
  indcollation: string;
  indoption: string;
  expressions: string | null;
  predicate: string | null;
  size_bytes: number;
  scans: number;
  tuples_read: number;
  tuples_fetched: number;
  last_scan: Date | null;
  is_unique: boolean;
  is_primary: boolean;
  constraint_name: string | null;
  constraint_type: "p" | "u" | "x" | null;
  valid: boolean;
  ready: boolean;
  is_partitioned: boolean;
}

/** An index with what the verdicts compare but the renderer does not need. */
export interface IndexRecord extends IndexInfo {
  tableOid: number;
  /** One key per key column: attnum/opclass/collation/option; equal keys mean an equal column. */
  keyColumns: string[];
  /** Column names of the key columns; null where the column is an expression. */
  keyAttnames: Array<string | null>;
  expressions: string | null;
  /** The parent index of a partitioned table: no scans of its own, no CONCURRENTLY. */
  partitioned: boolean;
}

const CONSTRAINT_TYPES = { p: "primary", u: "unique", x: "exclusion" } as const;

export function toIndexRecord(r: IndexRow): IndexRecord {
  const keyCount = r.key_count;
  const attnums = r.indkey.split(" ");
  const classes = r.indclass.split(" ");
  const collations = r.indcollation.split(" ");
  const options = r.indoption.split(" ");
  const keyColumns = attnums
    .slice(0, keyCount)
    .map((a, i) => `${a}/${classes[i] ?? ""}/${collations[i] ?? ""}/${options[i] ?? ""}`);
  return {
    oid: Number(r.oid),
    tableOid: Number(r.table_oid),
    schema: r.schema,
    table: r.table,
    name: r.name,
    definition: r.definition,
    method: r.method,
    columns: r.elements.slice(0, keyCount),
    includeColumns: r.elements.slice(keyCount),
    predicate: r.predicate,
    hasExpressions: r.expressions !== null,
    sizeBytes: r.size_bytes,
    scans: r.scans,
    tuplesRead: r.tuples_read,
    tuplesFetched: r.tuples_fetched,
    lastScanAt: r.last_scan ? r.last_scan.toISOString() : null,
    unique: r.is_unique,
    primary: r.is_primary,
    constraint:
      r.constraint_name && r.constraint_type
        ? { name: r.constraint_name, type: CONSTRAINT_TYPES[r.constraint_type] }
        : null,
    valid: r.valid,
    ready: r.ready,
    keyColumns,
    keyAttnames: r.key_attnames.slice(0, keyCount),
    expressions: r.expressions,
    partitioned: r.is_partitioned,
  };
}

/** What crosses to the renderer: the contract's fields only. */
export function toIndexInfo(r: IndexRecord): IndexInfo {
  const { tableOid: _t, keyColumns: _k, keyAttnames: _a, expressions: _e, partitioned: _p, ...info } = r;
  return info;
}

export interface TableRow {
  oid: string;
  schema: string;
  name: string;
  seq_scans: number;
  seq_tup_read: number;
  idx_scans: number;
  live_rows: number;
  size_bytes: number;
  index_count: number;
}

export function toTableInfo(r: TableRow): TableInfo {
  return {
    oid: Number(r.oid),
    schema: r.schema,
    name: r.name,
    seqScans: r.seq_scans,
    seqTuplesRead: r.seq_tup_read,
    indexScans: r.idx_scans,
    liveRows: r.live_rows,
    sizeBytes: r.size_bytes,
    indexCount: r.index_count,
  };
}
