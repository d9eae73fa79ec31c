import { useState } from "react";
import type { AuditMapping } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { canSaveMapping, isRequiredRole, MAPPING_ROLES, mappingColumns } from "./audit.model";
import { useSaveMapping } from "./audit.queries";

type Table = { schema: string; table: string; columns: Array<{ name: string; type: string }> };

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
  const table = tables.find((t) => `${t.schema}.${t.table}` === tableKey);
  const save = useSaveMapping(profileId, onSaved);
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
      {table && <RoleSelects columns={table.columns} value={cols} onChange={setCols} />}
      <Button
        variant="primary"
        disabled={!table || !canSaveMapping(cols) || save.isPending}
        onClick={() =>
          table &&
          save.mutate({
            kind: "custom",
            schema: table.schema,
            table: table.table,
            columns: mappingColumns(cols),
          })
        }
      >
        Save mapping
      </Button>
      <ErrorMessage error={save.error} />
    </div>
  );
}

/** One column picker per role. */
function RoleSelects({
  columns,
  value,
  onChange,
}: {
  columns: Table["columns"];
  value: Record<string, string>;
  onChange(next: Record<string, string>): void;
}) {
  return (
    <div className="grid grid-cols-3 gap-2">
      {MAPPING_ROLES.map((role) => (
        <label key={role} className="flex flex-col text-xs text-slate-600 dark:text-slate-400">
          {role}
          {isRequiredRole(role) ? " (required)" : ""}
          <select
            value={value[role] ?? ""}
            onChange={(e) => onChange({ ...value, [role]: e.target.value })}
            className="rounded border px-1 py-1 text-sm text-slate-900 dark:bg-slate-900 dark:text-slate-100"
          >
            <option value="">—</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.type})
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
