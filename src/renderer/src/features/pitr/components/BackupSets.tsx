import type { PitrInfo } from "../../../../../shared/contract/pitr";
import { formatBytes } from "../../../components/format";
import { wallClockIn } from "../restore-form.model";

/** Every backup set of every repository, with the chain each depends on. */
export function BackupSets({ info }: { info: PitrInfo }) {
  const zone = info.serverTimeZone;
  return (
    <div className="flex flex-col gap-2">
      <h2 className="font-semibold">
        Backup sets of stanza {info.stanza}{" "}
        <span className="text-sm font-normal text-slate-600 dark:text-slate-400" data-testid="pitr-status">
          pgBackRest status: {info.status.message}
          {info.backupRunning ? " · a backup is running" : ""}
        </span>
      </h2>
      <ul className="flex flex-wrap gap-3 text-xs" data-testid="pitr-repos">
        {info.repos.map((r) => (
          <li
            key={r.repo}
            className={r.code === 0 ? "" : "text-red-700 dark:text-red-300"}
            data-testid="pitr-repo"
          >
            repo{r.repo}: {r.message}
            {r.walMin && ` · WAL ${r.walMin} … ${r.walMax}`}
            {r.cipher !== "none" && ` · encrypted (${r.cipher})`}
          </li>
        ))}
      </ul>
      <table className="w-full text-sm" data-testid="pitr-backups">
        <thead className="text-left text-slate-600 dark:text-slate-400 [&_th]:pr-3">
          <tr>
            <th className="py-1">Set</th>
            <th>Type</th>
            <th>Repo</th>
            <th>Started</th>
            <th>Stopped</th>
            <th className="text-right">Database</th>
            <th className="text-right">Copied</th>
            <th className="text-right">In repository</th>
            <th>Depends on</th>
          </tr>
        </thead>
        <tbody className="[&_td]:pr-3">
          {info.backups.map((b) => (
            <tr
              key={`${b.repo}-${b.label}`}
              className="border-t border-slate-200 dark:border-slate-800"
              data-testid="pitr-backup-row"
              data-type={b.type}
            >
              <td className="py-1 font-mono text-xs">{b.label}</td>
              <td>
                {b.type}
                {b.checksumErrors && <span className="ml-1 text-red-700">page checksum errors</span>}
              </td>
              <td>{b.repo}</td>
              <td className="tabular-nums">{wallClockIn(zone, b.startedAt)}</td>
              <td className="tabular-nums">{wallClockIn(zone, b.stoppedAt)}</td>
              <td className="text-right tabular-nums">{formatBytes(b.databaseBytes)}</td>
              <td className="text-right tabular-nums">{formatBytes(b.deltaBytes)}</td>
              <td className="text-right tabular-nums">{formatBytes(b.repoBytes)}</td>
              <td className="font-mono text-xs">{b.references.length ? b.references.join(", ") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
