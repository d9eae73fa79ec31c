import { ErrorMessage } from "../../../components/ErrorMessage";
import { formatDuration } from "../../../components/format";
import { useArchiving } from "../pitr.queries";

const tone = {
  pass: "border-green-600 text-green-800 dark:text-green-300",
  warn: "border-amber-500 text-amber-800 dark:text-amber-300",
  fail: "border-red-600 text-red-800 dark:text-red-300",
};

/** WAL archiving at a glance: state, last archived WAL and its age, failures, backlog (Overview and PITR page). */
export function ArchivingCard({ profileId }: { profileId: string }) {
  const a = useArchiving(profileId);
  if (a.error) return <ErrorMessage error={a.error} />;
  if (!a.data) return <p className="text-sm text-slate-600 dark:text-slate-400">Reading WAL archiving…</p>;
  const s = a.data;
  return (
    <div
      className={`rounded border-l-4 bg-white p-3 text-sm dark:bg-slate-900 ${tone[s.severity]}`}
      data-testid="archiving-card"
      data-archiving-state={s.state}
    >
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <span className="font-semibold">WAL archiving: {s.state}</span>
        <span>archive_mode {s.mode}</span>
        {s.lastArchivedWal && (
          <span>
            last archived <span className="font-mono">{s.lastArchivedWal}</span>
            {s.lastArchivedAgeSec !== null && ` ${formatDuration(s.lastArchivedAgeSec)} ago`}
          </span>
        )}
        <span>{s.failedCount} failures</span>
        {s.lastFailedWal && (
          <span>
            last failed <span className="font-mono">{s.lastFailedWal}</span>
          </span>
        )}
        <span>{s.ready ? `${s.ready.count} waiting` : "backlog unknown"}</span>
      </div>
      <p className="mt-1 text-slate-700 dark:text-slate-300" data-testid="archiving-summary">
        {s.summary}
      </p>
      {s.readyUnavailable && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{s.readyUnavailable}</p>
      )}
      {s.lastErrorUnavailable && s.state === "failing" && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{s.lastErrorUnavailable}</p>
      )}
      {s.action && <p className="mt-1 text-xs">{s.action}</p>}
    </div>
  );
}
