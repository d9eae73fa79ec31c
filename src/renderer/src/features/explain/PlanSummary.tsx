import type { PlanModel } from "../../../../shared/explain/plan.model";
import { formatMs } from "./plan.format";
import { count } from "../../../../shared/format/plural";

/** The plan's headline figures. */
export function PlanSummary({ plan }: { plan: PlanModel }) {
  const triggerMs = plan.triggers.reduce((s, t) => s + t.timeMs, 0);
  const items: Array<[string, string, string?]> = [
    [
      "Execution",
      plan.analyzed ? formatMs(plan.executionMs ?? plan.totalMs) : "not run",
      "plan-execution-time",
    ],
    ["Planning", formatMs(plan.planningMs)],
    ["Total cost", plan.totalCost.toFixed(2)],
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
      {plan.settings.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Settings: {plan.settings.map(([k, v]) => `${k} = ${v}`).join(", ")}
        </p>
      )}
    </div>
  );
}
