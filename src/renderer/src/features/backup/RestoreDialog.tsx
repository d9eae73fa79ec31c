import { useState } from "react";
import type { ManifestEntry } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useRestore } from "./backup.queries";

/** Restore into a new database, or into an existing one after typing its name. */
export function RestoreDialog({
  profileId,
  folder,
  entry,
  onClose,
}: {
  profileId: string;
  folder: string;
  entry: ManifestEntry;
  onClose(): void;
}) {
  const [target, setTarget] = useState<"new" | "existing">("new");
  const [database, setDatabase] = useState(`${entry.database}_restored`);
  const [confirm, setConfirm] = useState("");
  const [clean, setClean] = useState(false);
  const [noOwner, setNoOwner] = useState(false);
  const [singleTransaction, setSingleTransaction] = useState(false);
  const [jobs, setJobs] = useState("");
  const restore = useRestore();
  const archive = entry.format !== "plain";
  const submit = () =>
    restore.mutate(
      {
        profileId,
        folder,
        file: entry.file,
        target,
        database,
        ...(target === "existing" ? { confirm } : {}),
        clean: archive && clean,
        ifExists: archive && clean,
        noOwner: archive && noOwner,
        singleTransaction,
        ...(archive && jobs && !singleTransaction ? { jobs: Number(jobs) } : {}),
      },
      { onSuccess: onClose },
    );
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
      <div className="flex gap-4 text-sm">
        <label>
          <input type="radio" checked={target === "new"} onChange={() => setTarget("new")} /> Into a new
          database
        </label>
        <label>
          <input
            type="radio"
            checked={target === "existing"}
            onChange={() => setTarget("existing")}
            data-testid="restore-existing"
          />{" "}
          Into an existing database
        </label>
      </div>
      <Field
        label={target === "new" ? "New database name" : "Existing database"}
        value={database}
        onChange={(e) => setDatabase(e.target.value)}
        data-testid="restore-database"
      />
      {target === "existing" && (
        <Field
          label={`Type ${database} to confirm: its objects may be replaced`}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          data-testid="restore-confirm"
        />
      )}
      <div className="flex flex-wrap gap-4 text-sm">
        {archive && (
          <label>
            <input type="checkbox" checked={clean} onChange={(e) => setClean(e.target.checked)} /> Drop
            objects first (clean, if exists)
          </label>
        )}
        {archive && (
          <label>
            <input type="checkbox" checked={noOwner} onChange={(e) => setNoOwner(e.target.checked)} /> No
            owner
          </label>
        )}
        <label>
          <input
            type="checkbox"
            checked={singleTransaction}
            onChange={(e) => setSingleTransaction(e.target.checked)}
          />{" "}
          Single transaction
        </label>
        {archive && !singleTransaction && (
          <label className="flex items-center gap-1">
            Jobs{" "}
            <input
              className="w-12 rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900"
              value={jobs}
              onChange={(e) => setJobs(e.target.value.replace(/\D/g, "").slice(0, 2))}
            />
          </label>
        )}
      </div>
      <div className="flex gap-2">
        <Button
          variant="primary"
          onClick={submit}
          disabled={!database || restore.isPending || (target === "existing" && confirm !== database)}
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
