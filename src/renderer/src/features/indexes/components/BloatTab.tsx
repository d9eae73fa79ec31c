import type { IndexReport } from "../../../../../shared/contract/indexes";
import { formatBytes } from "../../../components/format";
import { bloatRows } from "../index-tabs.model";
import { SqlActions } from "./SqlActions";

/** Estimated table and index bloat, with the rebuild statement for the flagged ones. */
export function BloatTab({ report, profileId }: { report: IndexReport; profileId: string }) {
  const shown = bloatRows(report);
  return (
    <div className="flex flex-col gap-3" data-testid="bloat">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Statistics-based estimates (no table is read): flagged above {report.thresholds.bloatPct}% and{" "}
        {formatBytes(report.thresholds.bloatMinBytes)}. Run ANALYZE for fresher numbers.
      </p>
      <table className="w-full text-sm [&_td]:px-2 [&_th]:px-2">
        <thead className="text-left text-slate-600 dark:text-slate-400">
          <tr>
            <th className="py-1">Relation</th>
            <th className="py-1 text-right">Size</th>
            <th className="py-1 text-right">Estimated bloat</th>
            <th className="py-1 text-right">%</th>
            <th className="py-1">Fix</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((b) => (
            <tr
              key={`${b.oid}`}
              className={`border-t border-slate-200 align-top dark:border-slate-800 ${b.flagged ? "bg-amber-50 dark:bg-amber-950" : ""}`}
              data-testid="bloat-row"
              data-flagged={b.flagged}
            >
              <td className="py-1">
                {b.index ? `index ${b.index}` : `table ${b.schema}.${b.table}`}
                {b.index && (
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    on {b.schema}.{b.table}
                  </div>
                )}
              </td>
              <td className="py-1 text-right tabular-nums">{formatBytes(b.realBytes)}</td>
              <td className="py-1 text-right tabular-nums">{formatBytes(b.bloatBytes)}</td>
              <td className="py-1 text-right tabular-nums">{b.bloatPct}</td>
              <td className="py-1">
                {b.flagged && b.fix && <SqlActions profileId={profileId} sql={b.fix.sql} label="Rebuild" />}
                {b.flagged && b.note && <span className="text-xs">{b.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
