import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import type { Completions } from "../../../../shared/contract/query";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useCommandSource } from "../../lib/commands";
import { ExportDialog } from "./ExportDialog";
import { formatEditor, type monaco } from "./monaco-setup";
import { appendToScript, errorMarker, ranText, type EditorMarker } from "./query-tab.model";
import { useCompletions, useRunController } from "./query.queries";
import { useQueryTabs } from "./query-tabs.store";
import { QueryToolbar, type SidePanel } from "./QueryToolbar";
import { ResultsPanel } from "./ResultsPanel";
import type { RunController } from "./run-controller";
import { SchemaSidebar } from "./SchemaSidebar";
import { HistoryPanel, SnippetsPanel } from "./SidePanels";
import { PinnedPlansPanel, TabExplain, useTabExplain } from "./TabExplain";
import { SqlEditor, type CaretPlace, type EditorCommand } from "./SqlEditor";
import { saveTabToFile, tabTextChange } from "./tab-actions";
import { tabCommands } from "./tab-commands";
import type { EditorTab } from "./tab-state.model";
import { useProfilePolicy } from "./useProfilePolicy";
import { useTabQuestions } from "./useTabQuestions";
import { useTabRuns } from "./useTabRuns";

type EditorRef = RefObject<monaco.editor.IStandaloneCodeEditor | null>;

/** One editor tab: its own session, editor, results, explain and side panels. */
export function QueryTab({ tab }: { tab: EditorTab }) {
  const controller = useRunController(tab.id, tab.profileId, tab.database);
  const update = useQueryTabs((s) => s.update);
  const editor: EditorRef = useRef(null);
  const [side, setSide] = useState<SidePanel | undefined>();
  const [exporting, setExporting] = useState<{ sql: string } | undefined>();
  const completions = useCompletions(tab.profileId, tab.database);
  const refreshNames = useCallback(() => void completions.refetch(), [completions]);
  const policy = useProfilePolicy(tab.profileId);
  const explain = useTabExplain(tab, editor);
  const runs = useTabRuns(tab, controller, editor, explain.close, refreshNames);
  useTabQuestions(controller, policy);
  useEffect(() => void controller.switchDatabase(tab.database ?? undefined), [controller, tab.database]);
  const command = (c: EditorCommand) => runEditorCommand(c, { tab, controller, runs, explain });
  useCommandSource("query-tab", () => tabCommands(tab, controller, command, setSide));
  // controller.version changes whenever results do
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const marker = useMemo(() => errorMarker(controller.results), [controller.version]);
  const pick = (sql: string) => update(tab.id, tabTextChange(tab, appendToScript(tab.sql, sql)));

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <QueryToolbar
        tab={tab}
        controller={controller}
        policy={policy}
        onCommand={command}
        onFormat={() => editor.current && void formatEditor(editor.current)}
        onSettings={(patch) => update(tab.id, patch)}
        side={side}
        onSide={setSide}
        names={{ loading: completions.isFetching, refresh: refreshNames }}
      />
      <div className="flex min-h-0 flex-1 gap-3">
        <SchemaSidebar completions={completions.data} />
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <EditorPane
            tab={tab}
            onCommand={command}
            onMount={(e) => (editor.current = e)}
            marker={marker}
            completions={completions.data}
          />
          {explain.error && <ErrorMessage error={explain.error} />}
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
                tab={tab}
                shown={explain.shown}
                statement={explain.statement}
                serverVersionNum={controller.session?.serverVersionNum}
                onBack={explain.close}
              />
            ) : (
              <ResultsPanel
                controller={controller}
                lastRun={tab.lastRun}
                onRerun={runs.rerun}
                picked={tab.resultLayout?.active}
                onPick={(active) => update(tab.id, { resultLayout: { ...tab.resultLayout, active } })}
                onLoadAll={runs.loadAll}
                onExport={(r) => setExporting({ sql: ranText(controller.lastRequest?.sql, tab.sql, r) })}
              />
            )}
          </div>
        </div>
        {side && <SideAside side={side} tab={tab} onPick={pick} onShowPlan={explain.showPinned} />}
      </div>
    </div>
  );
}

/** The history, snippets or pinned plans beside the editor. */
function SideAside(props: {
  side: SidePanel;
  tab: EditorTab;
  onPick: (sql: string) => void;
  onShowPlan: ReturnType<typeof useTabExplain>["showPinned"];
}) {
  const { side, tab, onPick } = props;
  return (
    <aside className="flex w-80 shrink-0 flex-col border-l border-slate-200 pl-3 dark:border-slate-800">
      {side === "history" ? (
        <HistoryPanel profileId={tab.profileId} onPick={onPick} />
      ) : side === "snippets" ? (
        <SnippetsPanel currentSql={tab.sql} onPick={onPick} />
      ) : (
        <PinnedPlansPanel tab={tab} onShow={props.onShowPlan} />
      )}
    </aside>
  );
}

/** What an editor shortcut or toolbar button does in this tab. */
function runEditorCommand(
  c: EditorCommand,
  ctx: {
    tab: EditorTab;
    controller: RunController;
    runs: ReturnType<typeof useTabRuns>;
    explain: ReturnType<typeof useTabExplain>;
  },
): void {
  switch (c) {
    case "run":
    case "runAll":
      return ctx.runs.run(c === "runAll" ? "all" : "target");
    case "explain":
    case "explainAnalyze":
      return ctx.explain.start(c === "explainAnalyze");
    case "commit":
    case "rollback":
      if (ctx.controller.inTransaction) void ctx.controller.endTransaction(c);
      return;
    case "saveFile":
      void saveTabToFile(ctx.tab.id);
      return;
  }
}

/** The editor, and why the last Format left the text alone (until the text changes). */
function EditorPane({
  tab,
  ...editor
}: {
  tab: EditorTab;
  onCommand(command: EditorCommand): void;
  onMount(editor: monaco.editor.IStandaloneCodeEditor): void;
  marker: EditorMarker | undefined;
  completions: Completions | undefined;
}) {
  const update = useQueryTabs((s) => s.update);
  const [formatMessage, setFormatMessage] = useState<string | undefined>();
  const place: CaretPlace | undefined = tab.cursor
    ? { cursor: tab.cursor, selection: tab.selection }
    : undefined;
  return (
    <>
      <div className="h-[38%] min-h-32 shrink-0 overflow-hidden rounded border border-slate-200 dark:border-slate-800">
        <SqlEditor
          value={tab.sql}
          onChange={(next) => {
            const current = useQueryTabs.getState().tabs.find((t) => t.id === tab.id) ?? tab;
            update(tab.id, tabTextChange(current, next));
            setFormatMessage(undefined);
          }}
          initialPlace={place}
          onPlace={(p) => update(tab.id, p)}
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
