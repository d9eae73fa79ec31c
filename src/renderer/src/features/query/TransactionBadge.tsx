import type { TransactionState } from "../../../../shared/contract/query";

const styles: Record<TransactionState, { label: string; className: string }> = {
  idle: { label: "idle", className: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200" },
  "in-transaction": {
    label: "in transaction",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  },
  failed: {
    label: "transaction failed — ROLLBACK",
    className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  },
  unknown: {
    label: "not connected",
    className: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  },
};

/** The tab's session state, like psql's %x in the prompt. */
export function TransactionBadge({
  state,
  connected,
  readOnly,
  running,
}: {
  state: TransactionState;
  connected: boolean;
  readOnly: boolean;
  running: boolean;
}) {
  const s = styles[connected ? state : "unknown"];
  return (
    <span className="flex items-center gap-1 text-xs">
      <span
        className={`rounded px-2 py-0.5 ${s.className}`}
        data-testid="tx-state"
        data-state={connected ? state : "unknown"}
      >
        {running ? "running…" : s.label}
      </span>
      {readOnly && <span className="rounded bg-slate-200 px-2 py-0.5 dark:bg-slate-700">read-only</span>}
    </span>
  );
}
