import { useState } from "react";
import type { BackupFormat, ManifestEntry } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { digitsOnly } from "./backup-form.model";
import { useRestore } from "./backup.queries";
import {
  canRestore,
  failedCheck,
  initialRestoreForm,
  isArchive,
  restoreRequest,
  takesRestoreJobs,
  type RestoreFormState,
} from "./restore-form.model";

interface Props {
  profileId: string;
  folder: string;
  entry: ManifestEntry;
  onClose(): void;
}

type FormProps = { form: RestoreFormState; onChange(patch: Partial<RestoreFormState>): void };

/** Restore into a new database, or into an existing one after typing its name. */
export function RestoreDialog({ profileId, folder, entry, onClose }: Props) {
  const [form, setForm] = useState(() => initialRestoreForm(entry));
  const restore = useRestore();
  const onChange = (patch: Partial<RestoreFormState>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <div
      role="dialog"
      aria-label="Restore backup"
      className="flex flex-col gap-3 rounded border border-blue-300 p-4 dark:border-blue-800"
      data-testid="restore-dialog"
    >
      <h3 className="font-semibold">
        Restore <span className="font-mono text-sm">{entry.file}</span>
      </h3>
      <FailedCheckConsent entry={entry} form={form} onChange={onChange} />
      <RestoreTarget form={form} onChange={onChange} />
      <RestoreOptions form={form} onChange={onChange} format={entry.format} />
      <div className="flex gap-2">
        <Button
          variant="primary"
          onClick={() =>
            restore.mutate(restoreRequest(form, { profileId, folder, entry }), { onSuccess: onClose })
          }
          disabled={restore.isPending || !canRestore(form, entry)}
          data-testid="restore-start"
        >
          Restore
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>
      <ErrorMessage error={restore.error} />
    </div>
  );
}

/** A new database, or an existing one whose name must be typed again. */
function RestoreTarget({ form, onChange }: FormProps) {
  return (
    <>
      <div className="flex gap-4 text-sm">
        <label>
          <input type="radio" checked={form.target === "new"} onChange={() => onChange({ target: "new" })} />{" "}
          Into a new database
        </label>
        <label>
          <input
            type="radio"
            checked={form.target === "existing"}
            onChange={() => onChange({ target: "existing" })}
            data-testid="restore-existing"
          />{" "}
          Into an existing database
        </label>
      </div>
      <Field
        label={form.target === "new" ? "New database name" : "Existing database"}
        value={form.database}
        onChange={(e) => onChange({ database: e.target.value })}
        data-testid="restore-database"
      />
      {form.target === "existing" && (
        <Field
          label={`Type ${form.database} to confirm: its objects may be replaced`}
          value={form.confirm}
          onChange={(e) => onChange({ confirm: e.target.value })}
          data-testid="restore-confirm"
        />
      )}
    </>
  );
}

/** pg_restore's options; the archive-only ones are hidden for a plain SQL file. */
function RestoreOptions({ form, onChange, format }: FormProps & { format: BackupFormat }) {
  const archive = isArchive(format);
  return (
    <div className="flex flex-wrap gap-4 text-sm">
      {archive && (
        <label>
          <input
            type="checkbox"
            checked={form.clean}
            onChange={(e) => onChange({ clean: e.target.checked })}
          />{" "}
          Drop objects first (clean, if exists)
        </label>
      )}
      {archive && (
        <label>
          <input
            type="checkbox"
            checked={form.noOwner}
            onChange={(e) => onChange({ noOwner: e.target.checked })}
          />{" "}
          No owner
        </label>
      )}
      <label>
        <input
          type="checkbox"
          checked={form.singleTransaction}
          onChange={(e) => onChange({ singleTransaction: e.target.checked })}
        />{" "}
        Single transaction
      </label>
      {takesRestoreJobs(format, form) && (
        <label className="flex items-center gap-1">
          Jobs{" "}
          <input
            className="w-12 rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900"
            value={form.jobs}
            onChange={(e) => onChange({ jobs: digitsOnly(e.target.value, 2) })}
          />
        </label>
      )}
    </div>
  );
}

/** The archive's last check failed: say why, and restore only when the user says so. */
function FailedCheckConsent({ entry, form, onChange }: FormProps & { entry: ManifestEntry }) {
  const reason = failedCheck(entry);
  if (reason === undefined) return null;
  return (
    <div
      role="alert"
      data-testid="restore-failed-check"
      className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p>The last check of this backup failed: {reason}. Restoring it may fail or restore damaged data.</p>
      <label className="mt-2 flex items-center gap-2">
        <input
          type="checkbox"
          data-testid="restore-accept-failed"
          checked={form.acceptFailedCheck}
          onChange={(e) => onChange({ acceptFailedCheck: e.target.checked })}
        />
        Restore it anyway
      </label>
    </div>
  );
}
