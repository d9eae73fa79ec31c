import { useState } from "react";
import type { MigrationEntry } from "../../../../../shared/contract/migrations";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useCompareFolder, useMigrationHistory } from "../schema.queries";
import { checksumStates, notYetApplied, statusLabel, type ChecksumState } from "./migrations.model";
import { SizesSection } from "./SizesSection";

const statusStyle: Record<string, string> = {
  applied: "text-emerald-700",
  failed: "text-red-700 font-semibold",
  rolledBack: "text-amber-700",
};

/** Prisma migration history (with folder checksum comparison) and database/table sizes. */
export function MigrationsPanel({ profileId }: { profileId: string }) {
  return (
    <div className="flex flex-col gap-6" data-testid="migrations-panel">
      <MigrationHistory profileId={profileId} />
      <SizesSection profileId={profileId} />
    </div>
  );
}

function MigrationHistory({ profileId }: { profileId: string }) {
  const history = useMigrationHistory(profileId);
  const compare = useCompareFolder(profileId);
  const [folder, setFolder] = useState("");
  const states = checksumStates(compare.data);
  const pending = notYetApplied(compare.data);
  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-lg font-semibold">Migration history</h2>
      {history.error && <ErrorMessage error={history.error} />}
      {history.data && !history.data.present && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="migrations-absent">
          This database has no _prisma_migrations table.
        </p>
      )}
      {history.data?.present && (
        <>
          <form
            className="flex items-center gap-2 text-sm"
            onSubmit={(e) => {
              e.preventDefault();
              if (folder.trim()) compare.mutate(folder.trim());
            }}
          >
            <input
              data-testid="migrations-folder"
              className="w-96 rounded border px-2 py-1 dark:bg-slate-900"
              placeholder="/path/to/project/prisma/migrations"
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
            />
            <Button type="submit" data-testid="migrations-compare" disabled={compare.isPending}>
              Compare checksums
            </Button>
          </form>
          {compare.error && <ErrorMessage error={compare.error} />}
          <MigrationsTable migrations={history.data.migrations} states={states} />
          {pending.length > 0 && (
            <p className="text-sm" data-testid="migrations-pending">
              Not applied yet: {pending.join(", ")}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function MigrationsTable({
  migrations,
  states,
}: {
  migrations: MigrationEntry[];
  states: Map<string, ChecksumState>;
}) {
  const [openLog, setOpenLog] = useState<string | undefined>();
  return (
    <table className="w-full text-left text-sm" data-testid="migrations-table">
      <thead className="text-slate-600 dark:text-slate-400">
        <tr>
          <th className="py-1">Migration</th>
          <th>Status</th>
          <th>Started</th>
          <th>Finished</th>
          <th className="text-right">Duration</th>
          <th>Checksum</th>
        </tr>
      </thead>
      <tbody>
        {migrations.map((m) => (
          <MigrationRow
            key={m.id}
            migration={m}
            state={states.get(m.name)}
            logOpen={openLog === m.id}
            onLog={() => setOpenLog(openLog === m.id ? undefined : m.id)}
          />
        ))}
      </tbody>
    </table>
  );
}

function MigrationRow({
  migration: m,
  state,
  logOpen,
  onLog,
}: {
  migration: MigrationEntry;
  state: ChecksumState | undefined;
  logOpen: boolean;
  onLog(): void;
}) {
  return (
    <tr
      className="border-t border-slate-200 align-top dark:border-slate-800"
      data-testid="migration-row"
      data-status={m.status}
    >
      <td className="py-1 font-mono text-xs">
        {m.name}
        {m.logs && (
          <button type="button" className="ml-2 text-xs text-blue-700 underline" onClick={onLog}>
            logs
          </button>
        )}
        {logOpen && (
          <pre className="mt-1 whitespace-pre-wrap text-red-800" data-testid="migration-logs">
            {m.logs}
          </pre>
        )}
      </td>
      <td className={statusStyle[m.status] ?? ""}>{statusLabel(m.status)}</td>
      <td className="text-xs">{new Date(m.startedAt).toLocaleString()}</td>
      <td className="text-xs">{m.finishedAt ? new Date(m.finishedAt).toLocaleString() : "—"}</td>
      <td className="text-right tabular-nums">{m.durationMs === null ? "—" : `${m.durationMs} ms`}</td>
      <td className="font-mono text-xs" title={m.checksum}>
        {m.checksum.slice(0, 12)}
        {state === "mismatch" && (
          <span className="ml-2 rounded bg-red-100 px-1 text-red-800" data-testid="checksum-mismatch">
            file differs
          </span>
        )}
        {state === "match" && <span className="ml-2 text-emerald-700">matches file</span>}
      </td>
    </tr>
  );
}
