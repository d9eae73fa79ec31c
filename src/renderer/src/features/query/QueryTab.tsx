import { useQuery } from "@tanstack/react-query";
import { useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { RunMode, StatementResult } from "../../../../shared/contract/query";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../lib/api";
import { ExplainPanel } from "../explain";
import { ExportDialog } from "./ExportDialog";
import { formatEditor, type monaco } from "./monaco-setup";
import { useQueryTabs, type QueryTabState } from "./query-tabs.store";
import { ResultsPanel } from "./ResultsPanel";
import { controllerFor } from "./run-controller";
import { HistoryPanel, queryKeys, SnippetsPanel } from "./SidePanels";
import { SqlEditor, type EditorCommand, type EditorMarker } from "./SqlEditor";
import { TransactionBadge } from "./TransactionBadge";

/** One editor tab: its own session, editor, results, explain and side panels. */
export function QueryTab({ tab }: { tab: QueryTabState }) {
  const controller = controllerFor(tab.id, tab.profileId);
  useSyncExternalStore(controller.subscribe, controller.getVersion);
  const update = useQueryTabs((s) => s.update);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [side, setSide] = useState<"history" | "snippets" | undefined>();
  const [explain, setExplain] = useState<{ sql: string; analyze: boolean } | undefined>();
  const [explainError, setExplainError] = useState<unknown>();
  const [exporting, setExporting] = useState<{ sql: string } | undefined>();
  const [formatMessage, setFormatMessage] = useState<string | undefined>();
  const completions = useQuery({
    queryKey: queryKeys.completions(tab.profileId),
    queryFn: () => call("query:completions", { profileId: tab.profileId }),
    staleTime: Infinity,
  });

  /** What the caret or the selection points at in the editor text. */
  const target = (): { mode: RunMode; cursorOffset?: number; selection?: { start: number; end: number } } => {
    const e = editor.current;
    const model = e?.getModel();
    const sel = e?.getSelection();
    if (!e || !model || !sel) return { mode: "all" };
    if (!sel.isEmpty()) {
      return {
        mode: "selection",
        selection: {
          start: model.getOffsetAt(sel.getStartPosition()),
          end: model.getOffsetAt(sel.getEndPosition()),
        },
      };
    }
    return { mode: "statement-at-cursor", cursorOffset: model.getOffsetAt(e.getPosition()!) };
  };

  const run = (
    mode: "target" | "all",
    extra: { selection?: { start: number; end: number }; rowCap?: number | null; sql?: string } = {},
  ) => {
    setExplain(undefined);
    const t = extra.selection
      ? { mode: "selection" as const, selection: extra.selection }
      : mode === "all"
        ? { mode: "all" as const }
        : target();
    void controller.run({
      sql: extra.sql ?? tab.sql,
      ...t,
      rowCap: extra.rowCap === undefined ? tab.rowCap : extra.rowCap,
      statementTimeoutMs: tab.timeoutSeconds * 1000,
    });
  };

  const startExplain = async (analyze: boolean) => {
    setExplainError(undefined);
    try {
      const statements = await call("query:statements", { sql: tab.sql, ...target() });
      const sql = statements.length === 1 ? statements[0]!.text : statements.map((s) => s.text).join(";\n");
      if (sql) setExplain({ sql, analyze });
    } catch (err) {
      setExplainError(err);
    }
  };

  const onCommand = (command: EditorCommand) => {
    if (command === "run") run("target");
    else if (command === "runAll") run("all");
    else void startExplain(command === "explainAnalyze");
  };

  const marker = useMemo<EditorMarker | undefined>(() => {
    const failed = controller.results.find((r) => r.result?.error?.editorOffset !== undefined)?.result?.error;
    return failed ? { offset: failed.editorOffset!, message: failed.message } : undefined;
    // controller.version changes whenever results do
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller.version]);

  const loadAll = (r: StatementResult) => {
    const sql = controller.lastRequest?.sql ?? tab.sql;
    run("target", { sql, selection: { start: r.start, end: r.end }, rowCap: null });
  };

  const pick = (sql: string) =>
    update(tab.id, { sql: tab.sql.trim() ? `${tab.sql.replace(/\s*$/, "")}\n\n${sql}` : sql });

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Button
          variant="primary"
          disabled={controller.running}
          onClick={() => run("target")}
          data-testid="run"
          title="Run the selection or the statement under the caret (Ctrl/Cmd+Enter)"
        >
          Run
        </Button>
        <Button
          disabled={controller.running}
          onClick={() => run("all")}
          data-testid="run-all"
          title="Run every statement (Shift+Ctrl/Cmd+Enter)"
        >
          Run all
        </Button>
        <Button
          variant="danger"
          disabled={!controller.running}
          onClick={() => void controller.cancel()}
          data-testid="cancel"
        >
          Cancel
        </Button>
        <Button
          onClick={() => void startExplain(false)}
          data-testid="explain"
          title="Explain the statement under the caret (Shift+Ctrl/Cmd+E)"
        >
          Explain
        </Button>
        <Button
          onClick={() => void startExplain(true)}
          data-testid="explain-analyze"
          title="Explain Analyze, rolled back (Alt+Shift+Ctrl/Cmd+E)"
        >
          Explain Analyze
        </Button>
        <Button
          onClick={() => editor.current && void formatEditor(editor.current)}
          data-testid="format"
          title="Format the selection, or the whole script, as PostgreSQL (Shift+Alt+F or Ctrl/Cmd+Alt+L; Ctrl/Cmd+Z undoes it)"
        >
          Format
        </Button>
        <label className="flex items-center gap-1 text-xs text-slate-500">
          Timeout (s)
          <input
            type="number"
            min={0}
            value={tab.timeoutSeconds}
            onChange={(e) => update(tab.id, { timeoutSeconds: Math.max(0, Number(e.target.value) || 0) })}
            className="w-16 rounded border border-slate-300 bg-transparent px-1 dark:border-slate-700"
            data-testid="timeout"
          />
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-500">
          Row cap
          <input
            type="number"
            min={1}
            value={tab.rowCap}
            onChange={(e) => update(tab.id, { rowCap: Math.max(1, Number(e.target.value) || 1) })}
            data-testid="row-cap"
            className="w-20 rounded border border-slate-300 bg-transparent px-1 dark:border-slate-700"
          />
        </label>
        <TransactionBadge
          state={controller.transactionState}
          connected={controller.session !== undefined}
          readOnly={controller.session?.readOnly ?? false}
          running={controller.running}
        />
        <span className="ml-auto flex gap-1">
          <Button
            onClick={() => void completions.refetch()}
            disabled={completions.isFetching}
            title="Reload schema, table, column and function names for autocomplete"
            data-testid="refresh-completions"
          >
            {completions.isFetching ? "Loading names…" : "Refresh names"}
          </Button>
          <Button
            onClick={() => setSide(side === "history" ? undefined : "history")}
            data-testid="toggle-history"
          >
            History
          </Button>
          <Button
            onClick={() => setSide(side === "snippets" ? undefined : "snippets")}
            data-testid="toggle-snippets"
          >
            Snippets
          </Button>
        </span>
      </div>
      <div className="flex min-h-0 flex-1 gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="h-[38%] min-h-32 shrink-0 overflow-hidden rounded border border-slate-200 dark:border-slate-800">
            <SqlEditor
              value={tab.sql}
              onChange={(sql) => {
                update(tab.id, { sql });
                setFormatMessage(undefined);
              }}
              onCommand={onCommand}
              onMount={(e) => (editor.current = e)}
              marker={marker}
              completions={completions.data}
              onFormatMessage={setFormatMessage}
            />
          </div>
          {formatMessage && (
            <p
              className="text-xs text-amber-700 dark:text-amber-400"
              role="status"
              data-testid="format-message"
            >
              {formatMessage}
            </p>
          )}
          {explainError !== undefined && <ErrorMessage error={explainError} />}
          {exporting && controller.session && (
            <ExportDialog
              sessionId={controller.session.sessionId}
              sql={exporting.sql}
              onClose={() => setExporting(undefined)}
            />
          )}
          <div className="min-h-0 flex-1">
            {explain ? (
              <div className="flex h-full min-h-0 flex-col gap-1">
                <div className="flex items-center gap-2 text-xs">
                  <span className="font-medium">{explain.analyze ? "Explain Analyze" : "Explain"}</span>
                  <button
                    type="button"
                    className="underline"
                    onClick={() => setExplain(undefined)}
                    data-testid="back-to-results"
                  >
                    Back to results
                  </button>
                </div>
                <div className="min-h-0 flex-1 overflow-auto">
                  <ExplainPanel
                    key={`${explain.analyze}-${explain.sql}`}
                    profileId={tab.profileId}
                    sql={explain.sql}
                    analyze={explain.analyze}
                    {...(controller.session ? { serverVersionNum: controller.session.serverVersionNum } : {})}
                  />
                </div>
              </div>
            ) : (
              <ResultsPanel
                controller={controller}
                onLoadAll={loadAll}
                onExport={(r) =>
                  setExporting({ sql: (controller.lastRequest?.sql ?? tab.sql).slice(r.start, r.end) })
                }
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
