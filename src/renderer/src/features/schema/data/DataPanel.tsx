import { useState } from "react";
import type { RowFilter, RowsPage } from "../../../../../shared/contract/schema";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useExactCount, useRows } from "../schema.queries";
import type { SchemaObjectRef } from "../tree/tree-rows";
import { nextRowSort, rowEstimateText, sortMarker, type RowSort } from "./data-panel.model";
import { ChildrenChoice } from "./ChildrenChoice";
import { RowFilters } from "./RowFilters";
import { count as countRows } from "../../../../../shared/format/plural";

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
  const [sort, setSort] = useState<RowSort | undefined>();
  const [filters, setFilters] = useState<RowFilter[]>([]);
  const [showDeleted, setShowDeleted] = useState(false);
  const [only, setOnly] = useState(false);
  const which = { schema: target.schema, table: target.name, filters, showDeleted, only };
  const rows = useRows(profileId, { ...which, limit: 100, ...(sort ? { sort } : {}) });
  const exact = useExactCount(profileId);
  const first = rows.data?.pages[0];

  if (rows.error) return <ErrorMessage error={rows.error} />;
  return (
    <div className="flex min-h-0 flex-col gap-2" data-testid="data-panel">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="row-estimate">{rowEstimateText(first?.rowEstimate)}</span>
        <ExactCount count={exact.data?.count} pending={exact.isPending} onCount={() => exact.mutate(which)} />
        {first?.hasChildren && (
          <ChildrenChoice
            only={only}
            onChange={(next) => {
              setOnly(next);
              exact.reset();
            }}
          />
        )}
        {first?.softDelete && (
          <SoftDeleteInfo
            info={first.softDelete}
            showDeleted={showDeleted}
            onShowDeleted={(show) => {
              setShowDeleted(show);
              exact.reset();
            }}
          />
        )}
      </div>
      <RowFilters
        columns={columns}
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          exact.reset();
        }}
      />
      <div className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 dark:border-slate-800">
        <RowsTable
          columns={first?.columns ?? columns.map((name) => ({ name, type: "" }))}
          rows={rows.data?.pages.flatMap((p) => p.rows) ?? []}
          sort={sort}
          onSort={(column) => setSort(nextRowSort(sort, column))}
        />
      </div>
      <RowsFooter
        loaded={rows.data?.pages.reduce((n, p) => n + p.rows.length, 0) ?? 0}
        first={first}
        more={rows.hasNextPage}
        fetching={rows.isFetchingNextPage}
        onMore={() => void rows.fetchNextPage()}
      />
    </div>
  );
}

/** count(*) on demand (it reads the whole table); forgotten when the filters change. */
function ExactCount({
  count,
  pending,
  onCount,
}: {
  count: number | undefined;
  pending: boolean;
  onCount(): void;
}) {
  return count !== undefined ? (
    <span data-testid="row-exact">{countRows(count, "row")} (exact)</span>
  ) : (
    <Button data-testid="row-count-exact" disabled={pending} onClick={onCount}>
      Count exactly
    </Button>
  );
}

/** The soft-delete column: how many rows it hides, whether to show them, and a missing index. */
function SoftDeleteInfo({
  info,
  showDeleted,
  onShowDeleted,
}: {
  info: NonNullable<RowsPage["softDelete"]>;
  showDeleted: boolean;
  onShowDeleted(show: boolean): void;
}) {
  return (
    <>
      <label className="flex items-center gap-1">
        <input
          type="checkbox"
          data-testid="show-deleted"
          checked={showDeleted}
          onChange={(e) => onShowDeleted(e.target.checked)}
        />
        Show deleted rows
      </label>
      <span data-testid="soft-deleted-count">
        {info.deletedCount.toLocaleString()} soft-deleted ({info.column})
      </span>
      {!info.indexed && (
        <span data-testid="soft-delete-unindexed" className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">
          {info.column} has no index: filtered queries scan the table
        </span>
      )}
    </>
  );
}

function RowsTable({
  columns,
  rows,
  sort,
  onSort,
}: {
  columns: RowsPage["columns"];
  rows: RowsPage["rows"];
  sort: RowSort | undefined;
  onSort(column: string): void;
}) {
  return (
    <table className="text-left font-mono text-xs" data-testid="data-grid">
      <thead className="sticky top-0 bg-slate-100 dark:bg-slate-900">
        <tr>
          {columns.map((c) => (
            <th key={c.name} className="px-2 py-1 font-sans font-medium whitespace-nowrap">
              {c.sortable === false ? (
                <span title={`${c.type} has no ordering: not sortable`} data-testid="unsortable-column">
                  {c.name}
                </span>
              ) : (
                <button type="button" title={c.type} onClick={() => onSort(c.name)}>
                  {c.name}
                  {sortMarker(sort, c.name)}
                </button>
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-testid="data-row" className="border-t border-slate-200 dark:border-slate-800">
            {r.map((v, j) => (
              <td key={j} className="max-w-[24rem] truncate px-2 py-0.5 whitespace-nowrap">
                {v === null ? <span className="text-slate-600 dark:text-slate-400">NULL</span> : v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How many rows are loaded, what they are keyed on (and why, when not the primary key), more. */
function RowsFooter({
  loaded,
  first,
  more,
  fetching,
  onMore,
}: {
  loaded: number;
  first: RowsPage | undefined;
  more: boolean;
  fetching: boolean;
  onMore(): void;
}) {
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="text-slate-600 dark:text-slate-400" data-testid="rows-loaded">
        {countRows(loaded, "row")} loaded, keyed on {first?.keyset.join(", ")}
      </span>
      {first?.keyNote && (
        <span data-testid="key-note" className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">
          {first.keyNote}
        </span>
      )}
      {more && (
        <Button data-testid="load-more" disabled={fetching} onClick={onMore}>
          Load more
        </Button>
      )}
    </div>
  );
}
