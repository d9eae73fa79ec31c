import type { PlanModel, PlanNode } from "./plan.model";

/** One line of a side-by-side comparison: a node of plan A, of plan B, or both. */
export interface ComparedRow {
  a: number | null;
  b: number | null;
  depth: number;
  /** same: same node on the same object; changed: same place, different operation (Seq Scan -> Index Scan). */
  status: "same" | "changed" | "removed" | "added";
}

export interface Figure {
  a: number | null;
  b: number | null;
}

export interface PlanComparison {
  rows: ComparedRow[];
  summary: {
    executionMs: Figure;
    planningMs: Figure;
    totalCost: Figure;
    sharedHit: Figure;
    sharedRead: Figure;
    nodes: Figure;
  };
}

const JOINS = new Set(["Nested Loop", "Hash Join", "Merge Join"]);

/** Exact identity: same operation on the same object in the same role. */
function key(n: PlanNode): string {
  return [n.nodeType, n.relation, n.alias, n.indexName, n.cteName, n.functionName, n.subplanName].join(
    "\u0000",
  );
}

/** Same place in the query, possibly done differently: the object scanned, the join, the subplan. */
function compatible(a: PlanNode, b: PlanNode): boolean {
  if (a.subplanName !== null || b.subplanName !== null) return a.subplanName === b.subplanName;
  if (a.relation !== null || b.relation !== null) return a.relation === b.relation && a.alias === b.alias;
  if (JOINS.has(a.nodeType) && JOINS.has(b.nodeType)) return true;
  return a.nodeType === b.nodeType;
}

/**
 * Matches nodes of two plans of the same query by shape: children are paired first by
 * exact identity, then by what they work on; whatever is left is paired by relation
 * anywhere in the plan (an index can move a scan to another level), else shown as
 * removed or added.
 */
export function comparePlans(a: PlanModel, b: PlanModel): PlanComparison {
  const rows: ComparedRow[] = [];
  const ra = a.nodes[0]!;
  const rb = b.nodes[0]!;
  if (compatible(ra, rb)) walkPair(a, b, ra, rb, 0, rows);
  else {
    walkOnly(a, ra, 0, "removed", rows);
    walkOnly(b, rb, 0, "added", rows);
  }
  pairLeftovers(a, b, rows);
  const rootBuf = (m: PlanModel) => m.nodes[0]!.buffers;
  return {
    rows,
    summary: {
      executionMs: { a: a.executionMs ?? a.totalMs, b: b.executionMs ?? b.totalMs },
      planningMs: { a: a.planningMs, b: b.planningMs },
      totalCost: { a: a.totalCost, b: b.totalCost },
      sharedHit: { a: rootBuf(a)?.sharedHit ?? null, b: rootBuf(b)?.sharedHit ?? null },
      sharedRead: { a: rootBuf(a)?.sharedRead ?? null, b: rootBuf(b)?.sharedRead ?? null },
      nodes: { a: a.nodes.length, b: b.nodes.length },
    },
  };
}

function walkPair(
  pa: PlanModel,
  pb: PlanModel,
  na: PlanNode,
  nb: PlanNode,
  depth: number,
  rows: ComparedRow[],
): void {
  rows.push({ a: na.id, b: nb.id, depth, status: key(na) === key(nb) ? "same" : "changed" });
  const ca = na.childIds.map((id) => pa.nodes[id]!);
  const cb = nb.childIds.map((id) => pb.nodes[id]!);
  const partner = new Map<number, PlanNode>();
  const taken = new Set<number>();
  for (const test of [(x: PlanNode, y: PlanNode) => key(x) === key(y), compatible]) {
    for (const x of ca) {
      if (partner.has(x.id)) continue;
      const y = cb.find((c) => !taken.has(c.id) && test(x, c));
      if (y) {
        partner.set(x.id, y);
        taken.add(y.id);
      }
    }
  }
  for (const x of ca) {
    const y = partner.get(x.id);
    if (y) walkPair(pa, pb, x, y, depth + 1, rows);
    else walkOnly(pa, x, depth + 1, "removed", rows);
  }
  for (const y of cb) if (!taken.has(y.id)) walkOnly(pb, y, depth + 1, "added", rows);
}

function walkOnly(
  plan: PlanModel,
  n: PlanNode,
  depth: number,
  status: "removed" | "added",
  rows: ComparedRow[],
): void {
  rows.push(status === "removed" ? { a: n.id, b: null, depth, status } : { a: null, b: n.id, depth, status });
  for (const c of n.childIds) walkOnly(plan, plan.nodes[c]!, depth + 1, status, rows);
}

/** A scan removed in one place and added in another on the same relation is one node that moved. */
function pairLeftovers(a: PlanModel, b: PlanModel, rows: ComparedRow[]): void {
  const merged = new Set<ComparedRow>();
  const added = rows.filter((r) => r.status === "added" && b.nodes[r.b!]!.relation !== null);
  for (const row of rows) {
    if (row.status !== "removed") continue;
    const na = a.nodes[row.a!]!;
    if (na.relation === null) continue;
    const i = added.findIndex((r) => compatible(na, b.nodes[r.b!]!));
    if (i < 0) continue;
    const [match] = added.splice(i, 1);
    row.b = match!.b;
    row.status = key(na) === key(b.nodes[match!.b!]!) ? "same" : "changed";
    merged.add(match!);
  }
  const kept = rows.filter((r) => !merged.has(r));
  rows.splice(0, rows.length, ...kept);
}
