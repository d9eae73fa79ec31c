import type { PlanNode } from "./plan.model";

/**
 * Nodes that hand their children's rows on as they come, so a consumer that stops early
 * stops their children too. Sorts, hashes, plain and hashed aggregates, bitmap scans and
 * writes read all of their input first.
 */
const STREAMING = new Set([
  "Limit",
  "Nested Loop",
  "Merge Join",
  "Append",
  "Merge Append",
  "Result",
  "ProjectSet",
  "Subquery Scan",
  "Materialize",
  "Memoize",
  "LockRows",
  "Gather",
  "Gather Merge",
  "Incremental Sort",
  "Unique",
  "Group",
  "WindowAgg",
  "CTE Scan",
]);

function streams(parent: PlanNode, child: PlanNode): boolean {
  if (parent.nodeType === "Aggregate")
    return parent.details.some(([k, v]) => k === "Strategy" && v === "Sorted");
  // a hash join probes its outer side row by row, but builds the hash from all of the inner
  if (parent.nodeType === "Hash Join") return child.parentRelationship === "Outer";
  return STREAMING.has(parent.nodeType);
}

/** Subplans the expressions use under EXISTS, and those they use hashed (read in full, once). */
function subplanUses(nodes: PlanNode[]): { exists: Set<string>; hashed: Set<string> } {
  const exists = new Set<string>();
  const hashed = new Set<string>();
  for (const n of nodes)
    for (const [, v] of n.details) {
      for (const m of v.matchAll(/EXISTS\s*\(\s*((?:SubPlan|InitPlan) [^).\s]+)/g)) exists.add(m[1]!);
      for (const m of v.matchAll(/hashed (SubPlan [^).\s]+)/g)) hashed.add(m[1]!);
    }
  return { exists, hashed };
}

/** Fills each node's `earlyStop`, top-down (children follow their parent in pre-order). */
export function markEarlyStops(nodes: PlanNode[]): void {
  const uses = subplanUses(nodes);
  for (const n of nodes) {
    n.earlyStop = null;
    if (n.parentId === null) continue;
    const parent = nodes[n.parentId]!;
    n.earlyStop =
      ownReason(n, parent, uses) ?? (parent.earlyStop && streams(parent, n) ? parent.earlyStop : null);
  }
}

function ownReason(n: PlanNode, parent: PlanNode, uses: ReturnType<typeof subplanUses>): string | null {
  if (parent.nodeType === "Limit" && reachedLimit(parent))
    return "under a LIMIT that stopped once it had its rows";
  if (
    parent.nodeType === "Merge Join" &&
    n.parentRelationship !== "InitPlan" &&
    n.parentRelationship !== "SubPlan"
  )
    return "a Merge Join stops reading one side once the other runs out";
  const join = parent.joinType ?? "";
  if (
    (parent.nodeType === "Nested Loop" || parent.nodeType === "Merge Join") &&
    n.parentRelationship === "Inner" &&
    /(?:^|\s)(?:Semi|Anti)$/.test(join)
  )
    return `a ${join.toLowerCase()} join stops at the first matching inner row`;
  const name = n.subplanName?.replace(/ \(returns .*\)$/, "") ?? null;
  if (name && uses.exists.has(name)) return "EXISTS stops at the first row";
  if (n.parentRelationship === "SubPlan" && name !== null && !uses.hashed.has(name))
    return "a subplan returns only the rows its expression needs";
  if (n.parentRelationship === "InitPlan" && !name?.startsWith("CTE ") && (n.actualRows ?? Infinity) <= 2)
    return "a scalar subquery reads at most two rows";
  return null;
}

/** A Limit that returned as many rows as it was planned to: it stopped, not its input. */
function reachedLimit(limit: PlanNode): boolean {
  if (limit.actualRows === null || limit.planRows === null) return true;
  return limit.actualRows >= limit.planRows;
}
