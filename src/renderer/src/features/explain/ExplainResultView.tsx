import type { OutputOf } from "../../../../shared/contract";
import { Button } from "../../components/Button";
import { useExplainUi } from "./explain.store";
import { PlanCompare } from "./PlanCompare";
import { PlanViewer } from "./PlanViewer";

type ExplainResult = OutputOf<"explain:run">;

/** Pin for comparison, copy the raw JSON, and switch to the comparison with the pinned plan. */
export function ResultActions({
  result,
  sql,
  comparing,
  onCompare,
  onPinToTab,
}: {
  result: ExplainResult;
  sql: string;
  comparing: boolean;
  onCompare(): void;
  onPinToTab?(raw: unknown, label: string): void;
}) {
  const { pinned, pin } = useExplainUi();
  const label = `${sql.slice(0, 60)} (${new Date().toLocaleTimeString()})`;
  return (
    <>
      {onPinToTab && (
        <Button onClick={() => onPinToTab(result.raw, label)} data-testid="explain-pin-tab">
          Pin to tab
        </Button>
      )}
      <Button
        onClick={() =>
          pin({ plan: result.plan, label: `${sql.slice(0, 60)} (${new Date().toLocaleTimeString()})` })
        }
        data-testid="explain-pin"
      >
        Pin for comparison
      </Button>
      <Button
        onClick={() => void navigator.clipboard?.writeText(JSON.stringify(result.raw, null, 2))}
        data-testid="explain-copy-json"
        title="For the Plans area, or to share"
      >
        Copy plan JSON
      </Button>
      {pinned && pinned.plan !== result.plan && (
        <Button onClick={onCompare} data-testid="explain-compare">
          {comparing ? "Show plan" : "Compare with pinned"}
        </Button>
      )}
    </>
  );
}

/** What a rollback does not undo, the exact statement sent, and the plan (or the comparison). */
export function ExplainResultView({ result, comparing }: { result: ExplainResult; comparing: boolean }) {
  const pinned = useExplainUi((s) => s.pinned);
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
      {comparing && pinned ? (
        <PlanCompare a={pinned.plan} b={result.plan} labelA="Pinned" labelB="Current" />
      ) : (
        <PlanViewer plan={result.plan} />
      )}
    </>
  );
}
