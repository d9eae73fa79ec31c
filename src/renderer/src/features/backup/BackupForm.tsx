import { useState } from "react";
import type { BackupFormat, BackupRequestInput } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { call } from "../../lib/api";
import { useBackupObjects, useDatabases, useStartBackup } from "./backup.queries";
import { useBackupUi } from "./backup.store";
import { FolderInput } from "./FolderInput";
import { toDumpSelection } from "../../../../shared/backup/object-selection";
import { ObjectPicker } from "./ObjectPicker";

const FORMATS: Array<{ value: BackupFormat; label: string }> = [
  { value: "custom", label: "Custom (compressed archive)" },
  { value: "directory", label: "Directory (parallel)" },
  { value: "tar", label: "Tar" },
  { value: "plain", label: "Plain SQL" },
];

/** What to back up, where, and how; with the exact command previewed before it runs. */
export function BackupForm({ profileId }: { profileId: string }) {
  const dbs = useDatabases(profileId);
  const { folder } = useBackupUi();
  const [database, setDatabase] = useState<string>("");
  const [format, setFormat] = useState<BackupFormat>("custom");
  const [compression, setCompression] = useState("");
  const [jobs, setJobs] = useState("");
  const [scope, setScope] = useState<"full" | "schema" | "data">("full");
  const [pickerOpen, setPickerOpen] = useState(false);
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [noOwner, setNoOwner] = useState(false);
  const [noPrivileges, setNoPrivileges] = useState(false);
  const [testRestore, setTestRestore] = useState(false);
  // a preview belongs to the request it was made for; once the form changes it is not shown
  const [preview, setPreview] = useState<
    { for: string; command: string; env: Record<string, string> } | undefined
  >();
  const [previewError, setPreviewError] = useState<unknown>();
  const start = useStartBackup();

  const chosenDb = database || dbs.data?.current || "";
  const objects = useBackupObjects(profileId, chosenDb, pickerOpen || unticked.size > 0);
  const selection = toDumpSelection(objects.data?.schemas ?? [], unticked);
  const blocked = !folder || !chosenDb || Boolean(selection.blocked);
  const request = (): BackupRequestInput => ({
    profileId,
    database: chosenDb,
    folder,
    format,
    scope,
    ...(compression !== "" ? { compression: Number(compression) } : {}),
    ...(format === "directory" && jobs !== "" ? { jobs: Number(jobs) } : {}),
    includeSchemas: selection.includeSchemas,
    excludeSchemas: selection.excludeSchemas,
    includeTables: selection.includeTables,
    excludeTables: selection.excludeTables,
    noOwner,
    noPrivileges,
    testRestore: testRestore && scope === "full",
  });

  const showPreview = async () => {
    setPreviewError(undefined);
    try {
      const req = request();
      setPreview({ for: JSON.stringify(req), ...(await call("backup:preview", req)) });
    } catch (err) {
      setPreview(undefined);
      setPreviewError(err);
    }
  };

  return (
    <section
      className="flex flex-col gap-3 rounded border border-slate-200 p-4 dark:border-slate-800"
      data-testid="backup-form"
    >
      <h2 className="font-semibold">New backup</h2>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Database</span>
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={chosenDb}
            onChange={(e) => {
              setDatabase(e.target.value);
              setUnticked(new Set());
            }}
            data-testid="backup-database"
          >
            {(dbs.data?.names ?? []).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Format</span>
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={format}
            onChange={(e) => setFormat(e.target.value as BackupFormat)}
            data-testid="backup-format"
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Contents</span>
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            value={scope}
            onChange={(e) => setScope(e.target.value as typeof scope)}
            data-testid="backup-scope"
          >
            <option value="full">Schema and data</option>
            <option value="schema">Schema only</option>
            <option value="data">Data only</option>
          </select>
        </label>
        <Field
          label="Compression (0-9, empty = default)"
          value={compression}
          onChange={(e) => setCompression(e.target.value.replace(/\D/g, "").slice(0, 1))}
          disabled={format === "tar"}
        />
        <Field
          label="Parallel jobs (directory format)"
          value={jobs}
          onChange={(e) => setJobs(e.target.value.replace(/\D/g, "").slice(0, 2))}
          disabled={format !== "directory"}
        />
        <div className="flex flex-col justify-end gap-1 text-sm">
          <label>
            <input type="checkbox" checked={noOwner} onChange={(e) => setNoOwner(e.target.checked)} /> No
            owner
          </label>
          <label>
            <input
              type="checkbox"
              checked={noPrivileges}
              onChange={(e) => setNoPrivileges(e.target.checked)}
            />{" "}
            No privileges
          </label>
          <label>
            <input
              type="checkbox"
              checked={testRestore}
              disabled={scope !== "full"}
              onChange={(e) => setTestRestore(e.target.checked)}
              data-testid="backup-test-restore"
            />{" "}
            Test restore after backup
          </label>
        </div>
      </div>
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
        <Button onClick={() => void showPreview()} disabled={blocked} data-testid="backup-preview">
          Preview command
        </Button>
        <Button
          variant="primary"
          onClick={() => start.mutate(request())}
          disabled={blocked || start.isPending}
          data-testid="backup-start"
        >
          Start backup
        </Button>
      </div>
      {preview && preview.for === JSON.stringify(request()) && (
        <div className="text-xs">
          <pre
            className="overflow-x-auto rounded bg-slate-100 p-2 dark:bg-slate-900"
            data-testid="backup-command"
          >
            {preview.command}
          </pre>
          <p className="mt-1 text-slate-500">
            Environment:{" "}
            {Object.entries(preview.env)
              .map(([k, v]) => `${k}=${v}`)
              .join("  ")}
          </p>
        </div>
      )}
      <ErrorMessage error={previewError ?? start.error} />
    </section>
  );
}
