import { buildPlanModels } from "../../../../src/shared/explain/plan.builder";
import type { PlanModel } from "../../../../src/shared/explain/plan.model";
import type { RawNode, RawPlan } from "../../../../src/shared/explain/plan.raw";
import type { CorpusPlan } from "./collect";

/**
 * What TEXT cannot say, and JSON does: the only differences allowed. Each is a choice
 * EXPLAIN's text output makes, not something pgdesk could read better.
 *  - a trigger's relation is printed only when the statement wrote to several tables;
 *  - a constraint trigger's own name only with VERBOSE ("Trigger for constraint fk");
 *  - "Inner Unique" only with VERBOSE;
 *  - a Function Scan's single name may be the function or only its alias.
 */
function tolerate(view: View, verbose: boolean): void {
  for (const t of view.triggers) {
    t.relation = null;
    if (t.constraintName !== null && !verbose) t.name = null;
  }
  for (const n of view.nodes) {
    if (!verbose) n.details = n.details.filter(([k]) => k !== "Inner Unique");
    if (
      n.nodeType === "Function Scan" &&
      n.functionName !== null &&
      n.functionName === n.alias &&
      n.schema === null
    ) {
      n.functionName = null;
      n.details = n.details.filter(([k]) => k !== "Function Name");
    }
  }
}

type View = Omit<PlanModel, "nodes" | "source"> & { nodes: Array<PlanModel["nodes"][number]> };

/**
 * The model as compared: everything, with details in a stable order; the figures of
 * planning and execution (Planning Time, Execution Time, planning buffers and memory,
 * serialization, the query identifier) only for being there (and well formed), because
 * auto_explain's JSON does not carry them and a separate run measures other values (a
 * temporary table made for the run changes the identifier).
 */
export function comparable(m: PlanModel, verbose: boolean): string {
  const { source: _source, ...rest } = m;
  const view: View = structuredClone(rest);
  view.nodes = view.nodes.map((n) => ({ ...n, details: [...n.details].sort(byKey) }));
  view.details = view.details.filter(([k]) => k !== "Query Parameters").sort(byKey);
  view.queryText = null;
  tolerate(view, verbose);
  const shape = (x: unknown) => (x === null ? null : "present");
  return JSON.stringify({
    ...view,
    planningMs: shape(view.planningMs),
    executionMs: shape(view.executionMs),
    totalMs: shape(view.totalMs),
    planning: view.planning && {
      buffers: shape(view.planning.buffers),
      memory: shape(view.planning.memoryUsedKb),
    },
    serialization: view.serialization && {
      format: view.serialization.format,
      time: shape(view.serialization.timeMs),
    },
    queryIdentifier:
      view.queryIdentifier === null
        ? null
        : /^-?\d+$/.test(view.queryIdentifier)
          ? "integer"
          : view.queryIdentifier,
  });
}

const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const COST_KEYS = ["Startup Cost", "Total Cost", "Plan Rows", "Plan Width", "Planned Partitions"];

function withoutCosts(node: RawNode): RawNode {
  const out: RawNode = { ...node };
  for (const k of COST_KEYS) delete out[k];
  if (node.Plans) out.Plans = node.Plans.map(withoutCosts);
  return out;
}

/**
 * The JSON ground truth as a model. auto_explain's JSON has the node tree of the same
 * execution but no Execution Time: the TEXT's own value stands in (node shares are
 * relative to it; the figure itself is checked against a separate run by presence).
 */
export function truthModels(p: CorpusPlan, executionMs: Array<number | null>): PlanModel[] {
  const raws = (p.truth as RawPlan[]).map((t, i) => {
    let raw: RawPlan = { ...t };
    if (p.sameExecution) {
      const separate = ((p.separate as RawPlan[])[i] ?? {}) as RawPlan;
      // not in auto_explain's output: from the separate run (the identifier is the same, the times are not)
      for (const k of ["Planning Time", "Planning", "Serialization", "Query Identifier"])
        if (separate[k] !== undefined) raw[k] = separate[k];
      if (executionMs[i] !== null && executionMs[i] !== undefined) raw["Execution Time"] = executionMs[i];
      else delete raw["Execution Time"];
    }
    if (p.costsOff) {
      raw = { ...raw, Plan: withoutCosts(raw.Plan) };
      delete raw.JIT;
    }
    return raw;
  });
  return buildPlanModels(raws);
}

export interface Disagreement {
  plan: string;
  rendering: string;
  what: string;
}

/** The first field where two comparable views differ, for the report. */
export function firstDifference(a: string, b: string): string {
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  for (const k of Object.keys(y)) {
    if (k === "nodes") continue;
    if (JSON.stringify(x[k]) !== JSON.stringify(y[k]))
      return `${k}: read ${JSON.stringify(x[k])?.slice(0, 240)}, JSON ${JSON.stringify(y[k])?.slice(0, 240)}`;
  }
  const xn = x.nodes as Array<Record<string, unknown>>;
  const yn = y.nodes as Array<Record<string, unknown>>;
  if (xn.length !== yn.length) return `${xn.length} nodes read, ${yn.length} in JSON`;
  for (let i = 0; i < yn.length; i++)
    for (const k of Object.keys(yn[i]!))
      if (JSON.stringify(xn[i]![k]) !== JSON.stringify(yn[i]![k]))
        return `node ${i} (${String(yn[i]!.label)}) ${k}: read ${JSON.stringify(xn[i]![k])?.slice(0, 240)}, JSON ${JSON.stringify(yn[i]![k])?.slice(0, 240)}`;
  return "equal";
}
