/**
 * The statistics-based bloat estimates DBAs widely use (ioguix's btree_bloat.sql and
 * table_bloat.sql), computed from catalog rows: expected pages from reltuples and the
 * average width of the columns in pg_stats, against the pages the relation has. No
 * relation is read. Arithmetic follows the SQL originals, integer divisions included.
 */

const MAXALIGN = 8; // 64-bit servers
const PAGE_HEADER = 24;
const BTREE_OPAQUE = 16;

export interface ColumnWidth {
  nullFrac: number;
  avgWidth: number;
}

/** schema -> relation -> column -> statistics. */
export type WidthLookup = (schema: string, rel: string, att: string) => ColumnWidth | undefined;

export function widthLookup(
  rows: Array<{ schema: string; rel: string; att: string; null_frac: number; avg_width: number }>,
): WidthLookup {
  const map = new Map<string, ColumnWidth>();
  for (const r of rows)
    map.set(`${r.schema}\u0000${r.rel}\u0000${r.att}`, { nullFrac: r.null_frac, avgWidth: r.avg_width });
  return (schema, rel, att) => map.get(`${schema}\u0000${rel}\u0000${att}`);
}

export interface Estimate {
  realBytes: number;
  bloatBytes: number;
  bloatPct: number;
  /** The estimate cannot judge this relation (name columns, missing statistics). */
  notApplicable: boolean;
}

function pad(size: number): number {
  return size % MAXALIGN === 0 ? MAXALIGN : size % MAXALIGN;
}

function result(pages: number, estimated: number, blockSize: number, notApplicable: boolean): Estimate {
  const extra = pages - estimated;
  return {
    realBytes: pages * blockSize,
    bloatBytes: extra > 0 ? extra * blockSize : 0,
    bloatPct: pages > 0 && extra > 0 ? (100 * extra) / pages : 0,
    notApplicable,
  };
}

export interface BtreeInput {
  schema: string;
  reltuples: number;
  relpages: number;
  fillfactor: number;
  statRels: string[];
  statAtts: string[];
  hasName: boolean;
}

export function btreeBloat(i: BtreeInput, widths: WidthLookup, blockSize: number): Estimate | undefined {
  const stats = i.statAtts
    .map((att, k) => widths(i.schema, i.statRels[k]!, att))
    .filter((s): s is ColumnWidth => s !== undefined);
  // Like the original's inner join on pg_stats: no statistics, no estimate (and never analyzed: reltuples -1).
  if (stats.length === 0 || i.reltuples < 0) return undefined;
  const tupleHeader = stats.some((s) => s.nullFrac > 0) ? 8 + Math.floor((32 + 8 - 1) / 8) : 8;
  const dataWidth = stats.reduce((sum, s) => sum + (1 - s.nullFrac) * s.avgWidth, 0);
  const roundedData = Math.round(dataWidth);
  const width =
    tupleHeader +
    MAXALIGN -
    pad(tupleHeader) +
    dataWidth +
    MAXALIGN -
    (dataWidth === 0 ? 0 : pad(roundedData));
  const perPage = Math.floor(((blockSize - BTREE_OPAQUE - PAGE_HEADER) * i.fillfactor) / (100 * (4 + width)));
  const estimated = 1 + Math.ceil(i.reltuples / perPage);
  return result(i.relpages, estimated, blockSize, i.hasName);
}

export interface TableInput {
  schema: string;
  table: string;
  reltuples: number;
  relpages: number;
  toastPages: number;
  toastTuples: number;
  fillfactor: number;
  atts: string[];
  hasName: boolean;
}

export function tableBloat(t: TableInput, widths: WidthLookup, blockSize: number): Estimate | undefined {
  if (t.reltuples < 0) return undefined;
  const stats = t.atts
    .map((a) => widths(t.schema, t.table, a))
    .filter((s): s is ColumnWidth => s !== undefined);
  const header = 23 + (stats.some((s) => s.nullFrac > 0) ? Math.floor((7 + stats.length) / 8) : 0);
  const data = stats.reduce((sum, s) => sum + (1 - s.nullFrac) * s.avgWidth, 0);
  const tuple = 4 + header + data + 2 * MAXALIGN - pad(header) - pad(Math.ceil(data));
  const estimated =
    Math.ceil(t.reltuples / (((blockSize - PAGE_HEADER) * t.fillfactor) / (tuple * 100))) +
    Math.ceil(t.toastTuples / 4);
  return result(t.relpages + t.toastPages, estimated, blockSize, t.hasName || stats.length !== t.atts.length);
}
