import { BUFFER_PROPERTY_NAMES, buffersOf, detailText, IO_PROPERTY_NAMES, ioOf, walOf } from "./plan.figures";
import { nodeLabel } from "./plan.label";
import type { PlanNode, PlanWorker } from "./plan.model";
import { UNPARSED, type RawNode } from "./plan.raw";
import { num, str } from "./plan.values";

/** Keys the model holds in its own fields; every other property goes to `details`. */
const MODELLED = new Set([
  "Plans",
  "Node Type",
  "Startup Cost",
  "Total Cost",
  "Plan Rows",
  "Plan Width",
  "Actual Startup Time",
  "Actual Total Time",
  "Actual Rows",
  "Actual Loops",
  "Parent Relationship",
  "Subplan Name",
  "Parallel Aware",
  "Async Capable",
  "Disabled",
  "Workers",
  "WAL Records",
  "WAL FPI",
  "WAL Bytes",
  "WAL Buffers Full",
  "_label",
  "_neverExecuted",
  UNPARSED,
]);

const isModelled = (k: string) => MODELLED.has(k) || BUFFER_PROPERTY_NAMES.has(k) || IO_PROPERTY_NAMES.has(k);

export function detailsOf(
  r: Record<string, unknown>,
  skip: (k: string) => boolean = isModelled,
): Array<[string, string]> {
  const details: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(r))
    if (!skip(k) && v !== null && v !== undefined) details.push([k, detailText(v)]);
  return details;
}

function sum(values: Array<number | null>): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}

/** One node of the model from its (canonical) JSON-format properties; times and tips come later. */
export function toNode(r: RawNode, id: number, parentId: number | null, depth: number): PlanNode {
  const nodeType = str(r["Node Type"]) ?? "Unknown";
  const loops = num(r["Actual Loops"]);
  const planRows = num(r["Plan Rows"]);
  const io = ioOf(r);
  return {
    id,
    parentId,
    depth,
    childIds: [],
    nodeType,
    label: nodeLabel(r),
    parentRelationship: str(r["Parent Relationship"]),
    subplanName: str(r["Subplan Name"]),
    relation: str(r["Relation Name"]),
    schema: str(r.Schema),
    alias: str(r.Alias),
    indexName: str(r["Index Name"]),
    cteName: str(r["CTE Name"]),
    functionName: str(r["Function Name"]),
    joinType: str(r["Join Type"]),
    parallelAware: r["Parallel Aware"] === true,
    asyncCapable: r["Async Capable"] === true,
    disabled: r.Disabled === true,
    startupCost: num(r["Startup Cost"]),
    totalCost: num(r["Total Cost"]),
    planRows,
    planWidth: num(r["Plan Width"]),
    actualStartupMs: num(r["Actual Startup Time"]),
    actualTotalMs: num(r["Actual Total Time"]),
    actualRows: num(r["Actual Rows"]),
    actualLoops: loops,
    neverExecuted: loops === 0,
    inclusiveMs: null,
    exclusiveMs: null,
    inclusiveShare: null,
    exclusiveShare: null,
    timeSeverity: 0,
    estimatedRowsTotal: planRows === null ? null : planRows * Math.max(loops ?? 1, 1),
    actualRowsTotal: null,
    misestimate: null,
    earlyStop: null,
    buffers: buffersOf(r),
    exclusiveBuffers: null,
    ioReadMs: sum(io.map((t) => t.readMs)),
    ioWriteMs: sum(io.map((t) => t.writeMs)),
    io,
    wal: walOf(r),
    filter: str(r.Filter),
    rowsRemovedByFilter: perLoopTotal(r["Rows Removed by Filter"], loops),
    joinFilter: str(r["Join Filter"]),
    rowsRemovedByJoinFilter: perLoopTotal(r["Rows Removed by Join Filter"], loops),
    rowsRemovedByIndexRecheck: perLoopTotal(r["Rows Removed by Index Recheck"], loops),
    indexCond: str(r["Index Cond"]) ?? str(r["Recheck Cond"]),
    sortMethod: str(r["Sort Method"]),
    sortSpaceType: str(r["Sort Space Type"]),
    sortSpaceKb: num(r["Sort Space Used"]),
    hashBatches: num(r["Hash Batches"]) ?? num(r["HashAgg Batches"]),
    originalHashBatches: num(r["Original Hash Batches"]),
    peakMemoryKb: num(r["Peak Memory Usage"]),
    diskUsageKb: num(r["Disk Usage"]),
    heapFetches: num(r["Heap Fetches"]),
    exactHeapBlocks: num(r["Exact Heap Blocks"]),
    lossyHeapBlocks: num(r["Lossy Heap Blocks"]),
    workersPlanned: num(r["Workers Planned"]),
    workersLaunched: num(r["Workers Launched"]),
    plannedPartitions: num(r["Planned Partitions"]),
    workers: workersOf(r.Workers),
    details: detailsOf(r),
    unparsedLines: Array.isArray(r[UNPARSED]) ? (r[UNPARSED] as string[]) : [],
  };
}

/** Rows Removed is printed as a per-loop average; the model counts all loops. */
function perLoopTotal(value: unknown, loops: number | null): number | null {
  const v = num(value);
  return v === null ? null : v * Math.max(loops ?? 1, 1);
}

const WORKER_MODELLED = new Set([
  "Worker Number",
  "Actual Startup Time",
  "Actual Total Time",
  "Actual Rows",
  "Actual Loops",
]);

function workersOf(raw: unknown): PlanWorker[] {
  if (!Array.isArray(raw)) return [];
  return (raw as Array<Record<string, unknown>>).map((w) => ({
    number: num(w["Worker Number"]) ?? 0,
    actualStartupMs: num(w["Actual Startup Time"]),
    actualTotalMs: num(w["Actual Total Time"]),
    actualRows: num(w["Actual Rows"]),
    actualLoops: num(w["Actual Loops"]),
    buffers: buffersOf(w),
    details: detailsOf(w, (k) => WORKER_MODELLED.has(k) || BUFFER_PROPERTY_NAMES.has(k)),
  }));
}
