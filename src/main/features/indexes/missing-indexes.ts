import type { IndexReport, MissingIndexSuggestion, TableInfo } from "../../../shared/contract/indexes";
import { quoteIdent, quoteLiteral, sql, type Sql } from "../../db/sql";
import { createIndexSql, type IndexShape, type SuggestedMethod } from "./index-ddl";
import type { IndexRecord } from "./index-inventory";
import type { Thresholds } from "./index-thresholds";
import type { AccessScope, ColumnUse, Predicate, RelationRef } from "./statement-access";

type SeqScanTable = IndexReport["missing"]["seqScanTables"][number];
type Evidence = MissingIndexSuggestion["evidence"][number];

/** Section 9's query with PgHero's thresholds: many sequential scans of a large table, few index scans. */
export function seqScanTables(tables: TableInfo[], t: Thresholds): SeqScanTable[] {
  return tables
    .map((tb) => {
      const total = tb.seqScans + tb.indexScans;
      return {
        schema: tb.schema,
        table: tb.name,
        seqScans: tb.seqScans,
        seqTuplesRead: tb.seqTuplesRead,
        indexScans: tb.indexScans,
        liveRows: tb.liveRows,
        indexScanShare: total > 0 ? tb.indexScans / total : 0,
        rowsPerSeqScan: tb.seqScans > 0 ? Math.round(tb.seqTuplesRead / tb.seqScans) : 0,
      };
    })
    .filter(
      (r) => r.seqScans >= t.seqScanMin && r.liveRows >= t.minRows && r.indexScanShare < t.maxIndexScanShare,
    )
    .sort((a, b) => b.seqTuplesRead - a.seqTuplesRead)
    .slice(0, 50);
}

export interface ColumnStat {
  type: string;
  /** pg_stats.n_distinct: > 0 a count, < 0 a fraction of the rows; null without statistics. */
  nDistinct: number | null;
  /** The rarest most-common value's frequency: on skewed columns some values are selective. */
  minMcvFreq?: number | null;
}

const TEXT_TYPES = new Set(["text", "varchar", "bpchar", "citext"]);

export interface AnalyzedStatement {
  evidence: Evidence;
  scopes: AccessScope[];
}

export interface MissingInput {
  statements: AnalyzedStatement[];
  tables: TableInfo[];
  indexes: IndexRecord[];
  /** table oid -> column name -> statistics. */
  columns: Map<number, Map<string, ColumnStat>>;
  thresholds: Thresholds;
}

/** A combined equality filter keeping more than this share of the rows is not worth a btree index. */
const MAX_EQ_SELECTIVITY = 0.1;

interface Draft {
  table: TableInfo;
  kind: MissingIndexSuggestion["kind"];
  method: SuggestedMethod;
  columns: string[];
  elements: Sql[];
  reason: string;
  requiresExtension: string | null;
  evidence: Evidence[];
}

/**
 * Suggestions from the statements' WHERE/ORDER BY columns on large tables that no
 * existing index can serve: one btree per filter shape (equality columns most selective
 * first, then one range or the ORDER BY columns), a trigram GIN for LIKE/ILIKE, a GIN
 * for full-text @@. Identical suggestions from several statements are merged.
 */
export function missingIndexSuggestions(input: MissingInput): MissingIndexSuggestion[] {
  const drafts = new Map<string, Draft>();
  for (const statement of input.statements) {
    for (const scope of statement.scopes) {
      for (const draft of scopeDrafts(scope, input)) {
        const key = `${draft.table.oid}:${draft.kind}:${draft.elements.join(",")}`;
        const existing = drafts.get(key);
        if (existing) {
          if (!existing.evidence.some((e) => e.queryId === statement.evidence.queryId))
            existing.evidence.push(statement.evidence);
        } else drafts.set(key, { ...draft, evidence: [statement.evidence] });
      }
    }
  }
  return [...drafts.entries()]
    .map(([key, d]): MissingIndexSuggestion => {
      const shape: IndexShape = {
        schema: d.table.schema,
        table: d.table.name,
        method: d.method,
        elements: d.elements,
        nameParts: d.columns,
      };
      const evidence = d.evidence.sort((a, b) => b.totalTimeMs - a.totalTimeMs);
      return {
        id: key,
        schema: d.table.schema,
        table: d.table.name,
        kind: d.kind,
        method: d.method,
        columns: d.columns,
        reason: d.reason,
        evidence,
        requiresExtension: d.requiresExtension,
        create: { label: "Create index", sql: createIndexSql(shape, true) },
        whatIf: null,
      };
    })
    .sort((a, b) => totalTime(b) - totalTime(a));
}

function totalTime(s: MissingIndexSuggestion): number {
  return s.evidence.reduce((sum, e) => sum + e.totalTimeMs, 0);
}

/** The plain CREATE INDEX (no CONCURRENTLY) of a suggestion, for hypopg. */
export function hypotheticalSql(s: MissingIndexSuggestion): string {
  return s.create.sql.replace(/^CREATE INDEX CONCURRENTLY /, "CREATE INDEX ").replace(/;$/, "");
}

function scopeDrafts(scope: AccessScope, input: MissingInput): Omit<Draft, "evidence">[] {
  const resolved = scope.relations.map((r) => ({ ref: r, table: resolveTable(r, input.tables) }));
  const uses = new Map<
    number,
    { table: TableInfo; predicates: Predicate[]; orderBy: string[]; orderForeign: boolean }
  >();
  const useOf = (table: TableInfo) => {
    let u = uses.get(table.oid);
    if (!u) uses.set(table.oid, (u = { table, predicates: [], orderBy: [], orderForeign: false }));
    return u;
  };
  for (const p of scope.predicates) {
    const table = resolveColumn(p, resolved, input.columns);
    if (table) useOf(table).predicates.push(p);
  }
  const orderTables = new Set<number>();
  for (const o of scope.orderBy) {
    const table = resolveColumn(o, resolved, input.columns);
    if (table) {
      orderTables.add(table.oid);
      useOf(table).orderBy.push(o.column);
    } else orderTables.add(-1);
  }
  const out: Omit<Draft, "evidence">[] = [];
  for (const u of uses.values()) {
    if (u.table.liveRows < input.thresholds.minRows) continue;
    const stats = input.columns.get(u.table.oid) ?? new Map<string, ColumnStat>();
    const indexes = input.indexes.filter((i) => i.tableOid === u.table.oid && i.valid);
    const orderUsable = orderTables.size === 1 ? u.orderBy : [];
    out.push(...textSearchDrafts(u.table, u.predicates, stats, indexes));
    const btree = btreeDraft(u.table, u.predicates, orderUsable, stats, indexes);
    if (btree) out.push(btree);
  }
  return out;
}

function resolveTable(ref: RelationRef, tables: TableInfo[]): TableInfo | undefined {
  if (ref.schema) return tables.find((t) => t.schema === ref.schema && t.name === ref.name);
  const named = tables.filter((t) => t.name === ref.name);
  return named.find((t) => t.schema === "public") ?? (named.length === 1 ? named[0] : undefined);
}

function resolveColumn(
  use: ColumnUse,
  relations: Array<{ ref: RelationRef; table: TableInfo | undefined }>,
  columns: Map<number, Map<string, ColumnStat>>,
): TableInfo | undefined {
  const candidates = use.qualifier
    ? relations.filter((r) => (r.ref.alias ?? r.ref.name) === use.qualifier)
    : relations.filter((r) => r.table && columns.get(r.table.oid)?.has(use.column));
  if (candidates.length !== 1) return undefined;
  const table = candidates[0]!.table;
  return table && columns.get(table.oid)?.has(use.column) ? table : undefined;
}

function estimatedDistinct(stat: ColumnStat | undefined, rows: number): number {
  if (!stat || stat.nDistinct === null) return rows;
  return stat.nDistinct >= 0 ? stat.nDistinct : -stat.nDistinct * rows;
}

function textSearchDrafts(
  table: TableInfo,
  predicates: Predicate[],
  stats: Map<string, ColumnStat>,
  indexes: IndexRecord[],
): Omit<Draft, "evidence">[] {
  const out: Omit<Draft, "evidence">[] = [];
  for (const p of predicates) {
    if ((p.op === "like-any" || p.op === "like-prefix") && TEXT_TYPES.has(stats.get(p.column)?.type ?? "")) {
      const served = indexes.some(
        (i) => /\b(gin|gist)_trgm_ops\b/.test(i.definition) && i.keyAttnames.includes(p.column),
      );
      if (served) continue;
      out.push({
        table,
        kind: "trigram",
        method: "gin",
        columns: [p.column],
        elements: [sql`${quoteIdent(p.column)} gin_trgm_ops`],
        reason: `LIKE/ILIKE on ${p.column}: a btree cannot find a pattern with a leading wildcard; a trigram GIN index can (needs the pg_trgm extension).`,
        requiresExtension: "pg_trgm",
      });
    } else if (p.op === "fts") {
      const isVector = stats.get(p.column)?.type === "tsvector";
      if (!isVector && p.ftsConfig === undefined) continue;
      const served = indexes.some(
        (i) =>
          (i.method === "gin" || i.method === "gist") &&
          (isVector
            ? i.keyAttnames.includes(p.column)
            : i.hasExpressions && i.definition.includes("to_tsvector") && i.definition.includes(p.column)),
      );
      if (served) continue;
      out.push({
        table,
        kind: "fulltext",
        method: "gin",
        columns: [p.column],
        elements: [
          isVector
            ? quoteIdent(p.column)
            : sql`to_tsvector(${quoteLiteral(p.ftsConfig!)}::regconfig, ${quoteIdent(p.column)})`,
        ],
        reason: isVector
          ? `Full-text search (@@) on ${p.column}: a GIN index makes it an index lookup.`
          : `Full-text search (@@) on to_tsvector('${p.ftsConfig}', ${p.column}): a GIN index on exactly that expression serves it.`,
        requiresExtension: null,
      });
    }
  }
  return out;
}

function btreeDraft(
  table: TableInfo,
  predicates: Predicate[],
  orderBy: string[],
  stats: Map<string, ColumnStat>,
  indexes: IndexRecord[],
): Omit<Draft, "evidence"> | undefined {
  const rows = Math.max(table.liveRows, 1);
  const distinct = (c: string) => estimatedDistinct(stats.get(c), rows);
  const eq = [...new Set(predicates.filter((p) => p.op === "eq").map((p) => p.column))].sort(
    (a, b) => distinct(b) - distinct(a),
  );
  const range = [...new Set(predicates.filter((p) => p.op === "range").map((p) => p.column))]
    .filter((c) => !eq.includes(c))
    .sort((a, b) => distinct(b) - distinct(a));
  if (eq.length === 0 && range.length === 0) return undefined;
  // Any btree that starts with one of the filtered columns can already narrow the scan.
  const filtered = new Set([...eq, ...range]);
  const served = indexes.some(
    (i) =>
      i.method === "btree" &&
      i.predicate === null &&
      i.keyAttnames[0] !== null &&
      filtered.has(i.keyAttnames[0]!),
  );
  if (served) return undefined;
  // The statement's values are normalized away: a column qualifies if an average value, or
  // its rarer common values, are selective (pg_stats' most_common_freqs).
  const valueShare = (c: string) => Math.min(1 / Math.max(distinct(c), 1), stats.get(c)?.minMcvFreq ?? 1);
  const eqSelectivity = eq.reduce((s, c) => s * valueShare(c), 1);
  if (range.length === 0 && eqSelectivity > MAX_EQ_SELECTIVITY) return undefined;
  const tail = range.length > 0 ? [range[0]!] : orderBy.filter((c) => !eq.includes(c));
  const columns = [...eq, ...tail];
  const described = columns.map((c) => {
    const d = Math.round(distinct(c));
    const how = eq.includes(c) ? "=" : range.includes(c) ? "range" : "ORDER BY";
    return `${c} (${how}, ~${d.toLocaleString("en-US")} distinct)`;
  });
  return {
    table,
    kind: "btree",
    method: "btree",
    columns,
    elements: columns.map(quoteIdent),
    reason: `Filters on ${described.join(", ")} of ${Math.round(rows).toLocaleString("en-US")} rows, and no index starts with any of these columns; most selective columns first.`,
    requiresExtension: null,
  };
}
