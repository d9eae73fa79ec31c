import { z } from "zod";

/**
 * The plan model: a flat list of nodes in pre-order (id = index, root = 0) so the
 * viewer can virtualize it and the contract needs no recursive schema. Times are in
 * milliseconds of wall clock for the whole query (loops and parallel workers folded in).
 */

/** 0 none, 1 > 10 %, 2 > 50 %, 3 > 90 % of the execution time (pgAdmin/PEV2 thresholds). */
export const TimeSeverity = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export type TimeSeverity = z.infer<typeof TimeSeverity>;

export const Misestimate = z.object({
  /** max(actual, estimate) / max(min(actual, estimate), 1), per loop. */
  factor: z.number(),
  /** under = more rows than the planner expected. */
  direction: z.enum(["under", "over"]),
  /** 0 below 10x, 1 >= 10x, 2 >= 100x, 3 >= 1000x. */
  severity: TimeSeverity,
});
export type Misestimate = z.infer<typeof Misestimate>;

export const Buffers = z.object({
  sharedHit: z.number(),
  sharedRead: z.number(),
  sharedDirtied: z.number(),
  sharedWritten: z.number(),
  localHit: z.number(),
  localRead: z.number(),
  tempRead: z.number(),
  tempWritten: z.number(),
});
export type Buffers = z.infer<typeof Buffers>;

export const PlanNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  depth: z.number().int(),
  childIds: z.array(z.number().int()),
  /** The server's "Node Type" ("Seq Scan", "Hash Join", "Aggregate"). */
  nodeType: z.string(),
  /** One line as EXPLAIN's text format would print it ("Parallel Seq Scan on orders o"). */
  label: z.string(),
  /** Outer / Inner / InitPlan / SubPlan / Member / Subquery, relative to the parent. */
  parentRelationship: z.string().nullable(),
  /** "InitPlan 1", "SubPlan 2", "CTE totals". */
  subplanName: z.string().nullable(),
  relation: z.string().nullable(),
  schema: z.string().nullable(),
  alias: z.string().nullable(),
  indexName: z.string().nullable(),
  cteName: z.string().nullable(),
  functionName: z.string().nullable(),
  joinType: z.string().nullable(),
  parallelAware: z.boolean(),
  startupCost: z.number(),
  totalCost: z.number(),
  planRows: z.number(),
  planWidth: z.number(),
  /** Per loop, as EXPLAIN prints them; null without ANALYZE. */
  actualStartupMs: z.number().nullable(),
  actualTotalMs: z.number().nullable(),
  actualRows: z.number().nullable(),
  actualLoops: z.number().nullable(),
  neverExecuted: z.boolean(),
  /** Wall-clock time of this node and its children, for the whole query. */
  inclusiveMs: z.number().nullable(),
  /** inclusiveMs minus what its children (and the CTEs it reads) spent. */
  exclusiveMs: z.number().nullable(),
  inclusiveShare: z.number().nullable(),
  exclusiveShare: z.number().nullable(),
  timeSeverity: TimeSeverity,
  /** Rows over all loops. */
  estimatedRowsTotal: z.number(),
  actualRowsTotal: z.number().nullable(),
  misestimate: Misestimate.nullable(),
  /** As the server reports them: including the children's. */
  buffers: Buffers.nullable(),
  /** This node's own buffers (children subtracted). */
  exclusiveBuffers: Buffers.nullable(),
  ioReadMs: z.number().nullable(),
  ioWriteMs: z.number().nullable(),
  filter: z.string().nullable(),
  /** Over all loops. */
  rowsRemovedByFilter: z.number().nullable(),
  joinFilter: z.string().nullable(),
  rowsRemovedByJoinFilter: z.number().nullable(),
  rowsRemovedByIndexRecheck: z.number().nullable(),
  indexCond: z.string().nullable(),
  sortMethod: z.string().nullable(),
  sortSpaceType: z.string().nullable(),
  sortSpaceKb: z.number().nullable(),
  hashBatches: z.number().nullable(),
  originalHashBatches: z.number().nullable(),
  peakMemoryKb: z.number().nullable(),
  diskUsageKb: z.number().nullable(),
  heapFetches: z.number().nullable(),
  exactHeapBlocks: z.number().nullable(),
  lossyHeapBlocks: z.number().nullable(),
  workersPlanned: z.number().nullable(),
  workersLaunched: z.number().nullable(),
  /** Every other property the server printed, as display text. */
  details: z.array(z.tuple([z.string(), z.string()])),
});
export type PlanNode = z.infer<typeof PlanNode>;

export const Jit = z.object({
  functions: z.number(),
  generationMs: z.number(),
  inliningMs: z.number(),
  optimizationMs: z.number(),
  emissionMs: z.number(),
  totalMs: z.number(),
});
export type Jit = z.infer<typeof Jit>;

export const Trigger = z.object({
  name: z.string(),
  relation: z.string().nullable(),
  timeMs: z.number(),
  calls: z.number(),
});

export const TipKind = z.enum([
  "seq-scan-filter",
  "misestimate",
  "sort-spill",
  "hash-spill",
  "nested-loop-loops",
  "heap-fetches",
  "lossy-bitmap",
  "jit-cost",
]);
export type TipKind = z.infer<typeof TipKind>;

/** A plain-language finding, pointing at the node it is about. */
export const Tip = z.object({
  kind: TipKind,
  nodeId: z.number().int().nullable(),
  severity: z.enum(["info", "warning", "critical"]),
  title: z.string(),
  detail: z.string(),
});
export type Tip = z.infer<typeof Tip>;

export const PlanModel = z.object({
  source: z.enum(["json", "text"]),
  /** Whether the plan carries actual times/rows (EXPLAIN ANALYZE). */
  analyzed: z.boolean(),
  /** Whether per-node timings exist (ANALYZE without TIMING OFF). */
  timed: z.boolean(),
  nodes: z.array(PlanNode),
  planningMs: z.number().nullable(),
  executionMs: z.number().nullable(),
  /** What shares are relative to: execution time, else the root's inclusive time. */
  totalMs: z.number().nullable(),
  totalCost: z.number(),
  triggers: z.array(Trigger),
  jit: Jit.nullable(),
  settings: z.array(z.tuple([z.string(), z.string()])),
  tips: z.array(Tip),
});
export type PlanModel = z.infer<typeof PlanModel>;
