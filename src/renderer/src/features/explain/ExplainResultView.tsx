import { useState } from "react";
import type { ExplainResult } from "../../../../shared/contract/explain";
import type { PlanModel } from "../../../../shared/explain/plan.model";
import { Button } from "../../components/Button";
import { EarlierRunCompare, EarlierRuns } from "./EarlierRuns";
import { useExplainUi } from "./explain.store";
import { PinnedPlanCard, PlanProvenance } from "./PinnedPlanCard";
import { PlanCompare } from "./PlanCompare";
import { PlanViewer } from "./PlanViewer";

/** One EXPLAIN run's outcome: what ran, its cautions, its plan(s), pin and compare. */
export function ExplainResultView({
  profileId,
  result,
  profileName,
  stale,
  onPinToTab,
}: {
  profileId: string;
  result: ExplainResult;
  profileName: string | null;
  /** The editor no longer holds what this plan is for. */
  stale: boolean;
  /** Offered by the Query page: keeps the plan (EXPLAIN's raw JSON) with the editor tab. */
  onPinToTab?: ((raw: unknown, label: string) => void) | undefined;
}) {
  const { pinned, pin } = useExplainUi();
  const [comparing, setComparing] = useState(false);
  const [which, setWhich] = useState(0);
  const [earlier, setEarlier] = useState<{ ranAt: string; id: string | null }>({ ranAt: "", id: null });
  // a choice belongs to the run it was made on
  const earlierId = earlier.ranAt === result.ranAt ? earlier.id : null;
  const plan = result.plans[which] ?? result.plan;
  const isPinned = pinned?.plan === plan;
  return (
    <div className="flex flex-col gap-2" data-testid="explain-result">
      <ResultActions
        result={result}
        plan={plan}
        onPin={() =>
          pin({ plan, sql: result.sql, options: result.options, ranAt: result.ranAt, profileName })
        }
        {...(onPinToTab
          ? { onPinToTab: () => onPinToTab(result.raw, `${result.sql.slice(0, 60)} (${result.ranAt})`) }
          : {})}
        isPinned={isPinned}
        canCompare={pinned !== null && !isPinned}
        comparing={comparing}
        onCompare={() => setComparing((c) => !c)}
        which={which}
        onWhich={setWhich}
      />
      {stale && (
        <p className="text-xs text-amber-700 dark:text-amber-400" data-testid="explain-stale">
          The editor has changed since this plan ran. Press Explain to explain what it holds now.
        </p>
      )}
      <PlanProvenance
        sql={result.sql}
        options={result.options}
        ranAt={result.ranAt}
        profileName={profileName}
        testId="explain-ran"
      />
      {pinned && <PinnedPlanCard pinned={pinned} onUnpin={() => pin(null)} />}
      <Cautions result={result} />
      <EarlierRuns
        profileId={profileId}
        result={result}
        chosen={earlierId}
        onChoose={(id) => setEarlier({ ranAt: result.ranAt, id })}
      />
      {earlierId !== null ? (
        <EarlierRunCompare id={earlierId} current={plan} />
      ) : comparing && pinned && !isPinned ? (
        <PlanCompare a={pinned.plan} b={plan} labelA="Pinned" labelB="Current" />
      ) : (
        <PlanViewer plan={plan} />
      )}
    </div>
  );
}

/** Pin for comparison, copy the JSON as the server printed it, compare, and pick among several plans. */
function ResultActions(p: {
  result: ExplainResult;
  plan: PlanModel;
  onPin(): void;
  onPinToTab?(): void;
  isPinned: boolean;
  canCompare: boolean;
  comparing: boolean;
  onCompare(): void;
  which: number;
  onWhich(i: number): void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <Button onClick={p.onPin} disabled={p.isPinned} data-testid="explain-pin">
        {p.isPinned ? "Pinned" : "Pin for comparison"}
      </Button>
      {p.onPinToTab && (
        <Button onClick={p.onPinToTab} data-testid="explain-pin-tab">
          Pin to tab
        </Button>
      )}
      <Button
        onClick={() => void navigator.clipboard?.writeText(p.result.rawText)}
        data-testid="explain-copy-json"
        title="For the Plans area, or to share"
      >
        Copy plan JSON
      </Button>
      {p.canCompare && (
        <Button onClick={p.onCompare} data-testid="explain-compare">
          {p.comparing ? "Show plan" : "Compare with pinned"}
        </Button>
      )}
      {p.result.plans.length > 1 && (
        <label className="flex items-center gap-1" data-testid="explain-plan-picker">
          {p.result.plans.length} plans (a rule rewrote the statement):
          <select value={p.which} onChange={(e) => p.onWhich(Number(e.target.value))}>
            {p.result.plans.map((x, i) => (
              <option key={i} value={i}>{`${i + 1}: ${x.nodes[0]!.label}`}</option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** What a rollback does not undo, and the exact statement sent. */
function Cautions({ result }: { result: ExplainResult }) {
  return (
    <>
      {result.warnings.length > 0 && (
        <details className="text-xs text-slate-600 dark:text-slate-400" data-testid="explain-warnings">
          <summary className="cursor-pointer">
            {result.rolledBack ? "Ran and rolled back" : "Plan only"}
            {result.readOnly ? " in a read-only transaction" : ""}: what a rollback does not undo
          </summary>
          <ul className="mt-1 list-disc pl-5">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <details className="text-xs text-slate-600 dark:text-slate-400">
        <summary className="cursor-pointer">Sent to the server</summary>
        <pre
          className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono dark:bg-slate-900"
          data-testid="explain-sent-sql"
        >
          {result.explainSql}
        </pre>
      </details>
    </>
  );
}
