import { useState } from "react";
import type { RowFilter } from "../../../../../shared/contract/schema";
import { Button } from "../../../components/Button";
import { FILTER_OPS, filterLabel, takesValue } from "./data-panel.model";

/** The filter being built (column, operator, value) and the filters applied, each removable. */
export function RowFilters({
  columns,
  filters,
  onChange,
}: {
  columns: string[];
  filters: RowFilter[];
  onChange(filters: RowFilter[]): void;
}) {
  const [draft, setDraft] = useState<RowFilter>({ column: columns[0] ?? "", op: "=", value: "" });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <select
        aria-label="Filter column"
        className="rounded border px-1 py-1 dark:bg-slate-900"
        value={draft.column}
        onChange={(e) => setDraft({ ...draft, column: e.target.value })}
      >
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter operator"
        className="rounded border px-1 py-1 dark:bg-slate-900"
        value={draft.op}
        onChange={(e) => setDraft({ ...draft, op: e.target.value as RowFilter["op"] })}
      >
        {FILTER_OPS.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {takesValue(draft.op) && (
        <input
          aria-label="Filter value"
          className="rounded border px-2 py-1 dark:bg-slate-900"
          value={draft.value ?? ""}
          onChange={(e) => setDraft({ ...draft, value: e.target.value })}
        />
      )}
      <Button data-testid="filter-add" onClick={() => onChange([...filters, draft])}>
        Add filter
      </Button>
      {filters.map((f, i) => (
        <button
          key={i}
          type="button"
          className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-800"
          onClick={() => onChange(filters.filter((_, j) => j !== i))}
        >
          {filterLabel(f)} ✕
        </button>
      ))}
    </div>
  );
}
