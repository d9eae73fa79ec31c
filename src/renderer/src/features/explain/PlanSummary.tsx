import type { PlanModel } from "../../../../shared/explain/plan.model";
import { count } from "../../../../shared/format/plural";
import { FactList } from "./FactList";
import { planFacts } from "./plan.facts";
import { formatMs } from "./plan.format";

/** The plan's headline figures, and everything else it reported about itself on demand. */
export function PlanSummary({ plan }: { plan: PlanModel }) {
  const triggerMs = plan.triggers.reduce((s, t) => s + (t.timeMs ?? 0), 0);
  const items: Array<[string, string, string?]> = [
    [
      "Execution",
      plan.analyzed ? (plan.executionMs !== null ? formatMs(plan.executionMs) : "not printed") : "not run",
      "plan-execution-time",
    ],
    ["Planning", formatMs(plan.planningMs)],
    ["Total cost", plan.totalCost === null ? "not printed" : plan.totalCost.toFixed(2)],
    ["Nodes", String(plan.nodes.length), "plan-node-count"],
  ];
  if (plan.jit)
    items.push(["JIT", `${formatMs(plan.jit.totalMs)} (${count(plan.jit.functions, "function")})`]);
  if (plan.triggers.length) items.push(["Triggers", `${formatMs(triggerMs)} in ${plan.triggers.length}`]);
  return (
    <div className="flex flex-col gap-1">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="plan-summary">
        {items.map(([label, value, testId]) => (
          <div key={label} className="flex gap-2">
            <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="font-medium tabular-nums" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {!plan.analyzed && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Estimates only: run with ANALYZE for actual times and rows.
        </p>
      )}
      {plan.queryText !== null && (
        <pre
          className="max-h-24 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-slate-900"
          data-testid="plan-query-text"
        >
          {plan.queryText}
        </pre>
      )}
      <details className="text-xs" data-testid="plan-facts">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
          Planning, triggers, JIT, serialization, settings and everything else the plan reports
        </summary>
        <div className="mt-2">
          <FactList groups={planFacts(plan)} />
        </div>
      </details>
    </div>
  );
}
