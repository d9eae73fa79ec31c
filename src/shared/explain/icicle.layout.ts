import type { PlanModel } from "./plan.model";

export interface IcicleBox {
  id: number;
  depth: number;
  /** Fractions of the full width. */
  x: number;
  w: number;
}

/**
 * Icicle layout: the root spans the width, each child gets the share of its parent's
 * width that its inclusive time (or cost, without ANALYZE) is of the parent's. Children
 * whose times add up to more than the parent (InitPlans, CTEs, rounding) are scaled to fit.
 * Boxes narrower than minWidth are dropped with their subtrees.
 */
export function icicleLayout(plan: PlanModel, minWidth = 0.002): IcicleBox[] {
  const weight = (id: number) => {
    const n = plan.nodes[id]!;
    return Math.max(0, (plan.timed ? n.inclusiveMs : n.totalCost) ?? 0);
  };
  const out: IcicleBox[] = [];
  const visit = (id: number, x: number, w: number) => {
    const n = plan.nodes[id]!;
    out.push({ id, depth: n.depth, x, w });
    const own = weight(id);
    const sum = n.childIds.reduce((s, c) => s + weight(c), 0);
    if (own <= 0 || sum <= 0) return;
    const scale = Math.min(1, own / sum);
    let cx = x;
    for (const c of n.childIds) {
      const cw = (w * weight(c) * scale) / own;
      if (cw >= minWidth) visit(c, cx, cw);
      cx += cw;
    }
  };
  visit(0, 0, 1);
  return out;
}
