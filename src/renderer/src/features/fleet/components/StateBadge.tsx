import type { FleetState } from "../../../../../shared/contract/fleet";

const styles: Record<FleetState, string> = {
  up: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  down: "bg-red-600 text-white",
  timeout: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  auth: "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
  error: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  pending: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400",
};

const words: Record<FleetState, string> = {
  up: "up",
  down: "down",
  timeout: "timeout",
  auth: "auth failed",
  error: "error",
  pending: "pending",
};

export function StateBadge({ state }: { state: FleetState }) {
  return (
    <span
      data-testid="fleet-state"
      className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${styles[state]}`}
    >
      {words[state]}
    </span>
  );
}
