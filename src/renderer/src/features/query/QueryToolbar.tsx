import { Button } from "../../components/Button";
import type { QueryTabState } from "./query-tabs.store";
import type { RunController } from "./run-controller";
import { TransactionBadge } from "./TransactionBadge";

export type SidePanel = "history" | "snippets";

interface Props {
  tab: QueryTabState;
  controller: RunController;
  onRun(scope: "target" | "all"): void;
  onExplain(analyze: boolean): void;
  onFormat(): void;
  onSettings(patch: Partial<Pick<QueryTabState, "timeoutSeconds" | "rowCap">>): void;
  side: SidePanel | undefined;
  onSide(side: SidePanel | undefined): void;
  names: { loading: boolean; refresh(): void };
}

/** Run, cancel, explain and format; the tab's timeout and row cap; its session state; the side panels. */
export function QueryToolbar({
  tab,
  controller,
  onRun,
  onExplain,
  onFormat,
  onSettings,
  side,
  onSide,
  names,
}: Props) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <RunButtons controller={controller} onRun={onRun} onExplain={onExplain} onFormat={onFormat} />
      <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
        Timeout (s)
        <input
          type="number"
          min={0}
          value={tab.timeoutSeconds}
          onChange={(e) => onSettings({ timeoutSeconds: Math.max(0, Number(e.target.value) || 0) })}
          className="w-16 rounded border border-slate-300 bg-transparent px-1 dark:border-slate-700"
          data-testid="timeout"
        />
      </label>
      <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
        Row cap
        <input
          type="number"
          min={1}
          value={tab.rowCap}
          onChange={(e) => onSettings({ rowCap: Math.max(1, Number(e.target.value) || 1) })}
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
          onClick={names.refresh}
          disabled={names.loading}
          title="Reload schema, table, column and function names for autocomplete"
          data-testid="refresh-completions"
        >
          {names.loading ? "Loading names…" : "Refresh names"}
        </Button>
        <Button
          onClick={() => onSide(side === "history" ? undefined : "history")}
          data-testid="toggle-history"
        >
          History
        </Button>
        <Button
          onClick={() => onSide(side === "snippets" ? undefined : "snippets")}
          data-testid="toggle-snippets"
        >
          Snippets
        </Button>
      </span>
    </div>
  );
}

function RunButtons({
  controller,
  onRun,
  onExplain,
  onFormat,
}: Pick<Props, "controller" | "onRun" | "onExplain" | "onFormat">) {
  return (
    <>
      <Button
        variant="primary"
        disabled={controller.running}
        onClick={() => onRun("target")}
        data-testid="run"
        title="Run the selection or the statement under the caret (Ctrl/Cmd+Enter)"
      >
        Run
      </Button>
      <Button
        disabled={controller.running}
        onClick={() => onRun("all")}
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
        onClick={() => onExplain(false)}
        data-testid="explain"
        title="Explain the statement under the caret (Shift+Ctrl/Cmd+E)"
      >
        Explain
      </Button>
      <Button
        onClick={() => onExplain(true)}
        data-testid="explain-analyze"
        title="Explain Analyze, rolled back (Alt+Shift+Ctrl/Cmd+E)"
      >
        Explain Analyze
      </Button>
      <Button
        onClick={onFormat}
        data-testid="format"
        title="Format the selection, or the whole script, as PostgreSQL (Shift+Alt+F or Ctrl/Cmd+Alt+L; Ctrl/Cmd+Z undoes it)"
      >
        Format
      </Button>
    </>
  );
}
