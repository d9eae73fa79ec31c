import { useMemo, useState } from "react";
import type { IndexReport } from "../../../../../shared/contract/indexes";
import { formatBytes } from "../../../components/format";

type IndexInfo = IndexReport["indexes"][number];
type SortKey = "name" | "table" | "method" | "sizeBytes" | "scans" | "tuplesRead" | "lastScanAt";

const SHOWN = 500;

const columns: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: "name", label: "Index" },
  { key: "table", label: "Table" },
  { key: "method", label: "Method" },
  { key: "sizeBytes", label: "Size", numeric: true },
  { key: "scans", label: "Scans", numeric: true },
  { key: "tuplesRead", label: "Tuples read", numeric: true },
  { key: "lastScanAt", label: "Last scan" },
];

/** Every index: search, filter by method and state, sort by any column. */
export function InventoryTab({ report }: { report: IndexReport }) {
  const [search, setSearch] = useState("");
  const [method, setMethod] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "sizeBytes", desc: true });
  const methods = useMemo(() => [...new Set(report.indexes.map((i) => i.method))].sort(), [report]);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const filtered = report.indexes.filter(
      (i) =>
        (!method || i.method === method) &&
        (!q || `${i.schema}.${i.table} ${i.name} ${i.definition}`.toLowerCase().includes(q)),
    );
    const dir = sort.desc ? -1 : 1;
    return filtered.sort((a, b) => dir * compare(a[sort.key], b[sort.key]));
  }, [report, search, method, sort]);
  const tables = useMemo(
    () => [...report.tables].sort((a, b) => b.seqTuplesRead - a.seqTuplesRead).slice(0, 20),
    [report],
  );

  return (
    <div className="flex flex-col gap-3" data-testid="inventory">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          <span className="text-slate-600 dark:text-slate-400">Search</span>
          <input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="name, table or definition"
            data-testid="inventory-search"
            className="w-72 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <label className="flex flex-col text-sm">
          <span className="text-slate-600 dark:text-slate-400">Method</span>
          <select
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            data-testid="inventory-method"
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">all</option>
            {methods.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <span className="text-xs text-slate-500" data-testid="inventory-count">
          {rows.length} of {report.indexes.length} indexes
          {rows.length > SHOWN ? `, first ${SHOWN} shown` : ""}
        </span>
      </div>
      <table className="w-full text-sm [&_td]:px-2 [&_th]:px-2 [&_td]:whitespace-nowrap">
        <thead className="text-left text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={`py-1 ${c.numeric ? "text-right" : ""}`}>
                <button
                  type="button"
                  className="hover:underline"
                  onClick={() =>
                    setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : !!c.numeric }))
                  }
                >
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? " ↓" : " ↑") : ""}
                </button>
              </th>
            ))}
            <th className="py-1">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((i) => (
            <tr
              key={i.oid}
              className="border-t border-slate-200 align-top dark:border-slate-800"
              data-testid="inventory-row"
            >
              <td className="py-1">
                <div className="font-medium">{i.name}</div>
                <div className="max-w-xl truncate font-mono text-xs text-slate-500" title={i.definition}>
                  {i.definition}
                </div>
              </td>
              <td className="py-1">
                {i.schema}.{i.table}
              </td>
              <td className="py-1">{i.method}</td>
              <td className="py-1 text-right tabular-nums">{formatBytes(i.sizeBytes)}</td>
              <td className="py-1 text-right tabular-nums">{i.scans.toLocaleString()}</td>
              <td className="py-1 text-right tabular-nums">{i.tuplesRead.toLocaleString()}</td>
              <td className="py-1 text-xs">
                {i.lastScanAt
                  ? new Date(i.lastScanAt).toLocaleString()
                  : report.serverVersionNum >= 160000
                    ? "never"
                    : "—"}
              </td>
              <td className="py-1 text-xs">{notes(i).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="mt-2 font-semibold">Tables by rows read sequentially</h3>
      <table className="w-full max-w-4xl text-sm [&_td]:px-2 [&_th]:px-2" data-testid="table-scans">
        <thead className="text-left text-slate-500">
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
    </div>
  );
}

function notes(i: IndexInfo): string[] {
  const out: string[] = [];
  if (i.constraint) out.push(`${i.constraint.type} constraint ${i.constraint.name}`);
  else if (i.unique) out.push("unique");
  if (i.predicate) out.push(`partial: WHERE ${i.predicate}`);
  if (i.hasExpressions) out.push("expression");
  if (i.includeColumns.length) out.push(`INCLUDE ${i.includeColumns.join(", ")}`);
  if (!i.valid) out.push("INVALID");
  if (!i.ready) out.push("not ready");
  return out;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}
