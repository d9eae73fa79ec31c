import type { FleetRow } from "../../../../../shared/contract/fleet";
import { TagBadge } from "../../../components/TagBadge";
import { formatAge, formatCount, formatLagBytes, formatSeconds } from "../fleet.format";
import { StateBadge } from "./StateBadge";

const severityBar: Record<FleetRow["severity"], string> = {
  critical: "border-l-4 border-l-red-600",
  warn: "border-l-4 border-l-amber-500",
  ok: "border-l-4 border-l-emerald-500",
  pending: "border-l-4 border-l-slate-300 dark:border-l-slate-700",
};

/** Every profile, worst first; a row's name opens that profile's pages. */
export function FleetTable({ rows, onOpen }: { rows: FleetRow[]; onOpen(row: FleetRow): void }) {
  return (
    <div className="overflow-auto">
      <table className="w-full text-xs" data-testid="fleet-table">
        <thead className="text-left text-slate-600 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-2">state</th>
            <th className="pr-2">profile</th>
            <th className="pr-2">role</th>
            <th className="pr-2">version</th>
            <th className="pr-2 text-right">lag</th>
            <th className="pr-2 text-right">connections</th>
            <th className="pr-2 text-right">longest xact</th>
            <th className="pr-2 text-right">XID age</th>
            <th className="pr-2">last backup</th>
            <th className="pr-2">problems</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <FleetTableRow key={r.profileId} r={r} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One profile: its state, what it is, what was measured and what is wrong. */
function FleetTableRow({ r, onOpen }: { r: FleetRow; onOpen(row: FleetRow): void }) {
  return (
    <tr
      data-testid="fleet-row"
      data-name={r.name}
      data-state={r.state}
      data-severity={r.severity}
      className={`border-t border-slate-200 align-top dark:border-slate-800 ${severityBar[r.severity]}`}
    >
      <td className="py-1 pr-2 pl-2">
        <StateBadge state={r.state} />
      </td>
      <td className="pr-2">
        <button
          type="button"
          data-testid="fleet-open"
          onClick={() => onOpen(r)}
          className="font-medium text-blue-700 hover:underline dark:text-blue-300"
        >
          {r.name}
        </button>
        <div className="text-slate-600 dark:text-slate-400">
          {r.address}
          {r.group ? ` · ${r.group}` : ""}
          {r.cluster ? ` · cluster ${r.cluster.name}` : ""}
        </div>
        <div className="mt-0.5 flex flex-wrap gap-1">
          {r.environment && <TagBadge tag={r.environment} />}
          {r.tags.map((t) => (
            <span key={t} className="rounded bg-slate-100 px-1.5 text-[10px] dark:bg-slate-800">
              {t}
            </span>
          ))}
        </div>
      </td>
      <td className="pr-2" data-testid="fleet-role">
        {r.role ?? "—"}
      </td>
      <td className="max-w-[10rem] truncate pr-2" title={r.version}>
        {r.version ?? "—"}
      </td>
      <td className="pr-2 text-right tabular-nums">
        {r.lagSeconds != null ? formatSeconds(r.lagSeconds) : formatLagBytes(r.lagBytes)}
      </td>
      <td className="pr-2 text-right tabular-nums">
        {r.connections
          ? `${r.connections.used} / ${r.connections.max}`
          : r.clientsWaiting !== undefined
            ? `${r.clientsWaiting} waiting`
            : "—"}
      </td>
      <td className="pr-2 text-right tabular-nums">{formatSeconds(r.longestTransactionSeconds)}</td>
      <td className="pr-2 text-right tabular-nums">{formatCount(r.xidAge)}</td>
      <td className="pr-2">{formatAge(r.lastBackupAt, r.probedAt ? Date.parse(r.probedAt) : undefined)}</td>
      <td className="pr-2" data-testid="fleet-problems">
        {r.reason && <div className="text-red-800 dark:text-red-300">{r.reason}</div>}
        {r.failing.map((f) => (
          <div
            key={f.id}
            className={
              f.severity === "critical"
                ? "text-red-800 dark:text-red-300"
                : "text-amber-800 dark:text-amber-300"
            }
          >
            {f.id}: {f.message}
          </div>
        ))}
      </td>
    </tr>
  );
}
