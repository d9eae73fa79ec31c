import type { Hazard } from "./statement-hazards";
import type { TagPolicy } from "./tag-policy";

/** Plain EXPLAIN's estimate of the rows a statement writes, or why there is none. */
export type RowEstimate = { rows: number } | { unavailable: string };

export interface StatementFacts {
  hazards: Hazard[];
  /** The statement writes rows (INSERT/UPDATE/DELETE/MERGE, also inside WITH). */
  writes: boolean;
}

export type GuardDecision =
  | { confirm: false }
  | {
      confirm: true;
      /** Why, in words, each naming what it is about. */
      reasons: string[];
      /** The estimate shown with the question (undefined when none was needed). */
      estimate?: RowEstimate;
    };

/** The estimate is needed only where the policy checks it and the statement writes. */
export function needsEstimate(policy: TagPolicy, facts: StatementFacts): boolean {
  return policy.confirmRowsOver !== null && facts.writes;
}

/**
 * Whether a statement asks before it runs on a profile of this policy. A missing estimate
 * asks too (with its reason): never silently let an unmeasured write through.
 */
export function decide(policy: TagPolicy, facts: StatementFacts, estimate?: RowEstimate): GuardDecision {
  const reasons: string[] = [];
  if (policy.confirmDestructive) reasons.push(...facts.hazards.map((h) => h.message));
  const limit = policy.confirmRowsOver;
  if (limit !== null && facts.writes) {
    if (!estimate) reasons.push("The rows it writes were not estimated");
    else if ("unavailable" in estimate)
      reasons.push(`The rows it writes could not be estimated: ${estimate.unavailable}`);
    else if (estimate.rows > limit)
      reasons.push(
        `It writes about ${estimate.rows.toLocaleString("en-US")} rows by EXPLAIN's estimate (over ${limit.toLocaleString("en-US")})`,
      );
  }
  if (reasons.length === 0) return { confirm: false };
  return estimate ? { confirm: true, reasons, estimate } : { confirm: true, reasons };
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

/**
 * Rows written by a statement from `EXPLAIN (FORMAT JSON)`: for each ModifyTable node the
 * rows its input produces (the node itself reports 0 without RETURNING). Undefined when
 * the plan has no ModifyTable node.
 */
export function rowsWrittenByPlan(explainJson: unknown): number | undefined {
  const root = Array.isArray(explainJson) ? (explainJson[0] as { Plan?: PlanNode } | undefined) : undefined;
  if (!root?.Plan) return undefined;
  let total: number | undefined;
  const visit = (node: PlanNode) => {
    if (node["Node Type"] === "ModifyTable") {
      const input = node.Plans?.find((p) => p["Parent Relationship"] === "Outer") ?? node.Plans?.[0];
      const rows = Number(input?.["Plan Rows"] ?? node["Plan Rows"] ?? 0);
      total = (total ?? 0) + (Number.isFinite(rows) ? rows : 0);
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(root.Plan);
  return total;
}
