import type { PlanModel, PlanNode } from "./plan.model";

/** Pre-order ids shown, skipping the subtrees of collapsed nodes (contiguous in pre-order). */
export function visibleNodeIds(plan: PlanModel, collapsed: ReadonlySet<number>): number[] {
  const out: number[] = [];
  const nodes = plan.nodes;
  for (let i = 0; i < nodes.length; i++) {
    out.push(i);
    if (collapsed.has(i)) i += subtreeSize(nodes, i) - 1;
  }
  return out;
}

function subtreeSize(nodes: PlanNode[], id: number): number {
  const depth = nodes[id]!.depth;
  let end = id + 1;
  while (end < nodes.length && nodes[end]!.depth > depth) end++;
  return end - id;
}
