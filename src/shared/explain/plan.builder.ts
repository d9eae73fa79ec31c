import type { Buffers, Misestimate, PlanModel, PlanNode, PlanSource, TimeSeverity } from "./plan.model";
import { canonicalPlan } from "./plan-raw.canonical";
import { jitOf, planningOf, serializationOf, triggersOf, ZERO_BUFFERS } from "./plan.figures";
import { detailsOf, toNode } from "./plan-node.builder";
import { UNPARSED, type RawNode, type RawPlan } from "./plan.raw";
import { num, str } from "./plan.values";
import { computeTimes, isCteSubplan } from "./plan.timing";
import { markEarlyStops } from "./plan.early-stop";
import { planTips } from "./plan.tips";

// RawNode lives in plan.values (below plan.timing, which reads it); re-exported for the readers.
export type { RawNode } from "./plan.values";

/** Plan-level keys the model holds in its own fields. */
const PLAN_MODELLED = new Set([
  "Plan",
  "Planning Time",
  "Execution Time",
  "Total Runtime",
  "Triggers",
  "JIT",
  "Settings",
  "Planning",
  "Serialization",
  "Query Identifier",
  "Query Text",
  UNPARSED,
]);

/**
 * Builds the model from what EXPLAIN (FORMAT JSON) returned: the top-level array, its
 * first object, or a bare plan node. (Several plans: see buildPlanModels.)
 */
export function buildPlanModel(raw: unknown, source: PlanSource = "json"): PlanModel {
  return buildFromPlan(unwrapPlans(raw)[0]!, source);
}

/** Every plan of an EXPLAIN output (a rule can turn one statement into several). */
export function buildPlanModels(raw: unknown, source: PlanSource = "json"): PlanModel[] {
  return unwrapPlans(raw).map((p) => buildFromPlan(p, source));
}

export function unwrapPlans(raw: unknown): RawPlan[] {
  let value = raw;
  if (value && typeof value === "object" && !Array.isArray(value) && "QUERY PLAN" in value)
    value = (value as Record<string, unknown>)["QUERY PLAN"];
  const items = Array.isArray(value) ? value : [value];
  const plans = items.map(planOf).filter((p): p is RawPlan => p !== null);
  if (plans.length === 0) throw new Error('This is not an EXPLAIN plan: no "Plan" or "Node Type" found');
  return plans;
}

function planOf(value: unknown): RawPlan | null {
  if (!value || typeof value !== "object") return null;
  const obj = value as Record<string, unknown>;
  if (obj.Plan && typeof obj.Plan === "object") return obj as RawPlan;
  if (typeof obj["Node Type"] === "string") return { Plan: obj as RawNode };
  return null;
}

/** The model of one plan from its JSON-format structure (any reader's output). */
export function buildFromPlan(rawPlan: RawPlan, source: PlanSource): PlanModel {
  const top = canonicalPlan(rawPlan);
  const rootRaw = top.Plan;
  const nodes: PlanNode[] = [];
  flatten(rootRaw, null, 0, nodes);
  const analyzed = nodes.some((n) => n.actualLoops !== null);
  const timed = nodes.some((n) => n.actualTotalMs !== null);
  if (timed) computeTimes(nodes, rootRaw);
  const executionMs = num(top["Execution Time"]) ?? num(top["Total Runtime"]);
  const root = nodes[0]!;
  const totalMs = executionMs ?? root.inclusiveMs;
  // a node with no Buffers line read nothing, once any node of an analyzed plan reported some
  const buffersShown = analyzed && nodes.some((n) => n.buffers !== null);
  for (const n of nodes) {
    if (buffersShown && n.buffers === null && !n.neverExecuted) n.buffers = { ...ZERO_BUFFERS };
    finishNode(n, totalMs);
  }
  computeExclusiveBuffers(nodes);
  markEarlyStops(nodes);
  const model: PlanModel = {
    source,
    analyzed,
    timed,
    costs: nodes.some((n) => n.totalCost !== null),
    nodes,
    planningMs: num(top["Planning Time"]),
    executionMs,
    totalMs,
    totalCost: root.totalCost,
    triggers: triggersOf(top.Triggers),
    jit: jitOf(top.JIT),
    settings: Object.entries((top.Settings as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [
      k,
      v === null ? null : String(v),
    ]),
    planning: planningOf(top.Planning),
    serialization: serializationOf(top.Serialization),
    queryIdentifier: top["Query Identifier"] === undefined ? null : String(top["Query Identifier"]),
    queryText: str(top["Query Text"]),
    details: detailsOf(top, (k) => PLAN_MODELLED.has(k)),
    unparsedLines: Array.isArray(top[UNPARSED]) ? (top[UNPARSED] as string[]) : [],
    tips: [],
  };
  model.tips = planTips(model);
  return model;
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

function finishNode(n: PlanNode, totalMs: number | null): void {
  if (totalMs && totalMs > 0 && n.inclusiveMs !== null && n.exclusiveMs !== null) {
    n.inclusiveShare = Math.min(1, n.inclusiveMs / totalMs);
    n.exclusiveShare = Math.min(1, n.exclusiveMs / totalMs);
    const s = n.exclusiveShare;
    n.timeSeverity = s > 0.9 ? 3 : s > 0.5 ? 2 : s > 0.1 ? 1 : 0;
  }
  if (n.actualRows !== null && !n.neverExecuted) {
    n.actualRowsTotal = n.actualRows * (n.actualLoops ?? 1);
    if (n.planRows !== null) n.misestimate = misestimateOf(n.planRows, n.actualRows);
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
