import { useMemo } from "react";
import type { ResultColumn } from "../../../../shared/contract/query";

/** The full text of one value; JSON pretty-printed. Always rendered as text. */
export function CellViewer({
  column,
  value,
  onClose,
}: {
  column: ResultColumn;
  value: string | null;
  onClose(): void;
}) {
  const shown = useMemo(() => {
    if (value === null) return null;
    if (column.typeName === "json" || column.typeName === "jsonb") {
      try {
        return JSON.stringify(JSON.parse(value), null, 2);
      } catch {
        return value;
      }
    }
    return value;
  }, [column, value]);
  return (
    <aside
      className="flex w-96 shrink-0 flex-col gap-2 border-l border-slate-200 pl-3 dark:border-slate-800"
      data-testid="cell-viewer"
    >
      <div className="flex items-center gap-2 text-sm">
        <span className="truncate font-medium">{column.name}</span>
        <span className="text-xs text-slate-600 dark:text-slate-400">{column.typeName}</span>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {value === null ? "" : `${value.length.toLocaleString()} chars`}
        </span>
        <button
          type="button"
          className="ml-auto text-xs underline"
          onClick={() => void navigator.clipboard.writeText(value ?? "")}
        >
          Copy
        </button>
        <button type="button" className="text-xs underline" onClick={onClose} aria-label="Close value viewer">
          Close
        </button>
      </div>
      {shown === null ? (
        <p className="text-sm italic text-slate-600 dark:text-slate-400">NULL</p>
      ) : (
        <pre
          className="min-h-0 flex-1 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-900"
          data-testid="cell-viewer-value"
        >
          {shown}
        </pre>
      )}
    </aside>
  );
}
