import type { PitrInfo } from "../../../../../shared/contract/pitr";
import { wallClockIn } from "../restore-form.model";

/** Each repository's window as a bar from its oldest backup to the newest archived WAL, with its backups marked. */
export function RecoverableWindow({ info }: { info: PitrInfo }) {
  const zone = info.serverTimeZone;
  if (info.windows.length === 0)
    return (
      <p className="text-sm text-amber-700" data-testid="pitr-window-none">
        No backup set yet: nothing can be restored. Take a full backup.
      </p>
    );
  return (
    <div className="flex flex-col gap-2" data-testid="pitr-window">
      <h2 className="font-semibold">Recoverable window</h2>
      {info.windows.map((w) => {
        const from = Date.parse(w.from);
        const to = w.to ? Date.parse(w.to) : from;
        const span = Math.max(1, to - from);
        const sets = info.backups.filter((b) => b.repo === w.repo);
        return (
          <div key={w.repo} className="text-sm" data-testid="pitr-window-repo" data-repo={w.repo}>
            <div className="flex flex-wrap justify-between gap-2">
              <span>
                Repository {w.repo}: from{" "}
                <strong data-testid="pitr-window-from">{wallClockIn(zone, w.from)}</strong> (end of{" "}
                {w.oldestBackup}) to{" "}
                <strong data-testid="pitr-window-to">
                  {w.to ? wallClockIn(zone, w.to) : "unknown (no archived WAL reported)"}
                </strong>{" "}
                <span className="text-slate-600 dark:text-slate-400">server time zone {zone}</span>
              </span>
            </div>
            <div className="relative mt-1 h-3 w-full rounded bg-emerald-200 dark:bg-emerald-900" aria-hidden>
              {sets.map((b) => (
                <span
                  key={b.label}
                  title={`${b.type} ${b.label}`}
                  className={`absolute top-0 h-3 w-1 ${b.type === "full" ? "bg-emerald-800" : "bg-emerald-600"}`}
                  style={{
                    left: `${Math.min(100, Math.max(0, ((Date.parse(b.stoppedAt) - from) / span) * 100))}%`,
                  }}
                />
              ))}
            </div>
          </div>
        );
      })}
      {info.notes.map((n) => (
        <p key={n} className="text-xs text-slate-600 dark:text-slate-400" data-testid="pitr-note">
          {n}
        </p>
      ))}
    </div>
  );
}
