import type { PlanInputResult, PlanRefusal } from "../../../../shared/explain/plan.input";

/** Why a paste is not a plan: the reason and the line that shows it, as text. */
export function PlanRefusalMessage({ refusal, which }: { refusal: PlanRefusal; which?: string }) {
  return (
    <div
      role="alert"
      data-testid="plan-refusal"
      className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="font-medium">
        {which ? `${which}: ` : ""}
        {refusal.message}
      </div>
      {refusal.text !== null && (
        <pre
          className="mt-1 overflow-auto font-mono text-xs whitespace-pre-wrap"
          data-testid="plan-refusal-line"
        >
          {refusal.line !== null ? `line ${refusal.line}: ` : ""}
          {refusal.text}
        </pre>
      )}
    </div>
  );
}

type Accepted = Extract<PlanInputResult, { ok: true }>;

/** Where the plans were found, what was skipped around them and what had to be guessed. */
export function PlanReadingNote({ reading, chosen }: { reading: Accepted; chosen: number }) {
  const plan = reading.plans[chosen]!;
  const skipped = reading.skipped;
  return (
    <div
      className="flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400"
      data-testid="plan-reading-note"
    >
      <p>
        Read from {plan.origin}, lines {plan.firstLine}–{plan.lastLine}
        {plan.notes.length > 0 ? `; ${plan.notes.join("; ")}` : ""}.
      </p>
      {skipped.length > 0 && (
        <details data-testid="plan-skipped">
          <summary className="cursor-pointer">
            {skipped.length} line{skipped.length === 1 ? "" : "s"} around the plan
            {reading.plans.length > 1 ? "s" : ""} left out (SQL, prompts, comments…)
          </summary>
          <pre className="mt-1 max-h-32 overflow-auto font-mono whitespace-pre-wrap">
            {skipped.map((s) => `${s.line}: ${s.text}`).join("\n")}
          </pre>
        </details>
      )}
    </div>
  );
}
