import { useState, type ReactNode } from "react";
import type { HealthCheck } from "../../../../../shared/contract/health";
import { StatusBadge } from "./StatusBadge";
import { count } from "../../../../../shared/format/plural";

/** One check: status, value against threshold, message, the suggested action and its evidence. */
export function CheckCard({ check, extra }: { check: HealthCheck; extra?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const rows = check.details?.rows ?? [];
  return (
    <article
      className="flex flex-col gap-1 rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid={`check-${check.id}`}
      data-status={check.status}
    >
      <header className="flex items-center justify-between gap-2">
        <h3 className="font-medium">{check.title}</h3>
        <StatusBadge status={check.status} />
      </header>
      <div className="text-base font-semibold tabular-nums" data-testid="check-value">
        {check.value}
      </div>
      {check.threshold && (
        <div className="text-xs text-slate-600 dark:text-slate-400">Threshold: {check.threshold}</div>
      )}
      <p className="whitespace-pre-wrap" data-testid="check-message">
        {check.message}
      </p>
      {check.action && (
        <p
          className="whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-900"
          data-testid="check-action"
        >
          {check.action}
        </p>
      )}
      {extra}
      {rows.length > 0 && (
        <button
          type="button"
          className="self-start text-xs text-blue-700 underline dark:text-blue-300"
          onClick={() => setOpen(!open)}
        >
          {open ? "Hide" : "Show"} {count(rows.length, "row")}
        </button>
      )}
      {open && check.details && (
        <div className="max-h-64 overflow-auto">
          <table className="w-full text-xs">
            <thead className="text-left text-slate-600 dark:text-slate-400">
              <tr>
                {check.details.columns.map((c) => (
                  <th key={c} className="pr-2">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className="border-t border-slate-200 align-top dark:border-slate-800">
                  {r.map((v, j) => (
                    <td key={j} className="max-w-xs truncate pr-2" title={v === null ? "" : String(v)}>
                      {v === null ? "—" : String(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
