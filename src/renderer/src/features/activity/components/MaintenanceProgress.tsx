import type { OutputOf } from "../../../../../shared/contract";

type Progress = OutputOf<"activity:sessions">["progress"];

/** VACUUM, CREATE INDEX, ANALYZE … running now, from the pg_stat_progress_* views. */
export function MaintenanceProgress({ progress }: { progress: Progress }) {
  if (progress.length === 0) return null;
  return (
    <section data-testid="progress">
      <h2 className="text-sm font-semibold">Maintenance in progress</h2>
      <ul className="text-xs">
        {progress.map((p) => (
          <li key={`${p.pid}-${p.command}`}>
            {p.command} {p.relation ?? ""} ({p.database ?? ""}) · {p.phase}
            {p.percent !== null ? ` · ${p.percent.toFixed(1)} %` : ""} · pid {p.pid}
          </li>
        ))}
      </ul>
    </section>
  );
}
