import type { AreaProps } from "../../lib/area";
import { ErrorMessage } from "../../components/ErrorMessage";
import { formatBytes, formatDuration } from "../../components/format";
import { ArchivingCard } from "../pitr";
import { ConnectedHost } from "../profiles";
import { useServerOverview } from "./server.queries";

/** Version, uptime, size and every database of the connected server. */
export function OverviewPage({ profileId }: AreaProps) {
  const overview = useServerOverview(profileId);
  if (overview.error) return <ErrorMessage error={overview.error} />;
  if (!overview.data)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Loading server overview…</p>;
  const o = overview.data;
  return (
    <section className="flex flex-col gap-4" data-testid="server-overview">
      <h1 className="text-xl font-semibold">Server overview</h1>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="PostgreSQL" value={o.version} testId="server-version" />
        <Stat label="Uptime" value={formatDuration(o.uptimeSeconds)} />
        <Stat
          label={`Database ${o.currentDatabase}`}
          value={formatBytes(o.currentDatabaseSizeBytes)}
          testId="current-db-size"
        />
        <Stat label="Connected as" value={o.currentUser} />
        <ConnectedHost profileId={profileId} after={overview.dataUpdatedAt} />
      </dl>
      <ArchivingCard profileId={profileId} />
      <table className="w-full max-w-3xl text-sm" data-testid="database-list">
        <thead className="text-left text-slate-600 dark:text-slate-400">
          <tr>
            <th className="py-1">Database</th>
            <th className="py-1 text-right">Size</th>
            <th className="py-1 text-right">Connections</th>
          </tr>
        </thead>
        <tbody>
          {o.databases.map((d) => (
            <tr key={d.name} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1">
                {d.name}
                {d.isTemplate && (
                  <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">template</span>
                )}
              </td>
              <td className="py-1 text-right tabular-nums">{formatBytes(d.sizeBytes)}</td>
              <td className="py-1 text-right tabular-nums">{d.connections}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 p-3 dark:border-slate-800">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 truncate font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
