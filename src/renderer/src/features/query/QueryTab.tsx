import { useMemo, useRef, useState, type RefObject } from "react";
import type { Completions, StatementResult } from "../../../../shared/contract/query";
import { ExplainPanel, type ExplainRequestSignal } from "../explain";
import { editorTarget } from "./editor-target";
import { ExportDialog } from "./ExportDialog";
import { formatEditor, type monaco } from "./monaco-setup";
import {
  appendToScript,
  errorMarker,
  explainSql,
  ranText,
  runRequest,
  type EditorMarker,
  type RunTarget,
} from "./query-tab.model";
import { useCompletions, useRunController, useStatementsAt } from "./query.queries";
import { useQueryTabs, type QueryTabState } from "./query-tabs.store";
import { QueryToolbar, type SidePanel } from "./QueryToolbar";
import { ResultsPanel } from "./ResultsPanel";
import type { RunController } from "./run-controller";
import { HistoryPanel, SnippetsPanel } from "./SidePanels";
import { SqlEditor, type EditorCommand } from "./SqlEditor";

type EditorRef = RefObject<monaco.editor.IStandaloneCodeEditor | null>;

/** One editor tab: its own session, editor, results, explain and side panels. */
export function QueryTab({ tab }: { tab: QueryTabState }) {
  const controller = useRunController(tab.id, tab.profileId);
  const update = useQueryTabs((s) => s.update);
  const editor: EditorRef = useRef(null);
  const [side, setSide] = useState<SidePanel | undefined>();
  const [exporting, setExporting] = useState<{ sql: string } | undefined>();
  const completions = useCompletions(tab.profileId);
  const explain = useTabExplain(tab, editor);
  const runs = useTabRuns(tab, controller, editor, explain.close);
  // controller.version changes whenever results do
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const marker = useMemo(() => errorMarker(controller.results), [controller.version]);
  const pick = (sql: string) => update(tab.id, { sql: appendToScript(tab.sql, sql) });

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <QueryToolbar
        tab={tab}
        controller={controller}
        onRun={runs.run}
        onExplain={explain.start}
        onFormat={() => editor.current && void formatEditor(editor.current)}
        onSettings={(patch) => update(tab.id, patch)}
        side={side}
        onSide={setSide}
        names={{ loading: completions.isFetching, refresh: () => void completions.refetch() }}
      />
      <div className="flex min-h-0 flex-1 gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <EditorPane
            sql={tab.sql}
            onChange={(sql) => update(tab.id, { sql })}
            onCommand={(command) =>
              command === "explain" || command === "explainAnalyze"
                ? explain.start(command === "explainAnalyze")
                : runs.run(command === "runAll" ? "all" : "target")
            }
            onMount={(e) => (editor.current = e)}
            marker={marker}
            completions={completions.data}
          />
          {exporting && controller.session && (
            <ExportDialog
              sessionId={controller.session.sessionId}
              sql={exporting.sql}
              onClose={() => setExporting(undefined)}
            />
          )}
          <div className="min-h-0 flex-1">
            {explain.shown ? (
              <TabExplain
                request={explain.shown}
                statement={explain.statement}
                source={tab.sql}
                profileId={tab.profileId}
                serverVersionNum={controller.session?.serverVersionNum}
                onBack={explain.close}
              />
            ) : (
              <ResultsPanel
                controller={controller}
                onLoadAll={runs.loadAll}
                onExport={(r) => setExporting({ sql: ranText(controller.lastRequest?.sql, tab.sql, r) })}
              />
            )}
          </div>
        </div>
        {side && (
          <aside className="flex w-80 shrink-0 flex-col border-l border-slate-200 pl-3 dark:border-slate-800">
            {side === "history" ? (
              <HistoryPanel profileId={tab.profileId} onPick={pick} />
            ) : (
              <SnippetsPanel currentSql={tab.sql} onPick={pick} />
            )}
          </aside>
        )}
      </div>
    </div>
  );
}

/**
 * Runs of the tab: the statement at the caret or the selection, the whole script, or one
 * result's statement again without the row cap ("Load all rows"). A run leaves Explain.
 */
function useTabRuns(
  tab: QueryTabState,
  controller: RunController,
  editor: EditorRef,
  leaveExplain: () => void,
) {
  const start = (target: RunTarget, override?: { sql?: string; rowCap?: number | null }) => {
    leaveExplain();
    void controller.run(runRequest(tab, target, override));
  };
  return {
    run: (scope: "target" | "all") => start(scope === "all" ? { mode: "all" } : editorTarget(editor.current)),
    loadAll: (r: StatementResult) =>
      start(
        { mode: "selection", selection: { start: r.start, end: r.end } },
        { sql: controller.lastRequest?.sql ?? tab.sql, rowCap: null },
      ),
  };
}

/** The editor, and why the last Format left the text alone (until the text changes). */
function EditorPane({
  sql,
  onChange,
  ...editor
}: {
  sql: string;
  onChange(sql: string): void;
  onCommand(command: EditorCommand): void;
  onMount(editor: monaco.editor.IStandaloneCodeEditor): void;
  marker: EditorMarker | undefined;
  completions: Completions | undefined;
}) {
  const [formatMessage, setFormatMessage] = useState<string | undefined>();
  return (
    <>
      <div className="h-[38%] min-h-32 shrink-0 overflow-hidden rounded border border-slate-200 dark:border-slate-800">
        <SqlEditor
          value={sql}
          onChange={(next) => {
            onChange(next);
            setFormatMessage(undefined);
          }}
          onFormatMessage={setFormatMessage}
          {...editor}
        />
      </div>
      {formatMessage && (
        <p className="text-xs text-amber-700 dark:text-amber-400" role="status" data-testid="format-message">
          {formatMessage}
        </p>
      )}
    </>
  );
}

/**
 * Explain and Explain Analyze, shown instead of the results. Each press is a new request:
 * the panel then reads what the editor holds (the selection, else the statement under the
 * caret) and runs once; it never re-runs by itself.
 */
function useTabExplain(tab: QueryTabState, editor: EditorRef) {
  const [shown, setShown] = useState<ExplainRequestSignal | undefined>();
  const statements = useStatementsAt();
  const statement = async () =>
    explainSql(await statements.mutateAsync({ sql: tab.sql, ...editorTarget(editor.current) }));
  const start = (analyze: boolean) => setShown((s) => ({ analyze, seq: (s?.seq ?? 0) + 1 }));
  return { shown, statement, start, close: () => setShown(undefined) };
}

function TabExplain({
  request,
  statement,
  source,
  profileId,
  serverVersionNum,
  onBack,
}: {
  request: ExplainRequestSignal;
  statement(): Promise<string>;
  source: string;
  profileId: string;
  serverVersionNum: number | undefined;
  onBack(): void;
}) {
  return (
    <div className="flex h-full min-h-0 flex-col gap-1">
      <div className="flex items-center gap-2 text-xs">
        <span className="font-medium">{request.analyze ? "Explain Analyze" : "Explain"}</span>
        <button type="button" className="underline" onClick={onBack} data-testid="back-to-results">
          Back to results
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        <ExplainPanel
          profileId={profileId}
          statement={statement}
          source={source}
          request={request}
          analyze={request.analyze}
          {...(serverVersionNum !== undefined ? { serverVersionNum } : {})}
        />
      </div>
    </div>
  );
}
