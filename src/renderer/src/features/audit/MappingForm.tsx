import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AuditMapping } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { call } from "../../lib/api";
import { auditKeys } from "./audit.queries";

type Table = { schema: string; table: string; columns: Array<{ name: string; type: string }> };
const ROLES = [
  "id",
  "time",
  "entity",
  "entityId",
  "action",
  "actor",
  "tenant",
  "before",
  "after",
  "changes",
  "transaction",
] as const;

/** Map a table of any other layout by choosing which column means what. */
export function MappingForm({
  profileId,
  tables,
  onSaved,
}: {
  profileId: string;
  tables: Table[];
  onSaved(m: AuditMapping): void;
}) {
  const [tableKey, setTableKey] = useState("");
  const [cols, setCols] = useState<Record<string, string>>({});
  const qc = useQueryClient();
  const table = tables.find((t) => `${t.schema}.${t.table}` === tableKey);
  const save = useMutation({
    mutationFn: () => {
      const columns = Object.fromEntries(
        Object.entries(cols).filter(([, v]) => v),
      ) as AuditMapping["columns"];
      return call("audit:saveMapping", {
        profileId,
        mapping: { kind: "custom", schema: table!.schema, table: table!.table, columns },
      });
    },
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: auditKeys.detect(profileId) });
      onSaved(m);
    },
  });
  return (
    <div
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="audit-mapping-form"
    >
      <select
        value={tableKey}
        onChange={(e) => {
          setTableKey(e.target.value);
          setCols({});
        }}
        className="rounded border px-2 py-1 dark:bg-slate-900"
      >
        <option value="">Choose a table…</option>
        {tables.map((t) => (
          <option key={`${t.schema}.${t.table}`} value={`${t.schema}.${t.table}`}>
            {t.schema}.{t.table}
          </option>
        ))}
      </select>
      {table && (
        <div className="grid grid-cols-3 gap-2">
          {ROLES.map((role) => (
            <label key={role} className="flex flex-col text-xs text-slate-500">
              {role}
              {role === "id" || role === "time" ? " (required)" : ""}
              <select
                value={cols[role] ?? ""}
                onChange={(e) => setCols({ ...cols, [role]: e.target.value })}
                className="rounded border px-1 py-1 text-sm text-slate-900 dark:bg-slate-900 dark:text-slate-100"
              >
                <option value="">—</option>
                {table.columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name} ({c.type})
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
      <Button
        variant="primary"
        disabled={!table || !cols.id || !cols.time || save.isPending}
        onClick={() => save.mutate()}
      >
        Save mapping
      </Button>
      <ErrorMessage error={save.error} />
    </div>
  );
}
