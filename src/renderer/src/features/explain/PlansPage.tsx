import { useMemo, useState } from "react";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { readPlanInput, type PlanInputResult } from "../../../../shared/explain/plan.input";
import { ExplainStatement } from "./ExplainStatement";
import { useExplainUi } from "./explain.store";
import { PlanCompare } from "./PlanCompare";
import { PlanPicker } from "./PlanPicker";
import { PlanReadingNote, PlanRefusalMessage } from "./PlanReadingNote";
import { PlanViewer } from "./PlanViewer";

interface Shown {
  a: PlanInputResult;
  b: PlanInputResult | null;
}

/** Read a pasted plan (any format, any wrapping) without a connection, or compare two. */
export function PlansPage({ profileId }: AreaProps) {
  const { pastedA, pastedB, setPasted, pinned } = useExplainUi();
  const [shown, setShown] = useState<Shown | null>(null);
  const [chosen, setChosen] = useState({ a: 0, b: 0 });
  const [pinnedShown, setPinnedShown] = useState(false);

  const show = () => {
    setShown({ a: readPlanInput(pastedA), b: pastedB.trim() ? readPlanInput(pastedB) : null });
    setChosen({ a: 0, b: 0 });
    setPinnedShown(false);
  };

  const area =
    "h-40 w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900";
  return (
    <section className="flex flex-col gap-3" data-testid="plans-page">
      <h1 className="text-xl font-semibold">Plans</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Paste a plan as it reached you: EXPLAIN&apos;s text, JSON, YAML or XML; psql&apos;s output in any
        format; a pgAdmin or DBeaver copy; an auto_explain log entry; with the SQL or prompts around it. Paste
        a second plan to compare them (for example before and after an index). Nothing is sent anywhere.
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
          <Button onClick={() => setPinnedShown(true)} data-testid="plans-show-pinned">
            Show pinned plan
          </Button>
        )}
      </div>
      {pinnedShown && pinned ? (
        <PlanViewer plan={pinned.plan} />
      ) : (
        shown && (
          <Readings
            shown={shown}
            chosen={chosen}
            onChoose={(which, i) => setChosen((c) => ({ ...c, [which]: i }))}
          />
        )
      )}
      {profileId && <ExplainStatement profileId={profileId} />}
    </section>
  );
}

function Readings({
  shown,
  chosen,
  onChoose,
}: {
  shown: Shown;
  chosen: { a: number; b: number };
  onChoose(which: "a" | "b", i: number): void;
}) {
  const { a, b } = shown;
  const planA = useMemo(() => (a.ok ? a.plans[chosen.a]!.model : null), [a, chosen.a]);
  const planB = useMemo(() => (b?.ok ? b.plans[chosen.b]!.model : null), [b, chosen.b]);
  if (!a.ok) return <PlanRefusalMessage refusal={a.refusal} which={b ? "Plan A" : undefined} />;
  if (b && !b.ok) return <PlanRefusalMessage refusal={b.refusal} which="Plan B" />;
  return (
    <div className="flex flex-col gap-3">
      <PlanPicker
        reading={a}
        chosen={chosen.a}
        onChoose={(i) => onChoose("a", i)}
        which={b ? "Plan A" : undefined}
      />
      {b?.ok && (
        <PlanPicker reading={b} chosen={chosen.b} onChoose={(i) => onChoose("b", i)} which="Plan B" />
      )}
      <PlanReadingNote reading={a} chosen={chosen.a} />
      {planB ? (
        <PlanCompare a={planA!} b={planB} labelA="Plan A" labelB="Plan B" />
      ) : (
        <PlanViewer plan={planA!} />
      )}
    </div>
  );
}
