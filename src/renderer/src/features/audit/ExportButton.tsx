import { useState } from "react";
import type { AuditFilters, AuditMapping } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { defaultExportPath, withFormatExtension, type ExportFormat } from "./audit.model";
import { useAuditExport, useAuditExportProgress } from "./audit.queries";
import { count } from "../../../../shared/format/plural";

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
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [path, setPath] = useState(() => defaultExportPath(name));
  const [rows, setRows] = useAuditExportProgress(path);
  const exp = useAuditExport();

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
          const f = e.target.value as ExportFormat;
          setFormat(f);
          setPath(withFormatExtension(path, f));
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
          exp.mutate({ profileId, mapping, filters, format, path });
        }}
      >
        Export
      </Button>
      {exp.isPending && <span>{count(rows, "row")}…</span>}
      {exp.data && (
        <span data-testid="audit-export-done">
          Exported {count(exp.data.rows, "row")} to {exp.data.path}
        </span>
      )}
      <ErrorMessage error={exp.error} />
    </div>
  );
}
