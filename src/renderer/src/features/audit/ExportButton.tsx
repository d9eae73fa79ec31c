import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call, on } from "../../lib/api";

/** Exports the filtered events to a file path on the machine running pgdesk, with progress. */
export function ExportButton({
  profileId,
  mapping,
  filters,
  name,
}: {
  profileId: string;
  mapping: AuditMapping;
  filters: AuditFilters;
  name: string;
}) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<"csv" | "json">("csv");
  const [path, setPath] = useState(`/tmp/${name.replace(/[^\w.-]+/g, "_")}.csv`);
  const [rows, setRows] = useState(0);
  const exp = useMutation({
    mutationFn: () => call("audit:export", { profileId, mapping, filters, format, path }),
  });

  useEffect(
    () =>
      on("audit:didExportProgress", (p) => {
        if (p.path === path) setRows(p.rows);
      }),
    [path],
  );

  if (!open)
    return (
      <Button data-testid="audit-export-open" onClick={() => setOpen(true)}>
        Export…
      </Button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="audit-export">
      <select
        value={format}
        onChange={(e) => {
          const f = e.target.value as "csv" | "json";
          setFormat(f);
          setPath(path.replace(/\.(csv|json)$/, `.${f}`));
        }}
        className="rounded border px-1 py-1 dark:bg-slate-900"
      >
        <option value="csv">CSV</option>
        <option value="json">JSON</option>
      </select>
      <input
        aria-label="Export file path"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        className="w-80 rounded border px-2 py-1 font-mono text-xs dark:bg-slate-900"
      />
      <Button
        variant="primary"
        data-testid="audit-export-run"
        disabled={exp.isPending}
        onClick={() => {
          setRows(0);
          exp.mutate();
        }}
      >
        Export
      </Button>
      {exp.isPending && <span>{rows} rows…</span>}
      {exp.data && (
        <span data-testid="audit-export-done">
          Exported {exp.data.rows} rows to {exp.data.path}
        </span>
      )}
      <ErrorMessage error={exp.error} />
    </div>
  );
}
