import { useState } from "react";
import { Button } from "../../components/Button";
import { useScheduleRunsListener, useSchedules } from "./backup.queries";
import { failedRuns, failureKey } from "./schedules.model";

/**
 * Shown above every screen while a scheduled backup's last run did not succeed: a backup
 * that silently stopped working is the failure a DBA hears about too late. Dismissing
 * hides it for this window only; the next successful run clears it for good.
 */
export function ScheduleFailureBanner({ onOpenBackups }: { onOpenBackups: (profileId: string) => void }) {
  const schedules = useSchedules();
  useScheduleRunsListener();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const failed = failedRuns(schedules.data ?? [], dismissed);
  if (failed.length === 0) return null;
  return (
    <div
      role="alert"
      className="flex flex-col gap-1 border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      data-testid="schedule-failures"
    >
      {failed.map((s) => (
        <div key={s.id} className="flex items-center gap-2" data-testid="schedule-failure">
          <span className="flex-1">
            Scheduled backup of {s.database} {s.lastResult!.state} at{" "}
            {s.lastRunAt ? new Date(s.lastRunAt).toLocaleString() : "?"}
            {s.lastResult!.message ? `: ${s.lastResult!.message}` : ""}
          </span>
          <Button onClick={() => onOpenBackups(s.profileId)}>Open Backups</Button>
          <Button onClick={() => setDismissed(new Set([...dismissed, failureKey(s)]))}>Dismiss</Button>
        </div>
      ))}
    </div>
  );
}
