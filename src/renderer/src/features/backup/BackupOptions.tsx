import type { ReactNode } from "react";
import type { BackupFormat } from "../../../../shared/contract/backup";
import { Field } from "../../components/Field";
import {
  allowsTestRestore,
  digitsOnly,
  takesCompression,
  takesJobs,
  type BackupFormState,
  type BackupScope,
} from "./backup-form.model";

const FORMATS: Array<{ value: BackupFormat; label: string }> = [
  { value: "custom", label: "Custom (compressed archive)" },
  { value: "directory", label: "Directory (parallel)" },
  { value: "tar", label: "Tar" },
  { value: "plain", label: "Plain SQL" },
];

interface Props {
  form: BackupFormState;
  /** The database shown as chosen (the connected one until another is picked). */
  database: string;
  databases: string[];
  onChange(patch: Partial<BackupFormState>): void;
}

/** Database, format, contents, compression, parallel jobs and pg_dump's flags. */
export function BackupOptions({ form, database, databases, onChange }: Props) {
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
      <Select
        label="Database"
        value={database}
        onChange={(v) => onChange({ database: v })}
        testId="backup-database"
      >
        {databases.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </Select>
      <Select
        label="Format"
        value={form.format}
        onChange={(v) => onChange({ format: v as BackupFormat })}
        testId="backup-format"
      >
        {FORMATS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </Select>
      <Select
        label="Contents"
        value={form.scope}
        onChange={(v) => onChange({ scope: v as BackupScope })}
        testId="backup-scope"
      >
        <option value="full">Schema and data</option>
        <option value="schema">Schema only</option>
        <option value="data">Data only</option>
      </Select>
      <Field
        label="Compression (0-9, empty = default)"
        value={form.compression}
        onChange={(e) => onChange({ compression: digitsOnly(e.target.value, 1) })}
        disabled={!takesCompression(form.format)}
      />
      <Field
        label="Parallel jobs (directory format)"
        value={form.jobs}
        onChange={(e) => onChange({ jobs: digitsOnly(e.target.value, 2) })}
        disabled={!takesJobs(form.format)}
      />
      <DumpFlags form={form} onChange={onChange} />
    </div>
  );
}

function DumpFlags({ form, onChange }: Pick<Props, "form" | "onChange">) {
  return (
    <div className="flex flex-col justify-end gap-1 text-sm">
      <label>
        <input
          type="checkbox"
          checked={form.noOwner}
          onChange={(e) => onChange({ noOwner: e.target.checked })}
        />{" "}
        No owner
      </label>
      <label>
        <input
          type="checkbox"
          checked={form.noPrivileges}
          onChange={(e) => onChange({ noPrivileges: e.target.checked })}
        />{" "}
        No privileges
      </label>
      <label>
        <input
          type="checkbox"
          checked={form.testRestore}
          disabled={!allowsTestRestore(form.scope)}
          onChange={(e) => onChange({ testRestore: e.target.checked })}
          data-testid="backup-test-restore"
        />{" "}
        Test restore after backup
      </label>
    </div>
  );
}

function Select({
  label,
  value,
  onChange,
  testId,
  children,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-slate-600 dark:text-slate-400">{label}</span>
      <select
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        {children}
      </select>
    </label>
  );
}
