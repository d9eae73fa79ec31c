import { useEffect, useRef, type RefObject } from "react";
import type { StatementResult } from "../../../../shared/contract/query";
import { editorTarget } from "./editor-target";
import type { monaco } from "./monaco-setup";
import { lastRunOf, rerunTarget, runRequest, type RunTarget } from "./query-tab.model";
import { useQueryTabs } from "./query-tabs.store";
import type { RunController } from "./run-controller";
import type { EditorTab } from "./tab-state.model";

type EditorRef = RefObject<monaco.editor.IStandaloneCodeEditor | null>;

/**
 * Runs of the tab: the statement at the caret or the selection, the whole script, the last
 * run again (after a reload the results are gone, the run is remembered), or one result's
 * statement without the row cap ("Load all rows"). A run leaves Explain; DDL that ran
 * refreshes the names autocomplete knows.
 */
export function useTabRuns(
  tab: EditorTab,
  controller: RunController,
  editor: EditorRef,
  leaveExplain: () => void,
  refreshNames: () => void,
) {
  const update = useQueryTabs((s) => s.update);
  const start = (target: RunTarget, override?: { sql?: string; rowCap?: number | null }) => {
    leaveExplain();
    if (override?.sql === undefined) update(tab.id, { lastRun: lastRunOf(tab.sql, target, new Date()) });
    void controller.run(runRequest(tab, target, override));
  };
  useRefreshAfterDdl(controller, refreshNames);
  return {
    run: (scope: "target" | "all") => start(scope === "all" ? { mode: "all" } : editorTarget(editor.current)),
    rerun: () => tab.lastRun && start(rerunTarget(tab.lastRun, tab.sql)),
    loadAll: (r: StatementResult) =>
      start(
        { mode: "selection", selection: { start: r.start, end: r.end } },
        { sql: controller.lastRequest?.sql ?? tab.sql, rowCap: null },
      ),
  };
}

/** After a run in which DDL succeeded, the tab's names are read again (a new table completes at once). */
function useRefreshAfterDdl(controller: RunController, refreshNames: () => void): void {
  const seen = useRef<string | undefined>(undefined);
  const summary = controller.summary;
  useEffect(() => {
    if (!summary || seen.current === summary.runId) return;
    seen.current = summary.runId;
    if (summary.results.some((r) => r.kind === "ddl" && !r.error && !r.confirmation)) refreshNames();
  }, [summary, refreshNames]);
}
