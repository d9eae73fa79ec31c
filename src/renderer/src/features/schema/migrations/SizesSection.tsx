import { ErrorMessage } from "../../../components/ErrorMessage";
import { formatBytes } from "../../../components/format";
import { useSizes } from "../schema.queries";

/** The database's size and its largest tables split into heap, indexes and TOAST. */
export function SizesSection({ profileId }: { profileId: string }) {
  const sizes = useSizes(profileId);
  return (
    <section className="flex flex-col gap-2">
      <h2 className="text-lg font-semibold">Sizes</h2>
      {sizes.error && <ErrorMessage error={sizes.error} />}
      {sizes.data && (
        <>
          <p className="text-sm" data-testid="database-size">
            Database {sizes.data.database}: {formatBytes(sizes.data.databaseBytes)}
          </p>
          <table className="w-full text-left text-sm" data-testid="table-sizes">
            <thead className="text-slate-600 dark:text-slate-400">
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
                <tr key={`${t.schema}.${t.name}`} className="border-t border-slate-200 dark:border-slate-800">
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
  );
}
