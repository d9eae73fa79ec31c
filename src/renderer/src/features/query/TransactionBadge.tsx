import { useEffect, useState } from "react";
import type { TransactionState } from "../../../../shared/contract/query";
import { badgeView } from "./transaction.model";
import type { TransactionAge } from "./run-controller";

const styles: Record<ReturnType<typeof badgeView>["state"], string> = {
  idle: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  "in-transaction": "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  unknown: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
  running: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
};

/** The tab's session state from the server's own status (like psql's %x), how long, and a warning when long. */
export function TransactionBadge({
  state,
  connected,
  readOnly,
  running,
  age,
  warnAfterSeconds,
}: {
  state: TransactionState;
  connected: boolean;
  readOnly: boolean;
  running: boolean;
  age: TransactionAge | undefined;
  warnAfterSeconds: number | null;
}) {
  // a tick older than main's figure (the badge just turned on) would undercount the age
  const now = Math.max(useSecondTicks(age !== undefined), age?.receivedAt ?? 0);
  const view = badgeView({ state, connected, running, age, warnAfterSeconds, now });
  return (
    <span className="flex items-center gap-1 text-xs">
      <span
        className={`rounded px-2 py-0.5 ${view.warn ? "bg-red-600 text-white" : styles[view.state]}`}
        data-testid="tx-state"
        data-state={running ? "running" : connected ? state : "unknown"}
        data-warn={view.warn ? "true" : undefined}
        role="status"
      >
        {view.label}
      </span>
      {readOnly && <span className="rounded bg-slate-200 px-2 py-0.5 dark:bg-slate-700">read-only</span>}
    </span>
  );
}

/** Date.now(), re-rendered every second while `on`. */
function useSecondTicks(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}
