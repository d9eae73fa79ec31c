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
  localDirtied: z.number(),
  localWritten: z.number(),
  tempRead: z.number(),
  tempWritten: z.number(),
});
export type Buffers = z.infer<typeof Buffers>;

/**
 * Time spent reading and writing blocks (track_io_timing), by kind of buffer. PostgreSQL
 * 15–16 print shared and local together ("shared/local"), older servers without a scope.
 */
export const IoTiming = z.object({
  scope: z.enum(["shared", "local", "temp", "shared/local"]),
  readMs: z.number().nullable(),
  writeMs: z.number().nullable(),
});
export type IoTiming = z.infer<typeof IoTiming>;

export const Wal = z.object({
  records: z.number(),
  fpi: z.number(),
  bytes: z.number(),
  buffersFull: z.number(),
});
export type Wal = z.infer<typeof Wal>;

/** One parallel worker's share of a node (EXPLAIN ANALYZE VERBOSE, or per-worker sort/hash figures). */
export const PlanWorker = z.object({
  number: z.number().int(),
  actualStartupMs: z.number().nullable(),
  actualTotalMs: z.number().nullable(),
  actualRows: z.number().nullable(),
  actualLoops: z.number().nullable(),
  buffers: Buffers.nullable(),
  details: z.array(z.tuple([z.string(), z.string()])),
});
export type PlanWorker = z.infer<typeof PlanWorker>;

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
  /** Run asynchronously under an Append (foreign scans, PostgreSQL 14+). */
  asyncCapable: z.boolean(),
  /** The planner was told not to use this kind of node and had no other way (PostgreSQL 18). */
  disabled: z.boolean(),
  /** Null when the plan was printed with COSTS OFF. */
  startupCost: z.number().nullable(),
  totalCost: z.number().nullable(),
  planRows: z.number().nullable(),
  planWidth: z.number().nullable(),
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
  /** Rows over all loops; null with COSTS OFF. */
  estimatedRowsTotal: z.number().nullable(),
  actualRowsTotal: z.number().nullable(),
  misestimate: Misestimate.nullable(),
  /**
   * Why this node may have returned fewer rows than it would have run to completion
   * (its consumer stopped asking): a LIMIT above it, a Merge Join that ran out of the
   * other side, a semi/anti join's first match, a subplan that needs one or two rows.
   */
  earlyStop: z.string().nullable(),
  /** As the server reports them: including the children's. */
  buffers: Buffers.nullable(),
  /** This node's own buffers (children subtracted). */
  exclusiveBuffers: Buffers.nullable(),
  /** Sum over every kind of buffer. */
  ioReadMs: z.number().nullable(),
  ioWriteMs: z.number().nullable(),
  io: z.array(IoTiming),
  wal: Wal.nullable(),
  filter: z.string().nullable(),
  /**
   * Over all loops: EXPLAIN prints the per-loop average (rounded), so this is that times
   * the loops. Heap Fetches, by contrast, is printed as the total already.
   */
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
  /** HashAggregate: partitions the planner expected to spill to. */
  plannedPartitions: z.number().nullable(),
  workers: z.array(PlanWorker),
  /** Every other property the server printed, as display text. */
  details: z.array(z.tuple([z.string(), z.string()])),
  /** Lines under this node that pgdesk did not recognise, exactly as printed. */
  unparsedLines: z.array(z.string()),
});
export type PlanNode = z.infer<typeof PlanNode>;

/** JIT compilation; the times only with ANALYZE (and TIMING). */
export const Jit = z.object({
  functions: z.number(),
  options: z.array(z.tuple([z.string(), z.boolean()])),
  generationMs: z.number().nullable(),
  /** Part of the generation time (PostgreSQL 17+). */
  deformMs: z.number().nullable(),
  inliningMs: z.number().nullable(),
  optimizationMs: z.number().nullable(),
  emissionMs: z.number().nullable(),
  totalMs: z.number().nullable(),
});
export type Jit = z.infer<typeof Jit>;

export const Trigger = z.object({
  /** Null for a constraint trigger printed without VERBOSE ("Trigger for constraint fk"). */
  name: z.string().nullable(),
  constraintName: z.string().nullable(),
  relation: z.string().nullable(),
  /** Null with TIMING OFF. */
  timeMs: z.number().nullable(),
  calls: z.number(),
});
export type Trigger = z.infer<typeof Trigger>;

/** What planning itself cost: buffers (13+) and memory (MEMORY option, 17+). */
export const Planning = z.object({
  buffers: Buffers.nullable(),
  io: z.array(IoTiming),
  memoryUsedKb: z.number().nullable(),
  memoryAllocatedKb: z.number().nullable(),
});
export type Planning = z.infer<typeof Planning>;

/** Turning the result into wire format (SERIALIZE option, 17+). */
export const Serialization = z.object({
  timeMs: z.number().nullable(),
  outputKb: z.number().nullable(),
  format: z.string().nullable(),
  buffers: Buffers.nullable(),
  io: z.array(IoTiming),
});
export type Serialization = z.infer<typeof Serialization>;

export const TipKind = z.enum([
  "seq-scan-filter",
  "misestimate",
  "slow-node",
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
  /** The figures the finding rests on, as label and value ("Rows estimated per loop", "1"). */
  figures: z.array(z.tuple([z.string(), z.string()])),
});
export type Tip = z.infer<typeof Tip>;

export const PlanSource = z.enum(["json", "text", "yaml", "xml"]);
export type PlanSource = z.infer<typeof PlanSource>;

export const PlanModel = z.object({
  source: PlanSource,
  /** Whether the plan carries actual times/rows (EXPLAIN ANALYZE). */
  analyzed: z.boolean(),
  /** Whether per-node timings exist (ANALYZE without TIMING OFF). */
  timed: z.boolean(),
  /** Whether estimates were printed (false with COSTS OFF). */
  costs: z.boolean(),
  nodes: z.array(PlanNode),
  planningMs: z.number().nullable(),
  executionMs: z.number().nullable(),
  /** What shares are relative to: execution time, else the root's inclusive time. */
  totalMs: z.number().nullable(),
  totalCost: z.number().nullable(),
  triggers: z.array(Trigger),
  jit: Jit.nullable(),
  /** Settings that differ from the built-in defaults (SETTINGS option); a null value prints as NULL. */
  settings: z.array(z.tuple([z.string(), z.string().nullable()])),
  planning: Planning.nullable(),
  serialization: Serialization.nullable(),
  queryIdentifier: z.string().nullable(),
  /** The statement, when the plan came with it (auto_explain's "Query Text"). */
  queryText: z.string().nullable(),
  /** Other plan-level properties the server printed. */
  details: z.array(z.tuple([z.string(), z.string()])),
  /** Plan-level lines pgdesk did not recognise, exactly as printed. */
  unparsedLines: z.array(z.string()),
  tips: z.array(Tip),
});
export type PlanModel = z.infer<typeof PlanModel>;
