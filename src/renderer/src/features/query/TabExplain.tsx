import { useMemo, useState, type RefObject } from "react";
import { buildPlanModel } from "../../../../shared/explain/plan.builder";
import { Button } from "../../components/Button";
import { ExplainPanel, PlanViewer } from "../explain";
import { editorTarget } from "./editor-target";
import type { monaco } from "./monaco-setup";
import { explainSql } from "./query-tab.model";
import { useStatementsAt } from "./query.queries";
import { useQueryTabs } from "./query-tabs.store";
import type { EditorTab, PinnedPlanEntry } from "./tab-state.model";

/** Plans a tab keeps pinned (saved with it); the oldest goes when there are more. */
const MAX_PINNED = 10;

export type ExplainShown =
  { kind: "live"; analyze: boolean; seq: number } | { kind: "pinned"; index: number };

/**
 * Explain and Explain Analyze, or a pinned plan, shown instead of the results. Each press is a
 * new request: the panel then reads what the editor holds (the selection, else the statement
 * under the caret) and runs once; it never re-runs by itself (ANALYZE executes the statement).
 */
export function useTabExplain(tab: EditorTab, editor: RefObject<monaco.editor.IStandaloneCodeEditor | null>) {
  const [shown, setShown] = useState<ExplainShown | undefined>();
  const statements = useStatementsAt();
  const statement = async () =>
    explainSql(await statements.mutateAsync({ sql: tab.sql, ...editorTarget(editor.current) }));
  const start = (analyze: boolean) =>
    setShown((s) => ({ kind: "live", analyze, seq: (s?.kind === "live" ? s.seq : 0) + 1 }));
  return {
    shown,
    statement,
    error: statements.error,
    start,
    showPinned: (index: number) => setShown({ kind: "pinned", index }),
    close: () => setShown(undefined),
  };
}

export function TabExplain({
  tab,
  shown,
  statement,
  serverVersionNum,
  onBack,
}: {
  tab: EditorTab;
  shown: ExplainShown;
  statement(): Promise<string>;
  serverVersionNum: number | undefined;
  onBack(): void;
}) {
  const update = useQueryTabs((s) => s.update);
  const pin = (entry: PinnedPlanEntry) =>
    update(tab.id, { pinnedPlans: [...tab.pinnedPlans, entry].slice(-MAX_PINNED) });
  return (
    <div className="flex h-full min-h-0 flex-col gap-1">
      <div className="flex items-center gap-2 text-xs">
        <span className="font-medium">
          {shown.kind === "pinned" ? "Pinned plan" : shown.analyze ? "Explain Analyze" : "Explain"}
        </span>
        <button type="button" className="underline" onClick={onBack} data-testid="back-to-results">
          Back to results
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        {shown.kind === "pinned" ? (
          <PinnedPlan entry={tab.pinnedPlans[shown.index]} />
        ) : (
          <ExplainPanel
            profileId={tab.profileId}
            statement={statement}
            source={tab.sql}
            request={{ analyze: shown.analyze, seq: shown.seq }}
            analyze={shown.analyze}
            {...(tab.database ? { database: tab.database } : {})}
            onPinToTab={(raw, label) =>
              pin({ raw: raw as PinnedPlanEntry["raw"], label, at: new Date().toISOString() })
            }
            {...(serverVersionNum !== undefined ? { serverVersionNum } : {})}
          />
        )}
      </div>
    </div>
  );
}

function PinnedPlan({ entry }: { entry: PinnedPlanEntry | undefined }) {
  const plan = useMemo(() => {
    try {
      return entry ? buildPlanModel(entry.raw) : undefined;
    } catch {
      return undefined;
    }
  }, [entry]);
  if (!entry)
    return <p className="text-sm text-slate-600 dark:text-slate-400">This plan is no longer pinned.</p>;
  if (!plan) return <p className="text-sm text-red-700">The pinned plan could not be read back.</p>;
  return <PlanViewer plan={plan} />;
}

/** The plans pinned in this tab (kept with it across reloads), to open or unpin. */
export function PinnedPlansPanel({ tab, onShow }: { tab: EditorTab; onShow(index: number): void }) {
  const update = useQueryTabs((s) => s.update);
  if (tab.pinnedPlans.length === 0)
    return (
      <p className="text-xs text-slate-600 dark:text-slate-400">
        No plans pinned. Explain a statement, then “Pin to tab”.
      </p>
    );
  return (
    <ul className="flex flex-col gap-1 text-xs" data-testid="pinned-plans">
      {tab.pinnedPlans.map((p, i) => (
        <li key={`${p.at}-${i}`} className="flex items-center gap-2">
          <button type="button" className="flex-1 truncate text-left underline" onClick={() => onShow(i)}>
            {p.label}
          </button>
          <Button
            onClick={() => update(tab.id, { pinnedPlans: tab.pinnedPlans.filter((_, j) => j !== i) })}
            aria-label={`Unpin ${p.label}`}
          >
            Unpin
          </Button>
        </li>
      ))}
    </ul>
  );
}
