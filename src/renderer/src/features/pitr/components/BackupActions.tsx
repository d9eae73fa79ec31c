import { useState } from "react";
import type { BackupType, PitrInfo } from "../../../../../shared/contract/pitr";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useBackRestCheck, useStartPitrBackup } from "../pitr.queries";

/** Take a full / diff / incr backup into a chosen repository, and run pgbackrest check. */
export function BackupActions({ profileId, info }: { profileId: string; info: PitrInfo }) {
  const [type, setType] = useState<BackupType>("full");
  const [repo, setRepo] = useState(String(info.repos[0]?.repo ?? 1));
  const start = useStartPitrBackup(profileId);
  const check = useBackRestCheck(profileId);
  return (
    <div className="flex flex-col gap-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <select
          className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          value={type}
          onChange={(e) => setType(e.target.value as BackupType)}
          data-testid="pitr-backup-type"
        >
          <option value="full">full</option>
          <option value="diff">differential</option>
          <option value="incr">incremental</option>
        </select>
        <select
          className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          value={repo}
          onChange={(e) => setRepo(e.target.value)}
          data-testid="pitr-backup-repo"
        >
          {info.repos.map((r) => (
            <option key={r.repo} value={r.repo}>
              repository {r.repo}
            </option>
          ))}
        </select>
        <Button
          variant="primary"
          onClick={() => start.mutate({ type, repo: Number(repo) })}
          data-testid="pitr-backup-start"
        >
          Take backup
        </Button>
        <Button onClick={() => check.mutate()} disabled={check.isPending} data-testid="pitr-check">
          {check.isPending ? "Checking…" : "pgbackrest check"}
        </Button>
      </div>
      {start.error && <ErrorMessage error={start.error} />}
      {check.error && <ErrorMessage error={check.error} />}
      {check.data && (
        <p className={check.data.ok ? "text-green-700" : "text-red-700"} data-testid="pitr-check-result">
          {check.data.message}
        </p>
      )}
    </div>
  );
}
