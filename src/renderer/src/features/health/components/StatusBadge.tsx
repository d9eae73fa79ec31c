import type { CheckStatus } from "../../../../../shared/contract/health";

const styles: Record<CheckStatus | "healthy" | "degraded" | "unhealthy", string> = {
  pass: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  healthy: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  warn: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  degraded: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  fail: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  unhealthy: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  error: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export function StatusBadge({ status, testId }: { status: keyof typeof styles; testId?: string }) {
  return (
    <span
      className={`rounded px-2 py-0.5 text-xs font-semibold uppercase ${styles[status]}`}
      data-testid={testId}
    >
      {status}
    </span>
  );
}
