import type { PlanModel } from "../../../../shared/explain/plan.model";

/** Collapses an expanded node, expands a collapsed one. */
export function toggleCollapsed(collapsed: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(collapsed);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** Expands every ancestor of a node so that the tree shows it. */
export function revealNode(plan: PlanModel, collapsed: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(collapsed);
  for (let p = plan.nodes[id]?.parentId ?? null; p !== null; p = plan.nodes[p]!.parentId) next.delete(p);
  return next;
}

/** "Collapse all": the root's children that have children of their own, so the top stays readable. */
export function collapseBelowTop(plan: PlanModel): Set<number> {
  return new Set(plan.nodes.filter((n) => n.depth === 1 && n.childIds.length > 0).map((n) => n.id));
}
