import type { ConsoleTable } from "../../../../../shared/contract/pooler";

/** A SHOW result as PgBouncer sent it: its own columns, every value as text. */
export function ConsoleTableView({ table, testId }: { table: ConsoleTable; testId: string }) {
  if (!table.rows.length)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid={testId}>
        Nothing to show.
      </p>
    );
  return (
    <div className="overflow-auto">
      <table className="text-xs" data-testid={testId}>
        <thead className="text-left text-slate-600 dark:text-slate-400">
          <tr>
            {table.columns.map((c) => (
              <th key={c} className="py-1 pr-3 whitespace-nowrap">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-200 dark:border-slate-800">
              {r.map((v, j) => (
                <td key={j} className="pr-3 whitespace-nowrap tabular-nums">
                  {v ?? "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
