import { useMemo, useState } from "react";
import type { IndexReport } from "../../../../../shared/contract/indexes";
import { formatBytes } from "../../../components/format";
import {
  busiestSeqScanTables,
  defaultInventorySort,
  indexMethods,
  indexNotes,
  inventoryRows,
  lastScanText,
  nextSort,
  type IndexInfo,
  type InventorySort,
  type SortKey,
} from "../inventory.model";
import { TableScans } from "./TableScans";
import { count } from "../../../../../shared/format/plural";

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
  const [sort, setSort] = useState<InventorySort>(defaultInventorySort);
  const methods = useMemo(() => indexMethods(report.indexes), [report]);
  const rows = useMemo(
    () => inventoryRows(report.indexes, { search, method, sort }),
    [report, search, method, sort],
  );
  const tables = useMemo(() => busiestSeqScanTables(report.tables), [report]);

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
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="inventory-count">
          {rows.length} of {count(report.indexes.length, "index", "indexes")}
          {rows.length > SHOWN ? `, first ${SHOWN} shown` : ""}
        </span>
      </div>
      <IndexesTable
        rows={rows.slice(0, SHOWN)}
        sort={sort}
        onSort={(key, numeric) => setSort((s) => nextSort(s, key, numeric))}
        serverVersionNum={report.serverVersionNum}
      />
      <h3 className="mt-2 font-semibold">Tables by rows read sequentially</h3>
      <TableScans tables={tables} />
    </div>
  );
}

function IndexesTable({
  rows,
  sort,
  onSort,
  serverVersionNum,
}: {
  rows: IndexInfo[];
  sort: InventorySort;
  onSort(key: SortKey, numeric: boolean): void;
  serverVersionNum: number;
}) {
  return (
    <table className="w-full text-sm [&_td]:px-2 [&_th]:px-2 [&_td]:whitespace-nowrap">
      <thead className="text-left text-slate-600 dark:text-slate-400">
        <tr>
          {columns.map((c) => (
            <th key={c.key} className={`py-1 ${c.numeric ? "text-right" : ""}`}>
              <button type="button" className="hover:underline" onClick={() => onSort(c.key, !!c.numeric)}>
                {c.label}
                {sort.key === c.key ? (sort.desc ? " ↓" : " ↑") : ""}
              </button>
            </th>
          ))}
          <th className="py-1">Notes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => (
          <tr
            key={i.oid}
            className="border-t border-slate-200 align-top dark:border-slate-800"
            data-testid="inventory-row"
          >
            <td className="py-1">
              <div className="font-medium">{i.name}</div>
              <div
                className="max-w-xl truncate font-mono text-xs text-slate-600 dark:text-slate-400"
                title={i.definition}
              >
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
            <td className="py-1 text-xs">{lastScanText(i.lastScanAt, serverVersionNum)}</td>
            <td className="py-1 text-xs">{indexNotes(i).join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
