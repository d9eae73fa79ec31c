import { useState } from "react";
import { useUi } from "../../../app/ui.store";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { openSqlInEditor } from "../../query";
import { useApplyIndexSql } from "../indexes.queries";
import { statementTone } from "../sql-actions.model";

/**
 * A generated statement, shown as text, never run unasked: copy it, open it in a new
 * query editor tab, or run it after a confirmation that shows exactly what will run.
 */
export function SqlActions({ profileId, sql, label }: { profileId: string; sql: string; label: string }) {
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const apply = useApplyIndexSql(profileId);
  const openArea = useUi((s) => s.openArea);
  return (
    <div className="flex flex-col gap-1" data-testid="sql-actions">
      <pre
        className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900"
        data-testid="generated-sql"
      >
        {sql}
      </pre>
      <div className="flex gap-2">
        <Button
          onClick={() => {
            void navigator.clipboard?.writeText(sql).then(() => setCopied(true));
          }}
          data-testid="copy-sql"
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button
          onClick={() => {
            openSqlInEditor(profileId, sql);
            openArea("query");
          }}
          data-testid="open-in-editor"
        >
          Open in editor
        </Button>
        <Button variant={statementTone(sql)} onClick={() => setConfirming(true)} data-testid="run-sql">
          {label}…
        </Button>
      </div>
      {apply.error && <ErrorMessage error={apply.error} />}
      {apply.data && (
        <p className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="apply-done">
          {apply.data.command} finished in {apply.data.durationMs} ms.
        </p>
      )}
      {confirming && (
        <ConfirmStatement
          sql={sql}
          running={apply.isPending}
          onCancel={() => setConfirming(false)}
          onRun={() => apply.mutate(sql, { onSettled: () => setConfirming(false) })}
        />
      )}
    </div>
  );
}

/** A modal showing exactly the statement that will run, and how it runs. */
function ConfirmStatement({
  sql,
  running,
  onCancel,
  onRun,
}: {
  sql: string;
  running: boolean;
  onCancel(): void;
  onRun(): void;
}) {
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label="Confirm statement"
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/40"
      data-testid="confirm-dialog"
    >
      <div className="flex max-w-2xl flex-col gap-3 rounded bg-white p-4 shadow-lg dark:bg-slate-900">
        <h2 className="font-semibold">Run this statement?</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          It runs exactly as shown, outside a transaction, on this connection. CONCURRENTLY builds and drops
          do not block writes but can take a while on large tables.
        </p>
        <pre
          className="whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs dark:bg-slate-800"
          data-testid="confirm-sql"
        >
          {sql}
        </pre>
        <div className="flex justify-end gap-2">
          <Button onClick={onCancel} data-testid="confirm-cancel">
            Cancel
          </Button>
          <Button variant={statementTone(sql)} disabled={running} data-testid="confirm-run" onClick={onRun}>
            {running ? "Running…" : "Run"}
          </Button>
        </div>
      </div>
    </div>
  );
}
