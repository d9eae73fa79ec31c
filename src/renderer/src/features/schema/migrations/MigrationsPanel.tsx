import { useState } from "react";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { formatBytes } from "../../../components/format";
import { useCompareFolder, useMigrationHistory, useSizes } from "../schema.queries";

const statusStyle: Record<string, string> = {
  applied: "text-emerald-700",
  failed: "text-red-700 font-semibold",
  rolledBack: "text-amber-700",
};

/** Prisma migration history (with folder checksum comparison) and database/table sizes. */
export function MigrationsPanel({ profileId }: { profileId: string }) {
  const history = useMigrationHistory(profileId);
  const sizes = useSizes(profileId);
  const compare = useCompareFolder(profileId);
  const [folder, setFolder] = useState("");
  const [openLog, setOpenLog] = useState<string | undefined>();
  const mismatch = new Map(compare.data?.entries.map((e) => [e.name, e.state]) ?? []);

  return (
    <div className="flex flex-col gap-6" data-testid="migrations-panel">
      <section className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold">Migration history</h2>
        {history.error && <ErrorMessage error={history.error} />}
        {history.data && !history.data.present && (
          <p className="text-sm text-slate-500" data-testid="migrations-absent">
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
            <table className="w-full text-left text-sm" data-testid="migrations-table">
              <thead className="text-slate-500">
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
                {history.data.migrations.map((m) => {
                  const state = mismatch.get(m.name);
                  return (
                    <tr
                      key={m.id}
                      className="border-t border-slate-200 align-top dark:border-slate-800"
                      data-testid="migration-row"
                      data-status={m.status}
                    >
                      <td className="py-1 font-mono text-xs">
                        {m.name}
                        {m.logs && (
                          <button
                            type="button"
                            className="ml-2 text-xs text-blue-700 underline"
                            onClick={() => setOpenLog(openLog === m.id ? undefined : m.id)}
                          >
                            logs
                          </button>
                        )}
                        {openLog === m.id && (
                          <pre className="mt-1 whitespace-pre-wrap text-red-800" data-testid="migration-logs">
                            {m.logs}
                          </pre>
                        )}
                      </td>
                      <td className={statusStyle[m.status] ?? ""}>
                        {m.status === "rolledBack" ? "rolled back" : m.status}
                      </td>
                      <td className="text-xs">{new Date(m.startedAt).toLocaleString()}</td>
                      <td className="text-xs">
                        {m.finishedAt ? new Date(m.finishedAt).toLocaleString() : "—"}
                      </td>
                      <td className="text-right tabular-nums">
                        {m.durationMs === null ? "—" : `${m.durationMs} ms`}
                      </td>
                      <td className="font-mono text-xs" title={m.checksum}>
                        {m.checksum.slice(0, 12)}
                        {state === "mismatch" && (
                          <span
                            className="ml-2 rounded bg-red-100 px-1 text-red-800"
                            data-testid="checksum-mismatch"
                          >
                            file differs
                          </span>
                        )}
                        {state === "match" && <span className="ml-2 text-emerald-700">matches file</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {compare.data && compare.data.entries.some((e) => e.state === "onlyInFolder") && (
              <p className="text-sm" data-testid="migrations-pending">
                Not applied yet:{" "}
                {compare.data.entries
                  .filter((e) => e.state === "onlyInFolder")
                  .map((e) => e.name)
                  .join(", ")}
              </p>
            )}
          </>
        )}
      </section>
      <section className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold">Sizes</h2>
        {sizes.error && <ErrorMessage error={sizes.error} />}
        {sizes.data && (
          <>
            <p className="text-sm" data-testid="database-size">
              Database {sizes.data.database}: {formatBytes(sizes.data.databaseBytes)}
            </p>
            <table className="w-full text-left text-sm" data-testid="table-sizes">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1">Table</th>
                  <th className="text-right">Total</th>
                  <th className="text-right">Table</th>
                  <th className="text-right">Indexes</th>
                  <th className="text-right">TOAST</th>
                  <th className="text-right">Rows (est.)</th>
                </tr>
              </thead>
              <tbody>
                {sizes.data.tables.map((t) => (
                  <tr
                    key={`${t.schema}.${t.name}`}
                    className="border-t border-slate-200 dark:border-slate-800"
                  >
                    <td className="py-0.5">
                      {t.schema}.{t.name}
                    </td>
                    <td className="text-right tabular-nums">{formatBytes(t.totalBytes)}</td>
                    <td className="text-right tabular-nums">{formatBytes(t.tableBytes)}</td>
                    <td className="text-right tabular-nums">{formatBytes(t.indexBytes)}</td>
                    <td className="text-right tabular-nums">{formatBytes(t.toastBytes)}</td>
                    <td className="text-right tabular-nums">
                      {t.rowEstimate === null ? "—" : t.rowEstimate.toLocaleString()}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
