import { useState } from "react";
import type { RowFilter } from "../../../../../shared/contract/schema";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useExactCount, useRows } from "../schema.queries";
import type { SchemaObjectRef } from "../tree/tree-rows";

const ops: RowFilter["op"][] = ["=", "<>", "<", "<=", ">", ">=", "contains", "isNull", "notNull"];

/** Read-only rows of a table: keyset pages ("load more"), sort, one filter, soft-delete toggle. */
export function DataPanel({
  profileId,
  target,
  columns,
}: {
  profileId: string;
  target: SchemaObjectRef;
  columns: string[];
}) {
  const [sort, setSort] = useState<{ column: string; direction: "asc" | "desc" } | undefined>();
  const [draft, setDraft] = useState<RowFilter>({ column: columns[0] ?? "", op: "=", value: "" });
  const [filters, setFilters] = useState<RowFilter[]>([]);
  const [showDeleted, setShowDeleted] = useState(false);
  const request = {
    schema: target.schema,
    table: target.name,
    limit: 100,
    filters,
    showDeleted,
    ...(sort ? { sort } : {}),
  };
  const rows = useRows(profileId, request);
  const exact = useExactCount(profileId);
  const first = rows.data?.pages[0];

  if (rows.error) return <ErrorMessage error={rows.error} />;
  return (
    <div className="flex min-h-0 flex-col gap-2" data-testid="data-panel">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="row-estimate">
          {first?.rowEstimate == null
            ? "not analyzed"
            : `~${first.rowEstimate.toLocaleString()} rows (estimate)`}
        </span>
        {exact.data ? (
          <span data-testid="row-exact">{exact.data.count.toLocaleString()} rows (exact)</span>
        ) : (
          <Button
            data-testid="row-count-exact"
            disabled={exact.isPending}
            onClick={() => exact.mutate({ schema: target.schema, table: target.name, filters, showDeleted })}
          >
            Count exactly
          </Button>
        )}
        {first?.softDelete && (
          <>
            <label className="flex items-center gap-1">
              <input
                type="checkbox"
                data-testid="show-deleted"
                checked={showDeleted}
                onChange={(e) => {
                  setShowDeleted(e.target.checked);
                  exact.reset();
                }}
              />
              Show deleted rows
            </label>
            <span data-testid="soft-deleted-count">
              {first.softDelete.deletedCount.toLocaleString()} soft-deleted ({first.softDelete.column})
            </span>
            {!first.softDelete.indexed && (
              <span
                data-testid="soft-delete-unindexed"
                className="rounded bg-amber-100 px-2 py-0.5 text-amber-900"
              >
                {first.softDelete.column} has no index: filtered queries scan the table
              </span>
            )}
          </>
        )}
      </div>
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
          {ops.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {draft.op !== "isNull" && draft.op !== "notNull" && (
          <input
            aria-label="Filter value"
            className="rounded border px-2 py-1 dark:bg-slate-900"
            value={draft.value ?? ""}
            onChange={(e) => setDraft({ ...draft, value: e.target.value })}
          />
        )}
        <Button data-testid="filter-add" onClick={() => (setFilters([...filters, draft]), exact.reset())}>
          Add filter
        </Button>
        {filters.map((f, i) => (
          <button
            key={i}
            type="button"
            className="rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-800"
            onClick={() => (setFilters(filters.filter((_, j) => j !== i)), exact.reset())}
          >
            {f.column} {f.op} {f.value ?? ""} ✕
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 dark:border-slate-800">
        <table className="text-left font-mono text-xs" data-testid="data-grid">
          <thead className="sticky top-0 bg-slate-100 dark:bg-slate-900">
            <tr>
              {(first?.columns ?? columns.map((name) => ({ name, type: "" }))).map((c) => (
                <th key={c.name} className="px-2 py-1 font-sans font-medium whitespace-nowrap">
                  <button
                    type="button"
                    title={c.type}
                    onClick={() =>
                      setSort(
                        sort?.column === c.name
                          ? sort.direction === "asc"
                            ? { column: c.name, direction: "desc" }
                            : undefined
                          : { column: c.name, direction: "asc" },
                      )
                    }
                  >
                    {c.name}
                    {sort?.column === c.name ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.data?.pages
              .flatMap((p) => p.rows)
              .map((r, i) => (
                <tr
                  key={i}
                  data-testid="data-row"
                  className="border-t border-slate-200 dark:border-slate-800"
                >
                  {r.map((v, j) => (
                    <td key={j} className="max-w-[24rem] truncate px-2 py-0.5 whitespace-nowrap">
                      {v === null ? <span className="text-slate-400">NULL</span> : v}
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center gap-3 text-sm">
        <span className="text-slate-500" data-testid="rows-loaded">
          {rows.data?.pages.reduce((n, p) => n + p.rows.length, 0) ?? 0} rows loaded, keyed on{" "}
          {first?.keyset.join(", ")}
        </span>
        {rows.hasNextPage && (
          <Button
            data-testid="load-more"
            disabled={rows.isFetchingNextPage}
            onClick={() => void rows.fetchNextPage()}
          >
            Load more
          </Button>
        )}
      </div>
    </div>
  );
}
