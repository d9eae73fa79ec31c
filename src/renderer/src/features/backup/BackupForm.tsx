import { useState } from "react";
import { toDumpSelection } from "../../../../shared/backup/object-selection";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import {
  backupRequest,
  canBackUp,
  chosenDatabase,
  initialBackupForm,
  isPreviewCurrent,
  type BackupFormState,
} from "./backup-form.model";
import { useBackupObjects, useBackupPreview, useDatabases, useStartBackup } from "./backup.queries";
import { useBackupUi } from "./backup.store";
import { BackupOptions } from "./BackupOptions";
import { FolderInput } from "./FolderInput";
import { ObjectPicker } from "./ObjectPicker";

/** What to back up, where, and how; with the exact command previewed before it runs. */
export function BackupForm({ profileId }: { profileId: string }) {
  const dbs = useDatabases(profileId);
  const { folder } = useBackupUi();
  const [form, setForm] = useState<BackupFormState>(initialBackupForm);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const preview = useBackupPreview();
  const start = useStartBackup();

  const database = chosenDatabase(form, dbs.data?.current);
  const objects = useBackupObjects(profileId, database, pickerOpen || unticked.size > 0);
  const selection = toDumpSelection(objects.data?.schemas ?? [], unticked);
  const request = backupRequest(form, { profileId, database, folder, selection });
  const blocked = !canBackUp(folder, database, selection);

  return (
    <section
      className="flex flex-col gap-3 rounded border border-slate-200 p-4 dark:border-slate-800"
      data-testid="backup-form"
    >
      <h2 className="font-semibold">New backup</h2>
      <BackupOptions
        form={form}
        database={database}
        databases={dbs.data?.names ?? []}
        onChange={(patch) => {
          // another database has other objects: what was unticked no longer applies
          if (patch.database !== undefined) setUnticked(new Set());
          setForm((f) => ({ ...f, ...patch }));
        }}
      />
      <ObjectPicker
        objects={objects}
        open={pickerOpen}
        onOpen={setPickerOpen}
        unticked={unticked}
        onChange={setUnticked}
        selection={selection}
      />
      <FolderInput />
      <div className="flex gap-2">
        <Button onClick={() => preview.mutate(request)} disabled={blocked} data-testid="backup-preview">
          Preview command
        </Button>
        <Button
          variant="primary"
          onClick={() => start.mutate(request)}
          disabled={blocked || start.isPending}
          data-testid="backup-start"
        >
          Start backup
        </Button>
      </div>
      {preview.data && isPreviewCurrent(preview.variables, request) && (
        <CommandPreview command={preview.data.command} env={preview.data.env} />
      )}
      <ErrorMessage error={preview.error ?? start.error} />
    </section>
  );
}

/** The pg_dump command line and the environment it runs with (no password: that is a passfile). */
function CommandPreview({ command, env }: { command: string; env: Record<string, string> }) {
  return (
    <div className="text-xs">
      <pre
        className="overflow-x-auto rounded bg-slate-100 p-2 dark:bg-slate-900"
        data-testid="backup-command"
      >
        {command}
      </pre>
      <p className="mt-1 text-slate-600 dark:text-slate-400">
        Environment:{" "}
        {Object.entries(env)
          .map(([k, v]) => `${k}=${v}`)
          .join("  ")}
      </p>
    </div>
  );
}
