import type { Buffers, Jit, Misestimate, PlanModel, PlanNode, TimeSeverity } from "./plan.model";
import { num, str, text, type RawNode } from "./plan.values";
import { computeTimes, isCteSubplan } from "./plan.timing";
import { planTips } from "./plan.tips";

// RawNode lives in plan.values (below plan.timing, which reads it); re-exported for the text parser.
export type { RawNode } from "./plan.values";

/** Keys the model shows as columns; everything else goes to `details`. */
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
  "_label",
  "_neverExecuted",
]);

const BUFFER_KEYS: Record<keyof Buffers, string> = {
  sharedHit: "Shared Hit Blocks",
  sharedRead: "Shared Read Blocks",
  sharedDirtied: "Shared Dirtied Blocks",
  sharedWritten: "Shared Written Blocks",
  localHit: "Local Hit Blocks",
  localRead: "Local Read Blocks",
  tempRead: "Temp Read Blocks",
  tempWritten: "Temp Written Blocks",
};

/**
 * Builds the model from what EXPLAIN (FORMAT JSON) returned: the top-level array, its
 * single object, or a bare plan node.
 */
export function buildPlanModel(raw: unknown, source: "json" | "text" = "json"): PlanModel {
  const top = unwrap(raw);
  const rootRaw = top.Plan as RawNode;
  const nodes: PlanNode[] = [];
  flatten(rootRaw, null, 0, nodes);
  const analyzed = nodes.some((n) => n.actualLoops !== null);
  const timed = nodes.some((n) => n.actualTotalMs !== null);
  if (timed) computeTimes(nodes, rootRaw);
  const executionMs = num(top["Execution Time"]);
  const root = nodes[0]!;
  const totalMs = executionMs ?? root.inclusiveMs;
  for (const n of nodes) finishNode(n, totalMs);
  computeExclusiveBuffers(nodes);
  const model: PlanModel = {
    source,
    analyzed,
    timed,
    nodes,
    planningMs: num(top["Planning Time"]),
    executionMs,
    totalMs,
    totalCost: root.totalCost,
    triggers: ((top.Triggers as Array<Record<string, unknown>> | undefined) ?? []).map((t) => ({
      name: str(t["Trigger Name"]) ?? "trigger",
      relation: str(t.Relation),
      timeMs: num(t.Time) ?? 0,
      calls: num(t.Calls) ?? 0,
    })),
    jit: jitOf(top.JIT),
    settings: Object.entries((top.Settings as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [
      k,
      text(v),
    ]),
    tips: [],
  };
  model.tips = planTips(model);
  return model;
}

function unwrap(raw: unknown): Record<string, unknown> {
  let value = raw;
  if (Array.isArray(value)) value = value[0];
  if (value && typeof value === "object" && "QUERY PLAN" in value)
    value = (value as Record<string, unknown>)["QUERY PLAN"];
  if (Array.isArray(value)) value = value[0];
  if (!value || typeof value !== "object")
    throw new Error('This is not an EXPLAIN plan: expected a JSON object with a "Plan"');
  const obj = value as Record<string, unknown>;
  if (obj.Plan && typeof obj.Plan === "object") return obj;
  if (typeof obj["Node Type"] === "string") return { Plan: obj };
  throw new Error('This is not an EXPLAIN plan: no "Plan" or "Node Type" found');
}

function flatten(raw: RawNode, parentId: number | null, depth: number, out: PlanNode[]): void {
  const id = out.length;
  const node = toNode(raw, id, parentId, depth);
  out.push(node);
  for (const child of raw.Plans ?? []) {
    node.childIds.push(out.length);
    flatten(child, id, depth + 1, out);
  }
}

function toNode(r: RawNode, id: number, parentId: number | null, depth: number): PlanNode {
  const nodeType = str(r["Node Type"]) ?? "Unknown";
  const loops = num(r["Actual Loops"]);
  const neverExecuted = r._neverExecuted === true || loops === 0;
  const details: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(r))
    if (!MODELLED.has(k) && v !== null && v !== undefined) details.push([k, text(v)]);
  const buffers = buffersOf(r);
  return {
    id,
    parentId,
    depth,
    childIds: [],
    nodeType,
    label: str(r._label) ?? labelOf(r, nodeType),
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
    startupCost: num(r["Startup Cost"]) ?? 0,
    totalCost: num(r["Total Cost"]) ?? 0,
    planRows: num(r["Plan Rows"]) ?? 0,
    planWidth: num(r["Plan Width"]) ?? 0,
    actualStartupMs: num(r["Actual Startup Time"]),
    actualTotalMs: num(r["Actual Total Time"]),
    actualRows: num(r["Actual Rows"]),
    actualLoops: loops,
    neverExecuted,
    inclusiveMs: null,
    exclusiveMs: null,
    inclusiveShare: null,
    exclusiveShare: null,
    timeSeverity: 0,
    estimatedRowsTotal: (num(r["Plan Rows"]) ?? 0) * Math.max(loops ?? 1, 1),
    actualRowsTotal: null,
    misestimate: null,
    buffers,
    exclusiveBuffers: null,
    ioReadMs: sumOf(r, [
      "I/O Read Time",
      "Shared I/O Read Time",
      "Local I/O Read Time",
      "Temp I/O Read Time",
    ]),
    ioWriteMs: sumOf(r, [
      "I/O Write Time",
      "Shared I/O Write Time",
      "Local I/O Write Time",
      "Temp I/O Write Time",
    ]),
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
    heapFetches: perLoopTotal(r["Heap Fetches"], loops),
    exactHeapBlocks: num(r["Exact Heap Blocks"]),
    lossyHeapBlocks: num(r["Lossy Heap Blocks"]),
    workersPlanned: num(r["Workers Planned"]),
    workersLaunched: num(r["Workers Launched"]),
    details,
  };
}

/** Heap Fetches and Rows Removed are printed per loop (averaged); the model counts all loops. */
function perLoopTotal(value: unknown, loops: number | null): number | null {
  const v = num(value);
  return v === null ? null : v * Math.max(loops ?? 1, 1);
}

function finishNode(n: PlanNode, totalMs: number | null): void {
  if (totalMs && totalMs > 0 && n.inclusiveMs !== null && n.exclusiveMs !== null) {
    n.inclusiveShare = Math.min(1, n.inclusiveMs / totalMs);
    n.exclusiveShare = Math.min(1, n.exclusiveMs / totalMs);
    const s = n.exclusiveShare;
    n.timeSeverity = s > 0.9 ? 3 : s > 0.5 ? 2 : s > 0.1 ? 1 : 0;
  }
  if (n.actualRows !== null && !n.neverExecuted) {
    n.actualRowsTotal = n.actualRows * (n.actualLoops ?? 1);
    n.misestimate = misestimateOf(n.planRows, n.actualRows);
  }
}

export function misestimateOf(estimated: number, actual: number): Misestimate {
  const hi = Math.max(estimated, actual);
  const lo = Math.max(Math.min(estimated, actual), 1);
  const factor = Math.max(1, hi / lo);
  const severity: TimeSeverity = factor >= 1000 ? 3 : factor >= 100 ? 2 : factor >= 10 ? 1 : 0;
  return { factor, direction: actual > estimated ? "under" : "over", severity };
}

function computeExclusiveBuffers(nodes: PlanNode[]): void {
  for (const n of nodes) {
    if (!n.buffers) continue;
    const own = { ...n.buffers };
    for (const c of n.childIds) {
      const child = nodes[c]!;
      if (!child.buffers || isCteSubplan(child)) continue;
      for (const k of Object.keys(own) as Array<keyof Buffers>) own[k] -= child.buffers[k];
    }
    for (const k of Object.keys(own) as Array<keyof Buffers>) own[k] = Math.max(0, own[k]);
    n.exclusiveBuffers = own;
  }
}

function buffersOf(r: RawNode): Buffers | null {
  if (!Object.values(BUFFER_KEYS).some((k) => k in r)) return null;
  const b = {} as Buffers;
  for (const [field, key] of Object.entries(BUFFER_KEYS) as Array<[keyof Buffers, string]>)
    b[field] = num(r[key]) ?? 0;
  return b;
}

function jitOf(raw: unknown): Jit | null {
  if (!raw || typeof raw !== "object") return null;
  const j = raw as Record<string, unknown>;
  const t = (j.Timing ?? {}) as Record<string, unknown>;
  // PG 17 made Generation an object {Deform, Total}
  const part = (v: unknown) =>
    (v && typeof v === "object" ? num((v as Record<string, unknown>).Total) : num(v)) ?? 0;
  return {
    functions: num(j.Functions) ?? 0,
    generationMs: part(t.Generation),
    inliningMs: part(t.Inlining),
    optimizationMs: part(t.Optimization),
    emissionMs: part(t.Emission),
    totalMs: part(t.Total),
  };
}

/** The node's first line as EXPLAIN's text format prints it. */
function labelOf(r: RawNode, nodeType: string): string {
  let name = nodeType;
  if (nodeType === "Aggregate") {
    const strategy = str(r.Strategy);
    name =
      strategy === "Hashed"
        ? "HashAggregate"
        : strategy === "Sorted"
          ? "GroupAggregate"
          : strategy === "Mixed"
            ? "MixedAggregate"
            : "Aggregate";
    const partial = str(r["Partial Mode"]);
    if (partial && partial !== "Simple") name = `${partial} ${name}`;
  }
  const join = str(r["Join Type"]);
  if (join && join !== "Inner")
    name =
      nodeType === "Nested Loop" ? `Nested Loop ${join} Join` : nodeType.replace(/ Join$/, ` ${join} Join`);
  if (r["Parallel Aware"] === true) name = `Parallel ${name}`;
  if (str(r["Scan Direction"]) === "Backward") name += " Backward";
  const index = str(r["Index Name"]);
  if (index) name += nodeType === "Bitmap Index Scan" ? ` on ${index}` : ` using ${index}`;
  const target = str(r["Relation Name"]) ?? str(r["CTE Name"]) ?? str(r["Function Name"]);
  const alias = str(r.Alias);
  if (target) {
    const schema = str(r.Schema);
    name += ` on ${schema && str(r["Relation Name"]) ? `${schema}.` : ""}${target}`;
    if (alias && alias !== target) name += ` ${alias}`;
  } else if (alias && nodeType === "Subquery Scan") name += ` on ${alias}`;
  return name;
}

function sumOf(r: RawNode, keys: string[]): number | null {
  let total: number | null = null;
  for (const k of keys) {
    const v = num(r[k]);
    if (v !== null) total = (total ?? 0) + v;
  }
  return total;
}
