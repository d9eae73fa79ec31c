import type pg from "pg";
import type { IndexReport, IndexThresholds } from "../../../shared/contract/indexes";
import { serverVersion } from "../../db/server-version";
import { parseStatements } from "../../db/sql-parser";
import { toIndexInfo, toIndexRecord, toTableInfo, type IndexRow, type TableRow } from "./index-inventory";
import { withDefaults } from "./index-thresholds";
import { widthLookup } from "./bloat-estimate";
import {
  bloatEstimates,
  duplicateIndexes,
  invalidIndexes,
  unusedIndexes,
  type BtreeBloatRow,
  type TableBloatRow,
} from "./index-verdicts";
import {
  btreeBloatInputs,
  columnStats,
  columnWidths,
  indexContext,
  indexInventory15,
  indexInventory16,
  tableBloatInputs,
  tableInventory,
  topStatements,
} from "./indexes.sql";
import {
  missingIndexSuggestions,
  seqScanTables,
  type AnalyzedStatement,
  type ColumnStat,
} from "./missing-indexes";
import { statementScopes } from "./statement-access";
import { proveWithHypopg } from "./what-if.hypopg";

interface ContextRow {
  database: string;
  block_size: number;
  stats_reset: Date | null;
  stats_age: number | null;
  standbys: number;
}

interface StatementRow {
  query_id: string;
  query: string;
  calls: number;
  total_ms: number;
  mean_ms: number;
}

type StatementsResult = { rows: StatementRow[] } | { unavailable: string };

export interface ReportOptions {
  whatIf?: boolean;
  thresholds?: IndexThresholds;
}

/**
 * The index report: seven catalog queries run concurrently (context, indexes, tables,
 * the inputs of both bloat estimates, column widths, pg_stat_statements), then one for the statistics of the columns
 * the statements touch; verdicts are computed here. Optional what-if proof via hypopg.
 */
export async function buildIndexReport(pool: pg.Pool, options: ReportOptions = {}): Promise<IndexReport> {
  const thresholds = withDefaults(options.thresholds);
  // the version picks the inventory query (asked once per pool)
  const version = (await serverVersion(pool)).num;
  const [context, indexRows, tableRows, indexBloat, heapBloat, widths, statements] = await Promise.all([
    pool.query<ContextRow>(indexContext),
    pool.query<IndexRow>(version >= 160000 ? indexInventory16 : indexInventory15),
    pool.query<TableRow>(tableInventory),
    pool.query<BtreeBloatRow>(btreeBloatInputs),
    pool.query<TableBloatRow>(tableBloatInputs),
    pool.query<{ schema: string; rel: string; att: string; null_frac: number; avg_width: number }>(
      columnWidths,
    ),
    loadStatements(pool),
  ]);
  const ctx = context.rows[0]!;
  const indexes = indexRows.rows.map(toIndexRecord);
  const tables = tableRows.rows.map(toTableInfo);

  const analyzed: AnalyzedStatement[] = [];
  if ("rows" in statements) {
    for (const row of statements.rows) {
      const scopes = await scopesOf(row.query);
      if (scopes.length === 0) continue;
      analyzed.push({
        evidence: {
          queryId: row.query_id,
          query: row.query,
          calls: row.calls,
          totalTimeMs: row.total_ms,
          meanTimeMs: row.mean_ms,
        },
        scopes,
      });
    }
  }
  const touched = touchedTables(analyzed, tables);
  const columns =
    touched.length > 0 ? await loadColumnStats(pool, touched) : new Map<number, Map<string, ColumnStat>>();
  let suggestions = missingIndexSuggestions({ statements: analyzed, tables, indexes, columns, thresholds });
  let dropped: typeof suggestions = [];
  let whatIf: IndexReport["missing"]["whatIf"] = { state: "not-run" };
  if (options.whatIf) {
    const outcome = await proveWithHypopg(pool, suggestions);
    ({ kept: suggestions, dropped } = outcome);
    whatIf = outcome.status;
  }

  return {
    serverVersionNum: version,
    database: ctx.database,
    statsResetAt: ctx.stats_reset ? ctx.stats_reset.toISOString() : null,
    statsAgeSeconds: ctx.stats_age,
    standbys: ctx.standbys,
    thresholds,
    indexes: indexes.map(toIndexInfo),
    tables,
    unused: unusedIndexes(indexes, thresholds),
    duplicates: duplicateIndexes(indexes),
    invalid: invalidIndexes(indexes),
    bloat: bloatEstimates(
      indexBloat.rows,
      heapBloat.rows,
      widthLookup(widths.rows),
      ctx.block_size,
      thresholds,
    ),
    missing: {
      seqScanTables: seqScanTables(tables, thresholds),
      suggestions,
      dropped,
      statements:
        "rows" in statements
          ? { available: true, analyzed: analyzed.length }
          : { available: false, analyzed: 0, message: statements.unavailable },
      whatIf,
    },
  };
}

async function loadStatements(pool: pg.Pool): Promise<StatementsResult> {
  try {
    return { rows: (await pool.query<StatementRow>(topStatements)).rows };
  } catch (err) {
    const code = (err as { code?: string }).code;
    // 42P01: not installed in this database; 55000: installed but not preloaded.
    if (code === "42P01" || code === "55000") {
      return {
        unavailable:
          code === "42P01"
            ? "pg_stat_statements is not installed in this database: add it to shared_preload_libraries, restart, and run CREATE EXTENSION pg_stat_statements."
            : `pg_stat_statements is installed but not loaded (${(err as Error).message}): add it to shared_preload_libraries and restart the server.`,
      };
    }
    throw err;
  }
}

/** Query levels of a normalized statement; text the parser rejects is skipped. */
async function scopesOf(query: string) {
  try {
    const parsed = await parseStatements(query);
    return parsed.length === 1 ? statementScopes(parsed[0]!.tree) : [];
  } catch {
    // pg_stat_statements keeps statements the current parser may not read (older syntax, truncation).
    return [];
  }
}

function touchedTables(statements: AnalyzedStatement[], tables: IndexReport["tables"]): number[] {
  const names = new Set<string>();
  for (const s of statements)
    for (const scope of s.scopes) for (const r of scope.relations) names.add(r.name);
  return tables.filter((t) => names.has(t.name)).map((t) => t.oid);
}

async function loadColumnStats(
  pool: pg.Pool,
  tableOids: number[],
): Promise<Map<number, Map<string, ColumnStat>>> {
  const { rows } = await pool.query<{
    table_oid: string;
    column: string;
    type: string;
    n_distinct: number | null;
    min_mcv_freq: number | null;
  }>(columnStats, [tableOids]);
  const out = new Map<number, Map<string, ColumnStat>>();
  for (const r of rows) {
    const oid = Number(r.table_oid);
    let m = out.get(oid);
    if (!m) out.set(oid, (m = new Map()));
    m.set(r.column, { type: r.type, nDistinct: r.n_distinct, minMcvFreq: r.min_mcv_freq });
  }
  return out;
}
