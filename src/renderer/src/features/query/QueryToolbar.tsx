import { useState } from "react";
import type { PolicyTag, TagPolicy } from "../../../../shared/safeguards/tag-policy";
import { Button } from "../../components/Button";
import type { RunController } from "./run-controller";
import { SafeguardsDialog } from "./SafeguardsDialog";
import type { EditorCommand } from "./SqlEditor";
import type { EditorTab } from "./tab-state.model";
import { TransactionBadge } from "./TransactionBadge";

export type SidePanel = "history" | "snippets" | "plans";
export type QueryToolbarSide = SidePanel | undefined;

interface Props {
  tab: EditorTab;
  controller: RunController;
  policy: { tag: PolicyTag; policy: TagPolicy };
  onCommand(command: EditorCommand): void;
  onFormat(): void;
  onSettings(patch: Partial<Pick<EditorTab, "timeoutSeconds" | "rowCap" | "autocommit">>): void;
  side: SidePanel | undefined;
  onSide(side: SidePanel | undefined): void;
  names: { loading: boolean; refresh(): void };
}

/** Run, cancel, explain and format; the tab's mode, transaction and its end; timeout and row cap; the side panels. */
export function QueryToolbar(props: Props) {
  const { tab, controller, policy, onSettings } = props;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <RunButtons {...props} />
        <span className="ml-auto flex gap-1">
          <SideButtons {...props} />
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <TransactionControls {...props} />
        <TransactionBadge
          state={controller.transactionState}
          connected={controller.session !== undefined}
          readOnly={controller.session?.readOnly ?? false}
          running={controller.running}
          age={controller.transactionAge}
          warnAfterSeconds={policy.policy.idleTransactionWarningSeconds}
        />
        {controller.session && (
          <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="tab-database">
            database {controller.session.database}
          </span>
        )}
        <NumberSetting
          label="Timeout (s)"
          value={tab.timeoutSeconds}
          min={0}
          testId="timeout"
          onChange={(v) => onSettings({ timeoutSeconds: v })}
        />
        <NumberSetting
          label="Row cap"
          value={tab.rowCap}
          min={1}
          testId="row-cap"
          onChange={(v) => onSettings({ rowCap: v })}
        />
      </div>
    </div>
  );
}

function NumberSetting(p: {
  label: string;
  value: number;
  min: number;
  testId: string;
  onChange(v: number): void;
}) {
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
      {p.label}
      <input
        type="number"
        min={p.min}
        value={p.value}
        onChange={(e) => p.onChange(Math.max(p.min, Math.trunc(Number(e.target.value)) || p.min))}
        className="w-20 rounded border border-slate-300 bg-transparent px-1 dark:border-slate-700"
        data-testid={p.testId}
      />
    </label>
  );
}

/** Auto-commit or manual; Commit and Rollback while a transaction is open; the tag's safeguards. */
function TransactionControls({ tab, controller, policy, onCommand, onSettings }: Props) {
  const [editing, setEditing] = useState(false);
  const readOnly = controller.session?.readOnly ?? false;
  const forced = policy.policy.alwaysInTransaction;
  return (
    <>
      <label
        className="flex items-center gap-1 text-xs"
        title="Manual: the first statement opens a transaction that stays open until Commit or Rollback"
      >
        <select
          value={tab.autocommit && !forced ? "auto" : "manual"}
          disabled={readOnly || forced}
          onChange={(e) => onSettings({ autocommit: e.target.value === "auto" })}
          data-testid="commit-mode"
          aria-label="Commit mode"
          className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700"
        >
          <option value="auto">Auto-commit</option>
          <option value="manual">Manual commit{forced ? ` (${policy.tag})` : ""}</option>
        </select>
      </label>
      <Button
        disabled={!controller.inTransaction || controller.running || controller.transactionState === "failed"}
        onClick={() => onCommand("commit")}
        data-testid="commit"
        title="Commit the tab's transaction (Ctrl/Cmd+Alt+Y)"
      >
        Commit
      </Button>
      <Button
        disabled={!controller.inTransaction || controller.running}
        onClick={() => onCommand("rollback")}
        data-testid="rollback"
        title="Roll back the tab's transaction (Ctrl/Cmd+Alt+Z)"
      >
        Rollback
      </Button>
      <Button
        onClick={() => setEditing(true)}
        data-testid="open-safeguards"
        title="What this profile's tag guards against"
      >
        Safeguards ({policy.tag})
      </Button>
      {editing && <SafeguardsDialog initialTag={policy.tag} onClose={() => setEditing(false)} />}
    </>
  );
}

function RunButtons({ controller, onCommand, onFormat }: Props) {
  return (
    <>
      <Button
        variant="primary"
        disabled={controller.running}
        onClick={() => onCommand("run")}
        data-testid="run"
        title="Run the selection or the statement under the caret (Ctrl/Cmd+Enter)"
      >
        Run
      </Button>
      <Button
        disabled={controller.running}
        onClick={() => onCommand("runAll")}
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
        onClick={() => onCommand("explain")}
        data-testid="explain"
        title="Explain the statement under the caret (Shift+Ctrl/Cmd+E)"
      >
        Explain
      </Button>
      <Button
        onClick={() => onCommand("explainAnalyze")}
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
      <Button
        onClick={() => onCommand("saveFile")}
        data-testid="save-sql-file"
        title="Save the tab as a .sql file (Ctrl/Cmd+S)"
      >
        Save .sql
      </Button>
    </>
  );
}

function SideButtons({ side, onSide, names }: Props) {
  const toggle = (p: SidePanel) => onSide(side === p ? undefined : p);
  return (
    <>
      <Button
        onClick={names.refresh}
        disabled={names.loading}
        title="Reload schema, table, column and function names for autocomplete"
        data-testid="refresh-completions"
      >
        {names.loading ? "Loading names…" : "Refresh names"}
      </Button>
      <Button onClick={() => toggle("history")} data-testid="toggle-history">
        History
      </Button>
      <Button onClick={() => toggle("snippets")} data-testid="toggle-snippets">
        Snippets
      </Button>
      <Button onClick={() => toggle("plans")} data-testid="toggle-plans">
        Pinned plans
      </Button>
    </>
  );
}
