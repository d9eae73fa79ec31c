import type { PlanInputResult } from "../../../../shared/explain/plan.input";

type Accepted = Extract<PlanInputResult, { ok: true }>;

/** Several plans in one paste: says so, and lets the user pick the one to show. */
export function PlanPicker({
  reading,
  chosen,
  onChoose,
  which,
}: {
  reading: Accepted;
  chosen: number;
  onChoose(i: number): void;
  which?: string;
}) {
  if (reading.plans.length < 2) return null;
  return (
    <div
      className="flex flex-wrap items-center gap-2 rounded border border-sky-300 bg-sky-50 p-2 text-sm dark:border-sky-800 dark:bg-sky-950/60"
      data-testid="plan-picker"
    >
      <span>
        {which ? `${which}: ` : ""}
        {reading.plans.length} plans in this paste. Showing
      </span>
      <select
        className="rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
        value={chosen}
        onChange={(e) => onChoose(Number(e.target.value))}
        data-testid="plan-picker-select"
      >
        {reading.plans.map((p, i) => (
          <option key={i} value={i}>
            {`${i + 1}: ${p.model.nodes[0]!.label} — lines ${p.firstLine}–${p.lastLine}`}
          </option>
        ))}
      </select>
    </div>
  );
}
