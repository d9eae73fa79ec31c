import { useState } from "react";
import type { ManifestEntry } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { formatBytes } from "../../components/format";
import { useBackupList, useVerifyBackup } from "./backup.queries";
import { useBackupUi } from "./backup.store";
import { verificationLabel, verificationOf } from "./jobs.model";
import { RestoreDialog } from "./RestoreDialog";

/** Backups recorded in the folder's manifest, with how each was verified. */
export function BackupList({ profileId }: { profileId: string }) {
  const { folder } = useBackupUi();
  const list = useBackupList(folder);
  const [restoring, setRestoring] = useState<ManifestEntry | undefined>();
  if (!folder) return null;
  return (
    <section className="flex flex-col gap-2" data-testid="backup-list">
      <h2 className="font-semibold">Backups in {folder}</h2>
      <ErrorMessage error={list.error} />
      {list.data?.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">No backups recorded in this folder yet.</p>
      )}
      {!!list.data?.length && (
        <table className="w-full text-sm">
          <thead className="text-left text-slate-600 dark:text-slate-400">
            <tr>
              <th className="py-1">File</th>
              <th className="py-1">Database</th>
              <th className="py-1">Created</th>
              <th className="py-1 pr-4 text-right">Size</th>
              <th className="py-1">Verified</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((b) => (
              <BackupRow key={b.file} folder={folder} entry={b} onRestore={() => setRestoring(b)} />
            ))}
          </tbody>
        </table>
      )}
      {restoring && (
        <RestoreDialog
          profileId={profileId}
          folder={folder}
          entry={restoring}
          onClose={() => setRestoring(undefined)}
        />
      )}
    </section>
  );
}

function BackupRow({
  folder,
  entry,
  onRestore,
}: {
  folder: string;
  entry: ManifestEntry & { present: boolean };
  onRestore(): void;
}) {
  const verify = useVerifyBackup();
  // a check that could not run is shown like one that failed, with the reason
  const check = verify.error
    ? { ok: false, problems: [verify.error instanceof Error ? verify.error.message : String(verify.error)] }
    : verify.data;
  return (
    <tr
      className="border-t border-slate-200 align-top dark:border-slate-800"
      data-testid="backup-row"
      data-file={entry.file}
    >
      <td className="py-1 font-mono text-xs">
        {entry.file}
        <div className="text-slate-600 dark:text-slate-400">
          {entry.format}, {entry.options.scope}, pg_dump {entry.pgDumpVersion}
        </div>
      </td>
      <td className="py-1">{entry.database}</td>
      <td className="py-1">{new Date(entry.createdAt).toLocaleString()}</td>
      <td className="py-1 pr-4 text-right tabular-nums">{formatBytes(entry.size)}</td>
      <td className="py-1" data-testid="backup-verified" data-state={verificationOf(entry).state}>
        <span className={verificationOf(entry).state === "failed" ? "text-red-700 dark:text-red-300" : ""}>
          {verificationLabel(entry)}
        </span>
        {check && (
          <div className={check.ok ? "text-green-700" : "text-red-700"} data-testid="backup-recheck">
            {check.ok ? "re-checked: intact" : check.problems.join("; ")}
          </div>
        )}
        <div className="font-mono text-[10px] text-slate-600 dark:text-slate-400" title={entry.sha256}>
          sha256 {entry.sha256.slice(0, 12)}…
        </div>
      </td>
      <td className="py-1 text-right">
        <div className="flex justify-end gap-1">
          <Button
            data-testid="backup-verify"
            onClick={() => verify.mutate({ folder, file: entry.file })}
            disabled={verify.isPending || !entry.present}
          >
            Verify
          </Button>
          <Button
            variant="primary"
            onClick={onRestore}
            disabled={!entry.present}
            data-testid="backup-restore"
          >
            Restore…
          </Button>
        </div>
      </td>
    </tr>
  );
}
