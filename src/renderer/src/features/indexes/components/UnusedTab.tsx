import type { IndexReport } from "../../../../../shared/contract/indexes";
import { formatBytes, formatDuration } from "../../../components/format";
import { SqlActions } from "./SqlActions";
import { count } from "../../../../../shared/format/plural";

/** Never-scanned indexes, with how long the evidence has been collecting and whether standbys exist. */
export function UnusedTab({ report, profileId }: { report: IndexReport; profileId: string }) {
  const since = report.statsResetAt ? new Date(report.statsResetAt) : null;
  const age = report.statsAgeSeconds;
  return (
    <div className="flex flex-col gap-3" data-testid="unused">
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="stats-age">
        {since
          ? `Statistics have been collecting since ${since.toLocaleString()} (${age !== null ? formatDuration(age) : "?"} ago).`
          : "Statistics have been collecting since the server's data directory was created (never reset)."}{" "}
        An index used only by a monthly report may look unused after a shorter period. Indexes enforcing a
        primary key, unique or exclusion constraint are never listed.
      </p>
      {report.standbys > 0 && (
        <p
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          data-testid="standby-warning"
        >
          This server has {count(report.standbys, "standby", "standbys")}. Scans of an index on a standby are
          counted there, not here: check them before dropping.
        </p>
      )}
      {report.unused.length === 0 && (
        <p className="text-sm">No unused index above {formatBytes(report.thresholds.unusedMinBytes)}.</p>
      )}
      {report.unused.map((u) => (
        <article
          key={u.oid}
          className="rounded border border-slate-200 p-3 dark:border-slate-800"
          data-testid="unused-item"
        >
          <h3 className="font-medium">
            {u.name}{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
              on {u.schema}.{u.table} · {formatBytes(u.sizeBytes)} · 0 scans
            </span>
          </h3>
          <p className="mb-2 font-mono text-xs text-slate-600 dark:text-slate-400">{u.definition}</p>
          <SqlActions profileId={profileId} sql={u.fix.sql} label="Drop" />
        </article>
      ))}
    </div>
  );
}
