import { useEffect, useState } from "react";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call, on } from "../../lib/api";

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
  const [format, setFormat] = useState<"csv" | "json" | "sql">("csv");
  const [path, setPath] = useState("");
  const [tableName, setTableName] = useState("exported");
  const [exportId] = useState(() => `x${Date.now().toString(36)}`);
  const [progress, setProgress] = useState<{ rows: number; bytes: number; done: boolean } | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(
    () => on("query:didExportProgress", (p) => p.exportId === exportId && setProgress(p)),
    [exportId],
  );

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call("query:export", {
        sessionId,
        exportId,
        sql,
        format,
        path,
        ...(format === "sql" ? { tableName } : {}),
      });
      setProgress({ rows: r.rows, bytes: r.bytes, done: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="flex flex-col gap-2 rounded border border-slate-300 p-3 text-sm dark:border-slate-700"
      data-testid="export-dialog"
    >
      <div className="font-medium">Export the full result</div>
      <div className="flex flex-wrap items-center gap-2">
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as typeof format)}
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
        <Button variant="primary" disabled={!path || busy} onClick={() => void start()}>
          Export
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>
      {progress && (
        <div className="flex items-center gap-2">
          <progress className="w-48" value={progress.done ? 1 : undefined} max={1} />
          <span>
            {progress.rows.toLocaleString()} rows, {(progress.bytes / 1048576).toFixed(1)} MB
            {progress.done ? " — done" : "…"}
          </span>
        </div>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </div>
  );
}
