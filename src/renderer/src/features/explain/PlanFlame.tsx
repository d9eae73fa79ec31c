import { useMemo } from "react";
import type { PlanModel } from "../../../../shared/explain/plan.model";
import { icicleLayout } from "../../../../shared/explain/icicle.layout";
import { formatMs, formatShare, severityBar } from "./plan.format";

const ROW = 22;

/** Where the time goes: an icicle chart, each box as wide as its node's inclusive time. */
export function PlanFlame({
  plan,
  selectedId,
  onSelect,
}: {
  plan: PlanModel;
  selectedId: number | null;
  onSelect(id: number): void;
}) {
  const boxes = useMemo(() => icicleLayout(plan), [plan]);
  const depth = boxes.reduce((d, b) => Math.max(d, b.depth), 0);
  return (
    <div className="flex flex-col gap-1" data-testid="plan-flame">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Width = {plan.timed ? "inclusive time" : "estimated cost"}; colour = share of exclusive time. Click a
        box to select its node.
      </p>
      <div className="max-h-[60vh] overflow-auto rounded border border-slate-200 dark:border-slate-800">
        <div className="relative w-full" style={{ height: (depth + 1) * ROW }}>
          {boxes.map((b) => {
            const n = plan.nodes[b.id]!;
            return (
              <button
                type="button"
                key={b.id}
                data-testid="plan-flame-box"
                title={`${n.label} — ${plan.timed ? `${formatMs(n.inclusiveMs)} inclusive, ${formatShare(n.exclusiveShare)} exclusive` : n.totalCost === null ? "costs not printed" : `cost ${n.totalCost.toFixed(0)}`}`}
                onClick={() => onSelect(b.id)}
                className={`absolute overflow-hidden border border-white px-1 text-left text-[11px] leading-[20px] whitespace-nowrap text-slate-900 dark:border-slate-950 ${plan.timed ? severityBar[n.timeSeverity] : "bg-sky-300/70"} ${b.id === selectedId ? "outline-2 outline-blue-700" : ""}`}
                style={{ left: `${b.x * 100}%`, width: `${b.w * 100}%`, top: b.depth * ROW, height: ROW }}
              >
                {n.label}
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
