import type { HistoryEntry } from "../../../../../shared/contract/cluster";
import { lsnText } from "../cluster.format";

/** Patroni's /history, newest first: each timeline switch, why and who took over. */
export function HistoryTable({ history }: { history: HistoryEntry[] }) {
  if (!history.length)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="cluster-history">
        No failover or switchover yet (timeline 1).
      </p>
    );
  return (
    <table className="w-full text-sm" data-testid="cluster-history">
      <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
        <tr>
          <th className="py-1 pr-3">timeline</th>
          <th className="pr-3">when</th>
          <th className="pr-3">new leader</th>
          <th className="pr-3">reason</th>
          <th className="pr-3 text-right">at LSN</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => (
          <tr
            key={h.timeline}
            data-testid="history-entry"
            className="border-t border-slate-200 dark:border-slate-800"
          >
            <td className="py-1 pr-3 tabular-nums">
              {h.timeline} → {h.timeline + 1}
            </td>
            <td className="pr-3">{h.at ? new Date(h.at).toLocaleString() : "—"}</td>
            <td className="pr-3" data-testid="history-leader">
              {h.newLeader ?? "—"}
            </td>
            <td className="pr-3">{h.reason}</td>
            <td className="pr-3 text-right font-mono text-xs">{h.lsn === null ? "—" : lsnText(h.lsn)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
