import type { InputOf } from "../../../../shared/contract";
import type { BackupFormat, ManifestEntry } from "../../../../shared/contract/backup";

export interface RestoreFormState {
  target: "new" | "existing";
  database: string;
  /** The database name typed again; an existing database is only overwritten when it matches. */
  confirm: string;
  clean: boolean;
  noOwner: boolean;
  singleTransaction: boolean;
  /** "" = one job; otherwise up to two digits. */
  jobs: string;
  /** Ticked by the user when the archive's last check failed: restore it anyway. */
  acceptFailedCheck: boolean;
}

/** Why the archive may be damaged (its last check failed), or undefined when it is not known to be. */
export function failedCheck(entry: ManifestEntry): string | undefined {
  const last = entry.verification.lastCheck;
  return last && !last.ok ? last.problems.join("; ") : undefined;
}

export function initialRestoreForm(entry: ManifestEntry): RestoreFormState {
  return {
    target: "new",
    database: `${entry.database}_restored`,
    confirm: "",
    clean: false,
    noOwner: false,
    singleTransaction: false,
    jobs: "",
    acceptFailedCheck: false,
  };
}

/** pg_restore reads archives (custom, directory, tar); a plain SQL file goes through psql without its options. */
export const isArchive = (format: BackupFormat) => format !== "plain";

/** Parallel jobs need an archive and cannot run inside one transaction. */
export const takesRestoreJobs = (format: BackupFormat, form: RestoreFormState) =>
  isArchive(format) && !form.singleTransaction;

/**
 * A new database needs a name; an existing one also needs its name typed again; an archive
 * whose last check failed needs the user's explicit go-ahead.
 */
export function canRestore(form: RestoreFormState, entry?: ManifestEntry): boolean {
  if (entry && failedCheck(entry) !== undefined && !form.acceptFailedCheck) return false;
  return form.database !== "" && (form.target === "new" || form.confirm === form.database);
}

/** What is sent to main: archive-only options only for archives, the typed name only for "existing". */
export function restoreRequest(
  form: RestoreFormState,
  from: { profileId: string; folder: string; entry: ManifestEntry },
): InputOf<"backup:restore"> {
  const archive = isArchive(from.entry.format);
  return {
    profileId: from.profileId,
    folder: from.folder,
    file: from.entry.file,
    target: form.target,
    database: form.database,
    ...(form.target === "existing" ? { confirm: form.confirm } : {}),
    clean: archive && form.clean,
    ifExists: archive && form.clean,
    noOwner: archive && form.noOwner,
    singleTransaction: form.singleTransaction,
    ...(failedCheck(from.entry) !== undefined ? { acceptFailedCheck: form.acceptFailedCheck } : {}),
    ...(form.jobs && takesRestoreJobs(from.entry.format, form) ? { jobs: Number(form.jobs) } : {}),
  };
}
