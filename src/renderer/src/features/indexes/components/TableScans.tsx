import type { TableInfo } from "../inventory.model";
import { formatBytes } from "../../../components/format";

/** Tables with their sequential and index scan counts, rows, size and number of indexes. */
export function TableScans({ tables }: { tables: TableInfo[] }) {
  return (
    <table className="w-full max-w-4xl text-sm [&_td]:px-2 [&_th]:px-2" data-testid="table-scans">
      <thead className="text-left text-slate-600 dark:text-slate-400">
        <tr>
          <th className="py-1">Table</th>
          <th className="py-1 text-right">Seq scans</th>
          <th className="py-1 text-right">Rows read by seq scans</th>
          <th className="py-1 text-right">Index scans</th>
          <th className="py-1 text-right">Live rows</th>
          <th className="py-1 text-right">Size</th>
          <th className="py-1 text-right">Indexes</th>
        </tr>
      </thead>
      <tbody>
        {tables.map((t) => (
          <tr key={t.oid} className="border-t border-slate-200 dark:border-slate-800">
            <td className="py-1">
              {t.schema}.{t.name}
            </td>
            <td className="py-1 text-right tabular-nums">{t.seqScans.toLocaleString()}</td>
            <td className="py-1 text-right tabular-nums">{t.seqTuplesRead.toLocaleString()}</td>
            <td className="py-1 text-right tabular-nums">{t.indexScans.toLocaleString()}</td>
            <td className="py-1 text-right tabular-nums">{t.liveRows.toLocaleString()}</td>
            <td className="py-1 text-right tabular-nums">{formatBytes(t.sizeBytes)}</td>
            <td className="py-1 text-right tabular-nums">{t.indexCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
