import { useState } from "react";
import type { Tip } from "../../../../shared/explain/plan.model";

const tone: Record<Tip["severity"], string> = {
  critical: "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/60",
  warning: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/60",
  info: "border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950/60",
};

/** Findings in plain words; choosing one shows its node in the tree. */
export function PlanTips({ tips, onShowNode }: { tips: Tip[]; onShowNode(id: number): void }) {
  // big generated plans can repeat one finding hundreds of times
  const [limit, setLimit] = useState(20);
  if (tips.length === 0)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="plan-no-tips">
        No problems found in this plan.
      </p>
    );
  return (
    <ul className="flex flex-col gap-2" data-testid="plan-tips">
      {tips.slice(0, limit).map((tip, i) => (
        <li
          key={i}
          className={`rounded border p-2 text-sm ${tone[tip.severity]}`}
          data-testid="plan-tip"
          data-tip-kind={tip.kind}
        >
          <div className="flex items-start justify-between gap-2">
            <span className="font-medium">{tip.title}</span>
            {tip.nodeId !== null && (
              <button
                type="button"
                className="shrink-0 text-xs text-blue-700 underline dark:text-blue-300"
                onClick={() => onShowNode(tip.nodeId!)}
                data-testid="plan-tip-show"
              >
                Show node
              </button>
            )}
          </div>
          <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">{tip.detail}</p>
          <dl className="mt-1 flex flex-wrap gap-x-4 text-xs" data-testid="plan-tip-figures">
            {tip.figures.map(([k, v]) => (
              <div key={k} className="flex gap-1">
                <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
                <dd className="tabular-nums">{v}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
      {tips.length > limit && (
        <li>
          <button
            type="button"
            className="text-xs text-blue-700 underline dark:text-blue-300"
            onClick={() => setLimit(tips.length)}
            data-testid="plan-tips-all"
          >
            Show all {tips.length} tips
          </button>
        </li>
      )}
    </ul>
  );
}
