import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ResultData } from "../../../../shared/query/result-data";
import { cellPreview, gridOrder, rowsAsTsv, type GridSort } from "../../../../shared/query/grid-view";
import { columnWidth, movedCell, nextGridSort, noView, type AppliedView, type Cell } from "./grid.model";

const ROW_HEIGHT = 24;
const NUMBER_WIDTH = 64;

interface Props {
  data: ResultData;
  /** Grows while rows stream in; re-renders the grid. */
  rowCount: number;
  onOpenCell(row: number, col: number): void;
}

/** A virtualized grid: only the visible rows exist in the DOM, whatever the row count. */
export function ResultsGrid({ data, rowCount, onOpenCell }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const view = useGridView(data, rowCount);
  const [selected, setSelected] = useState<Cell | undefined>();
  const [copied, setCopied] = useState<string | undefined>();
  const widths = data.columns.map((c) => columnWidth(c.name, c.typeName));
  const totalWidth = NUMBER_WIDTH + widths.reduce((a, b) => a + b, 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the documented API; no React Compiler here
  const virtualizer = useVirtualizer({
    count: view.shown,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const copy = async (text: string, what: string) => {
    await navigator.clipboard.writeText(text);
    setCopied(what);
  };
  const copyCell = (c: Cell) => void copy(data.get(view.rowAt(c.row), c.col) ?? "", "cell");
  const onKey = (e: KeyboardEvent) => {
    if (!selected) return;
    const next = movedCell(selected, e.key, view.shown, data.columnCount);
    if (next) {
      setSelected(next);
      virtualizer.scrollToIndex(next.row);
      e.preventDefault();
    } else if (e.key === "Enter") onOpenCell(view.rowAt(selected.row), selected.col);
    else if ((e.ctrlKey || e.metaKey) && e.key === "c") {
      e.preventDefault();
      copyCell(selected);
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col gap-1">
      <div className="flex items-center gap-2 text-xs">
        <GridFilter view={view} />
        {selected && (
          <CopyButtons
            onCopyCell={() => copyCell(selected)}
            onCopyRow={() => void copy(rowsAsTsv([data.row(view.rowAt(selected.row))]), "row")}
          />
        )}
        {copied && <span className="text-green-700 dark:text-green-400">copied {copied}</span>}
      </div>
      <div
        ref={scroller}
        tabIndex={0}
        onKeyDown={onKey}
        className="relative min-h-0 flex-1 overflow-auto rounded border border-slate-200 font-mono text-xs outline-none dark:border-slate-800"
        data-testid="results-grid"
        role="grid"
        aria-rowcount={view.shown}
      >
        <GridHeader
          data={data}
          widths={widths}
          width={totalWidth}
          sort={view.applied.sort}
          onSort={view.sortBy}
        />
        <div style={{ height: virtualizer.getTotalSize(), width: totalWidth }} className="relative">
          {virtualizer.getVirtualItems().map((v) => (
            <GridRow
              key={v.key}
              data={data}
              row={view.rowAt(v.index)}
              top={v.start}
              widths={widths}
              selectedCol={selected?.row === v.index ? selected.col : undefined}
              onSelect={(col) => setSelected({ row: v.index, col })}
              onOpen={(col) => onOpenCell(view.rowAt(v.index), col)}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

type GridView = ReturnType<typeof useGridView>;

/** Filter and sort of the loaded rows, applied on Enter or a header click. */
function useGridView(data: ResultData, rowCount: number) {
  const [filter, setFilter] = useState("");
  const [applied, setApplied] = useState<AppliedView>(noView);
  const order = useMemo(() => gridOrder(data, applied.count, applied.filter, applied.sort), [data, applied]);
  return {
    filter,
    setFilter,
    applied,
    shown: order ? order.length : rowCount,
    /** The result row shown at a position of the grid. */
    rowAt: (i: number) => (order ? order[i]! : i),
    sortBy: (col: number) =>
      setApplied({ filter: applied.filter, sort: nextGridSort(applied.sort, col), count: rowCount }),
    applyFilter: () => setApplied({ filter, sort: applied.sort, count: rowCount }),
    reset: () => {
      setFilter("");
      setApplied(noView);
    },
  };
}

function GridFilter({ view }: { view: GridView }) {
  const { applied } = view;
  return (
    <>
      <input
        value={view.filter}
        onChange={(e) => view.setFilter(e.target.value)}
        onKeyDown={(e) => e.key === "Enter" && view.applyFilter()}
        placeholder="Filter loaded rows (Enter)"
        aria-label="Filter loaded rows"
        data-testid="grid-filter"
        className="w-56 rounded border border-slate-300 bg-transparent px-2 py-0.5 dark:border-slate-700"
      />
      {(applied.filter || applied.sort) && (
        <span className="text-slate-600 dark:text-slate-400">
          {view.shown.toLocaleString()} of {applied.count.toLocaleString()} loaded rows{" "}
          {applied.sort ? "sorted" : "filtered"}
          <button type="button" className="ml-2 underline" onClick={view.reset}>
            reset
          </button>
        </span>
      )}
    </>
  );
}

function CopyButtons({ onCopyCell, onCopyRow }: { onCopyCell(): void; onCopyRow(): void }) {
  return (
    <>
      <button type="button" className="underline" data-testid="copy-cell" onClick={onCopyCell}>
        Copy cell
      </button>
      <button type="button" className="underline" data-testid="copy-row" onClick={onCopyRow}>
        Copy row
      </button>
    </>
  );
}

function GridHeader({
  data,
  widths,
  width,
  sort,
  onSort,
}: {
  data: ResultData;
  widths: number[];
  width: number;
  sort: GridSort | undefined;
  onSort(col: number): void;
}) {
  return (
    <div
      style={{ width }}
      className="sticky top-0 z-10 flex border-b border-slate-300 bg-slate-100 font-sans font-medium dark:border-slate-700 dark:bg-slate-900"
      role="row"
    >
      <div
        style={{ width: NUMBER_WIDTH }}
        className="shrink-0 px-1 py-1 text-right text-slate-600 dark:text-slate-400"
      >
        #
      </div>
      {data.columns.map((c, i) => (
        <button
          type="button"
          key={i}
          style={{ width: widths[i] }}
          onClick={() => onSort(i)}
          title={`${c.name}: ${c.typeName} — click to sort the loaded rows`}
          className="shrink-0 truncate border-l border-slate-200 px-2 py-1 text-left hover:bg-slate-200 dark:border-slate-800 dark:hover:bg-slate-800"
          data-testid="grid-header"
          role="columnheader"
        >
          <span>{c.name}</span>
          {sort?.col === i && <span>{sort.desc ? " ▼" : " ▲"}</span>}
          <span className="block text-[10px] font-normal text-slate-600 dark:text-slate-400">
            {c.typeName}
          </span>
        </button>
      ))}
    </div>
  );
}

function GridRow({
  data,
  row,
  top,
  widths,
  selectedCol,
  onSelect,
  onOpen,
}: {
  data: ResultData;
  /** The row's number in the result. */
  row: number;
  top: number;
  widths: number[];
  selectedCol: number | undefined;
  onSelect(col: number): void;
  onOpen(col: number): void;
}) {
  return (
    <div
      role="row"
      data-testid="grid-row"
      data-row={row}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      className="absolute left-0 top-0 flex w-full border-b border-slate-100 dark:border-slate-900"
    >
      <div
        style={{ width: NUMBER_WIDTH }}
        className="shrink-0 px-1 text-right leading-6 text-slate-600 dark:text-slate-400"
      >
        {row + 1}
      </div>
      {data.columns.map((_, c) => {
        const value = data.get(row, c);
        return (
          <div
            key={c}
            role="gridcell"
            style={{ width: widths[c] }}
            onClick={() => onSelect(c)}
            onDoubleClick={() => onOpen(c)}
            data-testid="grid-cell"
            data-null={value === null ? "true" : undefined}
            className={`shrink-0 cursor-default truncate border-l border-slate-100 px-2 leading-6 dark:border-slate-900 ${selectedCol === c ? "bg-blue-100 outline outline-1 outline-blue-500 dark:bg-blue-950" : ""}`}
          >
            {value === null ? (
              <span className="italic text-slate-600 dark:text-slate-400">NULL</span>
            ) : (
              cellPreview(value)
            )}
          </div>
        );
      })}
    </div>
  );
}
