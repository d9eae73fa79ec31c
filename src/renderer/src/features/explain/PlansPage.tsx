import { useState } from "react";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { PlanModel } from "../../../../shared/explain/plan.model";
import { parsePlanInput } from "../../../../shared/explain/plan.input";
import { ExplainStatement } from "./ExplainStatement";
import { useExplainUi } from "./explain.store";
import { PlanCompare } from "./PlanCompare";
import { PlanViewer } from "./PlanViewer";

interface Parsed {
  a: PlanModel;
  b: PlanModel | null;
}

/** Read a pasted plan (JSON or text) without a connection, or compare two. */
export function PlansPage({ profileId }: AreaProps) {
  const { pastedA, pastedB, setPasted, pinned } = useExplainUi();
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [error, setError] = useState<unknown>(null);

  const show = () => {
    try {
      const a = parsePlanInput(pastedA);
      let b: PlanModel | null = null;
      if (pastedB.trim()) {
        try {
          b = parsePlanInput(pastedB);
        } catch (err) {
          throw new Error(`Plan B: ${(err as Error).message}`);
        }
      }
      setParsed({ a, b });
      setError(null);
    } catch (err) {
      setParsed(null);
      setError(err);
    }
  };

  const area =
    "h-40 w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900";
  return (
    <section className="flex flex-col gap-3" data-testid="plans-page">
      <h1 className="text-xl font-semibold">Plans</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Paste the output of <code>EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)</code> or of plain{" "}
        <code>EXPLAIN ANALYZE</code>. Paste a second plan to compare them (for example before and after an
        index). Nothing is sent anywhere.
      </p>
      <div className="grid gap-3 lg:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Plan A</span>
          <textarea
            className={area}
            value={pastedA}
            onChange={(e) => setPasted("a", e.target.value)}
            spellCheck={false}
            data-testid="plans-input-a"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Plan B (optional, to compare)</span>
          <textarea
            className={area}
            value={pastedB}
            onChange={(e) => setPasted("b", e.target.value)}
            spellCheck={false}
            data-testid="plans-input-b"
          />
        </label>
      </div>
      <div className="flex gap-2">
        <Button variant="primary" onClick={show} data-testid="plans-show">
          {pastedB.trim() ? "Compare" : "Show plan"}
        </Button>
        {pinned && (
          <Button onClick={() => setParsed({ a: pinned.plan, b: null })} data-testid="plans-show-pinned">
            Show pinned plan
          </Button>
        )}
      </div>
      {error !== null && <ErrorMessage error={error} />}
      {parsed &&
        (parsed.b ? (
          <PlanCompare a={parsed.a} b={parsed.b} labelA="Plan A" labelB="Plan B" />
        ) : (
          <PlanViewer plan={parsed.a} />
        ))}
      {profileId && <ExplainStatement profileId={profileId} />}
    </section>
  );
}
