import type { BackupFormat, BackupRequestInput } from "../../../../shared/contract/backup";
import type { DumpSelection } from "../../../../shared/backup/object-selection";

export type BackupScope = "full" | "schema" | "data";

/** The backup form as typed: number boxes hold text, the database "" means the connected one. */
export interface BackupFormState {
  database: string;
  format: BackupFormat;
  /** "" = pg_dump's default; otherwise one digit 0-9. */
  compression: string;
  /** "" = one job; otherwise up to two digits (directory format only). */
  jobs: string;
  scope: BackupScope;
  noOwner: boolean;
  noPrivileges: boolean;
  testRestore: boolean;
}

export const initialBackupForm: BackupFormState = {
  database: "",
  format: "custom",
  compression: "",
  jobs: "",
  scope: "full",
  noOwner: false,
  noPrivileges: false,
  testRestore: false,
};

/** tar archives are never compressed by pg_dump. */
export const takesCompression = (format: BackupFormat) => format !== "tar";
/** Only the directory format dumps tables in parallel. */
export const takesJobs = (format: BackupFormat) => format === "directory";
/** A test restore compares row counts, so it needs both schema and data. */
export const allowsTestRestore = (scope: BackupScope) => scope === "full";

/** What a number box keeps of the typed text: digits only, at most `max` of them. */
export const digitsOnly = (text: string, max = Infinity) => text.replace(/\D/g, "").slice(0, max);

/** The database the form points at: the chosen one, else the one the profile connects to. */
export function chosenDatabase(form: BackupFormState, connected: string | undefined): string {
  return form.database || connected || "";
}

/** A backup can be asked for once there is a folder, a database and a selection pg_dump can do. */
export function canBackUp(folder: string, database: string, selection: DumpSelection): boolean {
  return folder !== "" && database !== "" && !selection.blocked;
}

/**
 * What the form sends to main (preview and start alike). Options a disabled box shows are
 * not sent: no compression for tar, jobs only for directory, test restore only for a full dump.
 */
export function backupRequest(
  form: BackupFormState,
  target: { profileId: string; database: string; folder: string; selection: DumpSelection },
): BackupRequestInput {
  const { selection } = target;
  return {
    profileId: target.profileId,
    database: target.database,
    folder: target.folder,
    format: form.format,
    scope: form.scope,
    ...(form.compression !== "" && takesCompression(form.format)
      ? { compression: Number(form.compression) }
      : {}),
    ...(form.jobs !== "" && takesJobs(form.format) ? { jobs: Number(form.jobs) } : {}),
    includeSchemas: selection.includeSchemas,
    excludeSchemas: selection.excludeSchemas,
    includeTables: selection.includeTables,
    excludeTables: selection.excludeTables,
    noOwner: form.noOwner,
    noPrivileges: form.noPrivileges,
    testRestore: form.testRestore && allowsTestRestore(form.scope),
  };
}

/** A previewed command belongs to the request it was made for; once the form changes it is stale. */
export function isPreviewCurrent(
  previewedFor: BackupRequestInput | undefined,
  now: BackupRequestInput,
): boolean {
  return previewedFor !== undefined && JSON.stringify(previewedFor) === JSON.stringify(now);
}
