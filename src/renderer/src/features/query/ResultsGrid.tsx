import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ResultData } from "../../../../shared/query/result-data";
import { cellPreview, gridOrder, rowsAsTsv, type GridSort } from "../../../../shared/query/grid-view";

const ROW_HEIGHT = 24;
const NUMBER_WIDTH = 64;

interface Props {
  data: ResultData;
  /** Grows while rows stream in; re-renders the grid. */
  rowCount: number;
  onOpenCell(row: number, col: number): void;
}

function columnWidth(name: string, typeName: string): number {
  return Math.max(90, Math.min(320, Math.max(name.length, typeName.length) * 8 + 32));
}

/** A virtualized grid: only the visible rows exist in the DOM, whatever the row count. */
export function ResultsGrid({ data, rowCount, onOpenCell }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [filter, setFilter] = useState("");
  const [applied, setApplied] = useState<{ filter: string; sort: GridSort | undefined; count: number }>({
    filter: "",
    sort: undefined,
    count: 0,
  });
  const [selected, setSelected] = useState<{ row: number; col: number } | undefined>();
  const [copied, setCopied] = useState<string | undefined>();
  const order = useMemo(() => gridOrder(data, applied.count, applied.filter, applied.sort), [data, applied]);
  const shown = order ? order.length : rowCount;
  const rowAt = (i: number) => (order ? order[i]! : i);
  const widths = data.columns.map((c) => columnWidth(c.name, c.typeName));
  const totalWidth = NUMBER_WIDTH + widths.reduce((a, b) => a + b, 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the documented API; no React Compiler here
  const virtualizer = useVirtualizer({
    count: shown,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const sortBy = (col: number) => {
    const sort =
      applied.sort?.col === col
        ? applied.sort.desc
          ? undefined
          : { col, desc: true }
        : { col, desc: false };
    setApplied({ filter: applied.filter, sort, count: rowCount });
  };

  const copy = async (text: string, what: string) => {
    await navigator.clipboard.writeText(text);
    setCopied(what);
  };

  const onKey = (e: KeyboardEvent) => {
    if (!selected) return;
    const move = (row: number, col: number) => {
      const r = Math.max(0, Math.min(shown - 1, row));
      setSelected({ row: r, col: Math.max(0, Math.min(data.columnCount - 1, col)) });
      virtualizer.scrollToIndex(r);
      e.preventDefault();
    };
    if (e.key === "ArrowDown") move(selected.row + 1, selected.col);
    else if (e.key === "ArrowUp") move(selected.row - 1, selected.col);
    else if (e.key === "ArrowLeft") move(selected.row, selected.col - 1);
    else if (e.key === "ArrowRight") move(selected.row, selected.col + 1);
    else if (e.key === "Enter") onOpenCell(rowAt(selected.row), selected.col);
    else if ((e.ctrlKey || e.metaKey) && e.key === "c") {
      e.preventDefault();
      void copy(data.get(rowAt(selected.row), selected.col) ?? "", "cell");
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col gap-1">
      <div className="flex items-center gap-2 text-xs">
        <input
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && setApplied({ filter, sort: applied.sort, count: rowCount })}
          placeholder="Filter loaded rows (Enter)"
          aria-label="Filter loaded rows"
          data-testid="grid-filter"
          className="w-56 rounded border border-slate-300 bg-transparent px-2 py-0.5 dark:border-slate-700"
        />
        {(applied.filter || applied.sort) && (
          <span className="text-slate-500">
            {shown.toLocaleString()} of {applied.count.toLocaleString()} loaded rows{" "}
            {applied.sort ? "sorted" : "filtered"}
            <button
              type="button"
              className="ml-2 underline"
              onClick={() => {
                setFilter("");
                setApplied({ filter: "", sort: undefined, count: 0 });
              }}
            >
              reset
            </button>
          </span>
        )}
        {selected && (
          <>
            <button
              type="button"
              className="underline"
              data-testid="copy-cell"
              onClick={() => void copy(data.get(rowAt(selected.row), selected.col) ?? "", "cell")}
            >
              Copy cell
            </button>
            <button
              type="button"
              className="underline"
              data-testid="copy-row"
              onClick={() => void copy(rowsAsTsv([data.row(rowAt(selected.row))]), "row")}
            >
              Copy row
            </button>
          </>
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
        aria-rowcount={shown}
      >
        <div
          style={{ width: totalWidth }}
          className="sticky top-0 z-10 flex border-b border-slate-300 bg-slate-100 font-sans font-medium dark:border-slate-700 dark:bg-slate-900"
          role="row"
        >
          <div style={{ width: NUMBER_WIDTH }} className="shrink-0 px-1 py-1 text-right text-slate-400">
            #
          </div>
          {data.columns.map((c, i) => (
            <button
              type="button"
              key={i}
              style={{ width: widths[i] }}
              onClick={() => sortBy(i)}
              title={`${c.name}: ${c.typeName} — click to sort the loaded rows`}
              className="shrink-0 truncate border-l border-slate-200 px-2 py-1 text-left hover:bg-slate-200 dark:border-slate-800 dark:hover:bg-slate-800"
              data-testid="grid-header"
              role="columnheader"
            >
              <span>{c.name}</span>
              {applied.sort?.col === i && <span>{applied.sort.desc ? " ▼" : " ▲"}</span>}
              <span className="block text-[10px] font-normal text-slate-500">{c.typeName}</span>
            </button>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), width: totalWidth }} className="relative">
          {virtualizer.getVirtualItems().map((v) => {
            const row = rowAt(v.index);
            return (
              <div
                key={v.key}
                role="row"
                data-testid="grid-row"
                data-row={row}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                className="absolute left-0 top-0 flex w-full border-b border-slate-100 dark:border-slate-900"
              >
                <div
                  style={{ width: NUMBER_WIDTH }}
                  className="shrink-0 px-1 text-right leading-6 text-slate-400"
                >
                  {row + 1}
                </div>
                {data.columns.map((_, c) => {
                  const value = data.get(row, c);
                  const isSel = selected?.row === v.index && selected.col === c;
                  return (
                    <div
                      key={c}
                      role="gridcell"
                      style={{ width: widths[c] }}
                      onClick={() => setSelected({ row: v.index, col: c })}
                      onDoubleClick={() => onOpenCell(row, c)}
                      data-testid="grid-cell"
                      data-null={value === null ? "true" : undefined}
                      className={`shrink-0 cursor-default truncate border-l border-slate-100 px-2 leading-6 dark:border-slate-900 ${isSel ? "bg-blue-100 outline outline-1 outline-blue-500 dark:bg-blue-950" : ""}`}
                    >
                      {value === null ? (
                        <span className="italic text-slate-400">NULL</span>
                      ) : (
                        cellPreview(value)
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
