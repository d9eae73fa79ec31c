import { z } from "zod";
import { channel } from "./channel";
import { ProfileId } from "./common";

/** Limits that turn statistics into verdicts; every field has a default in main. */
export const IndexThresholds = z
  .object({
    /** Unused indexes smaller than this are not worth a verdict (default 1 MiB). */
    unusedMinBytes: z.number().int().min(0).optional(),
    /** A table needs this many sequential scans to be flagged (default 1000, catalog section 9). */
    seqScanMin: z.number().int().min(0).optional(),
    /** ...and at least this many live rows (default 10,000): small tables are read faster sequentially. */
    minRows: z.number().int().min(0).optional(),
    /** ...and index scans below this share of all scans (default 0.95, PgHero's rule). */
    maxIndexScanShare: z.number().min(0).max(1).optional(),
    /** Bloat is flagged above this percentage of the relation (default 30)... */
    bloatPct: z.number().min(0).max(100).optional(),
    /** ...and above this many wasted bytes (default 1 MiB). */
    bloatMinBytes: z.number().int().min(0).optional(),
  })
  .strict();
export type IndexThresholds = z.infer<typeof IndexThresholds>;

export const IndexMethod = z.string();

/** One index as the catalog and the statistics collector describe it. */
export const IndexInfo = z.object({
  oid: z.number().int(),
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  /** pg_get_indexdef: the exact CREATE INDEX statement. */
  definition: z.string(),
  method: IndexMethod,
  /** Key columns in order; an expression is shown as its text. */
  columns: z.array(z.string()),
  /** INCLUDE columns. */
  includeColumns: z.array(z.string()),
  /** The WHERE clause of a partial index. */
  predicate: z.string().nullable(),
  hasExpressions: z.boolean(),
  sizeBytes: z.number(),
  scans: z.number(),
  tuplesRead: z.number(),
  tuplesFetched: z.number(),
  /** last_idx_scan, PostgreSQL 16 and later; null when never scanned or not tracked. */
  lastScanAt: z.string().nullable(),
  unique: z.boolean(),
  primary: z.boolean(),
  /** The constraint the index enforces; such an index is never proposed for dropping. */
  constraint: z.object({ name: z.string(), type: z.enum(["primary", "unique", "exclusion"]) }).nullable(),
  valid: z.boolean(),
  ready: z.boolean(),
});
export type IndexInfo = z.infer<typeof IndexInfo>;

export const TableInfo = z.object({
  oid: z.number().int(),
  schema: z.string(),
  name: z.string(),
  seqScans: z.number(),
  seqTuplesRead: z.number(),
  indexScans: z.number(),
  liveRows: z.number(),
  /** Heap size (pg_relation_size). */
  sizeBytes: z.number(),
  indexCount: z.number().int(),
});
export type TableInfo = z.infer<typeof TableInfo>;

/** A statement the user reviews, copies or runs after confirming; main never runs it unasked. */
export const GeneratedSql = z.object({ label: z.string(), sql: z.string() });
export type GeneratedSql = z.infer<typeof GeneratedSql>;

const IndexRef = z.object({
  oid: z.number().int(),
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
});

export const UnusedIndex = IndexRef.extend({ definition: z.string(), scans: z.number(), fix: GeneratedSql });

export const DuplicateIndex = IndexRef.extend({
  definition: z.string(),
  /** exact: same definition; prefix: its columns lead the covering index's columns. */
  kind: z.enum(["exact", "prefix"]),
  coveredBy: z.object({ oid: z.number().int(), name: z.string(), definition: z.string() }),
  fix: GeneratedSql,
});

export const InvalidIndex = IndexRef.extend({
  definition: z.string(),
  ready: z.boolean(),
  note: z.string(),
  fixes: z.array(GeneratedSql),
});

export const BloatEstimate = z.object({
  oid: z.number().int(),
  schema: z.string(),
  table: z.string(),
  /** Index name; null for a table. */
  index: z.string().nullable(),
  realBytes: z.number(),
  bloatBytes: z.number(),
  bloatPct: z.number(),
  flagged: z.boolean(),
  fix: GeneratedSql.nullable(),
  /** For tables, how to reclaim the space (VACUUM FULL locks; pg_repack does not). */
  note: z.string().optional(),
});
export type BloatEstimate = z.infer<typeof BloatEstimate>;

export const SeqScanTable = z.object({
  schema: z.string(),
  table: z.string(),
  seqScans: z.number(),
  seqTuplesRead: z.number(),
  indexScans: z.number(),
  liveRows: z.number(),
  /** Share of index scans among all scans, 0..1. */
  indexScanShare: z.number(),
  /** Rows read per sequential scan on average. */
  rowsPerSeqScan: z.number(),
});

export const StatementEvidence = z.object({
  queryId: z.string(),
  query: z.string(),
  calls: z.number(),
  totalTimeMs: z.number(),
  meanTimeMs: z.number(),
});

export const WhatIfResult = z.object({
  /** Estimated total cost of the evidence statements without and with the hypothetical index. */
  costBefore: z.number(),
  costAfter: z.number(),
  /** How many evidence statements the planner accepted. */
  plannedStatements: z.number().int(),
  usedByPlanner: z.boolean(),
});

export const MissingIndexSuggestion = z.object({
  id: z.string(),
  schema: z.string(),
  table: z.string(),
  kind: z.enum(["btree", "trigram", "fulltext"]),
  method: z.string(),
  /** Index elements in order: column names, or an expression for full-text/trigram. */
  columns: z.array(z.string()),
  reason: z.string(),
  evidence: z.array(StatementEvidence),
  /** Extension the index needs (pg_trgm for trigram). */
  requiresExtension: z.string().nullable(),
  create: GeneratedSql,
  whatIf: WhatIfResult.nullable(),
});
export type MissingIndexSuggestion = z.infer<typeof MissingIndexSuggestion>;

export const WhatIfStatus = z.object({
  state: z.enum(["not-run", "done", "unavailable"]),
  message: z.string().optional(),
});

export const IndexReport = z.object({
  serverVersionNum: z.number().int(),
  database: z.string(),
  /** When statistics started collecting (pg_stat_database.stats_reset; null = since the cluster was created). */
  statsResetAt: z.string().nullable(),
  statsAgeSeconds: z.number().nullable(),
  /** Standbys streaming from this server: their index usage is not counted here. */
  standbys: z.number().int(),
  thresholds: IndexThresholds.required(),
  indexes: z.array(IndexInfo),
  tables: z.array(TableInfo),
  unused: z.array(UnusedIndex),
  duplicates: z.array(DuplicateIndex),
  invalid: z.array(InvalidIndex),
  bloat: z.array(BloatEstimate),
  missing: z.object({
    seqScanTables: z.array(SeqScanTable),
    suggestions: z.array(MissingIndexSuggestion),
    /** Suggestions the what-if proof showed would not lower the cost. */
    dropped: z.array(MissingIndexSuggestion),
    statements: z.object({
      available: z.boolean(),
      analyzed: z.number().int(),
      message: z.string().optional(),
    }),
    whatIf: WhatIfStatus,
  }),
});
export type IndexReport = z.infer<typeof IndexReport>;

export const indexesChannels = {
  /**
   * Inventory and verdicts for one database: every index with usage, unused, duplicate,
   * invalid and bloated ones, and missing-index suggestions with their evidence. With
   * `whatIf`, each suggestion is planned with a hypothetical index (hypopg) and those
   * that do not lower the estimated cost move to `dropped`.
   */
  "indexes:report": channel({
    input: z
      .object({
        profileId: ProfileId,
        database: z.string().min(1).optional(),
        whatIf: z.boolean().optional(),
        thresholds: IndexThresholds.optional(),
      })
      .strict(),
    output: IndexReport,
  }),
  /**
   * Runs one reviewed CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY / REINDEX statement
   * the user confirmed, outside a transaction. Anything else is refused.
   */
  "indexes:apply": channel({
    input: z
      .object({
        profileId: ProfileId,
        database: z.string().min(1).optional(),
        sql: z.string().min(1).max(20_000),
      })
      .strict(),
    output: z.object({ command: z.string(), durationMs: z.number() }),
  }),
} as const;

export const indexesEvents = {} as const;
