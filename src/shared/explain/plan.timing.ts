import type { PlanNode } from "./plan.model";
import { num, type RawNode } from "./plan.values";

/**
 * Inclusive and exclusive wall-clock time. EXPLAIN prints per-loop averages, and for
 * nodes run by parallel workers sums loops over all processes, so the wall clock is
 * time x loops / processes. Outer/inner children and SubPlans (run per row by their
 * parent) are subtracted from the parent. An InitPlan runs once, inside whichever node
 * first evaluates its parameter: its time is subtracted from the node whose expressions
 * mention it. A CTE's time is spent inside the CTE Scans reading it, so it is shared
 * among those in proportion to their time.
 */
export function computeTimes(nodes: PlanNode[], rootRaw: RawNode): void {
  const processes = new Array<number>(nodes.length).fill(1);
  markProcesses(rootRaw, 1, { next: 0 }, processes);
  for (const n of nodes) {
    if (n.actualTotalMs === null) continue;
    n.inclusiveMs = n.neverExecuted ? 0 : (n.actualTotalMs * (n.actualLoops ?? 1)) / processes[n.id]!;
  }
  for (const n of nodes) {
    let own = n.inclusiveMs ?? 0;
    for (const c of n.childIds)
      if (nodes[c]!.parentRelationship !== "InitPlan") own -= nodes[c]!.inclusiveMs ?? 0;
    n.exclusiveMs = n.inclusiveMs === null ? null : own;
  }
  for (const init of nodes) {
    if (init.parentRelationship !== "InitPlan" || init.parentId === null || !init.inclusiveMs) continue;
    if (isCteSubplan(init)) {
      const name = init.subplanName!.slice(4);
      const scans = nodes.filter((n) => n.nodeType === "CTE Scan" && n.cteName === name);
      const scanned = scans.reduce((s, n) => s + (n.inclusiveMs ?? 0), 0);
      for (const s of scans)
        if (scanned > 0)
          s.exclusiveMs = (s.exclusiveMs ?? 0) - (init.inclusiveMs * (s.inclusiveMs ?? 0)) / scanned;
      continue;
    }
    const consumer = initPlanConsumer(nodes, init) ?? nodes[init.parentId]!;
    consumer.exclusiveMs = (consumer.exclusiveMs ?? 0) - init.inclusiveMs;
  }
  for (const n of nodes) if (n.exclusiveMs !== null) n.exclusiveMs = Math.max(0, n.exclusiveMs);
}

/** The first node under the InitPlan's parent (outside the InitPlan) whose expressions use its result. */
function initPlanConsumer(nodes: PlanNode[], init: PlanNode): PlanNode | undefined {
  const name = init.subplanName ?? "";
  const returns =
    /\(returns (.*)\)/
      .exec(name)?.[1]
      ?.split(",")
      .map((p) => p.trim()) ?? [];
  // PG 15 prints "$1"; PG 16+ prints "(InitPlan 2).col1"
  const refs = [
    ...returns.map((p) => new RegExp(`\\${p}(?!\\d)`)),
    new RegExp(`\\(${name.replace(/[()$]/g, (c) => `\\${c}`)}\\)`),
  ];
  const uses = (n: PlanNode) => n.details.some(([, v]) => refs.some((r) => r.test(v)));
  const stack = [init.parentId!];
  while (stack.length) {
    const n = nodes[stack.shift()!]!;
    if (n.id === init.id) continue;
    if (uses(n)) return n;
    stack.unshift(...n.childIds);
  }
  return undefined;
}

/** Pre-order walk (same order as flatten) assigning each node its number of processes. */
function markProcesses(raw: RawNode, inherited: number, counter: { next: number }, out: number[]): void {
  out[counter.next++] = inherited;
  const type = raw["Node Type"];
  let below = inherited;
  if (type === "Gather" || type === "Gather Merge") {
    const workers = num(raw["Workers Launched"]) ?? num(raw["Workers Planned"]) ?? 0;
    below = workers + 1;
  }
  for (const child of raw.Plans ?? []) markProcesses(child, below, counter, out);
}

export function isCteSubplan(n: PlanNode): boolean {
  return n.parentRelationship === "InitPlan" && (n.subplanName?.startsWith("CTE ") ?? false);
}
