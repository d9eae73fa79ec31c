import { useState } from "react";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useResultExport, type ExportProgress } from "./query.queries";
import { count } from "../../../../shared/format/plural";
import { formatBytes } from "../../../../shared/format/units";

type Format = "csv" | "json" | "sql";

/** Streams the statement's full result again into a file, with progress. */
export function ExportDialog({
  sessionId,
  sql,
  onClose,
}: {
  sessionId: string;
  sql: string;
  onClose(): void;
}) {
  const [format, setFormat] = useState<Format>("csv");
  const [path, setPath] = useState("");
  const [tableName, setTableName] = useState("exported");
  const { progress, run } = useResultExport();

  return (
    <div
      className="flex flex-col gap-2 rounded border border-slate-300 p-3 text-sm dark:border-slate-700"
      data-testid="export-dialog"
    >
      <div className="font-medium">Export the full result</div>
      <div className="flex flex-wrap items-center gap-2">
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as Format)}
          aria-label="Format"
          className="rounded border border-slate-300 bg-transparent px-1 py-1 dark:border-slate-700"
        >
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
          <option value="sql">SQL INSERTs</option>
        </select>
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/full/path/to/file"
          aria-label="File path"
          className="min-w-64 flex-1 rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
        />
        {format === "sql" && (
          <input
            value={tableName}
            onChange={(e) => setTableName(e.target.value)}
            aria-label="Table name"
            className="w-40 rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
          />
        )}
        <Button
          variant="primary"
          disabled={!path || run.isPending}
          onClick={() =>
            run.mutate({ sessionId, sql, format, path, ...(format === "sql" ? { tableName } : {}) })
          }
        >
          Export
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>
      {progress && <ProgressLine progress={progress} />}
      {run.error && <ErrorMessage error={run.error} />}
    </div>
  );
}

function ProgressLine({ progress }: { progress: ExportProgress }) {
  return (
    <div className="flex items-center gap-2">
      <progress className="w-48" value={progress.done ? 1 : undefined} max={1} />
      <span>
        {count(progress.rows, "row")}, {formatBytes(progress.bytes)}
        {progress.done ? " — done" : "…"}
      </span>
    </div>
  );
}
