import { z } from "zod";
import { channel, event, NoInput } from "./channel";
import { ProfileId } from "./common";
import { ApiErrorData } from "./errors";

/** An absolute path on the machine where pgBackRest runs (this one, or the database host over SSH). */
const AbsolutePath = z
  .string()
  .trim()
  .min(2, "path is required")
  .max(4096)
  .refine((p) => p.startsWith("/"), "path must be absolute")
  .refine((p) => !/[\n\r]/.test(p) && !p.includes("\u0000"), "path may not contain NUL or line breaks");

/** pgBackRest stanza names: letters, digits and a few separators (they become folder names). */
export const StanzaName = z
  .string()
  .trim()
  .min(1, "stanza is required")
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "stanza may hold letters, digits, '_', '.' and '-'");

/** A Unix account name (the owner of the data directory). */
export const OsUser = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[a-z_][a-z0-9_-]*$/, "OS user must be a Unix account name such as postgres");

export const RepoNumber = z.number().int().min(1, "repo is 1-4").max(4, "repo is 1-4");

/** Secrets of one repository as the user edits them: undefined keeps the stored value, null clears it. */
export const RepoSecretsDraft = z
  .object({
    repo: RepoNumber,
    s3Key: z.string().min(1).max(1024).nullable().optional(),
    s3KeySecret: z.string().min(1).max(4096).nullable().optional(),
    cipherPass: z.string().min(1).max(4096).nullable().optional(),
  })
  .strict();

/** Which secrets are stored for a repository (never the secrets themselves). */
export const RepoSecretsState = z.object({
  repo: RepoNumber,
  hasS3Key: z.boolean(),
  hasCipherPass: z.boolean(),
});

const BackRestFields = {
  /** pgbackrest.conf to pass as --config (Debian's /etc/pgbackrest.conf is never used implicitly). */
  configPath: AbsolutePath,
  stanza: StanzaName,
  /** The OS user owning the data directory; pgBackRest always runs as this user. */
  osUser: OsUser.default("postgres"),
  /** Where pgbackrest runs: on this machine, or on the database host over the profile's SSH settings. */
  location: z.enum(["local", "ssh"]).default("local"),
  /** Folder for restored copies (each gets a new data directory inside); must be writable by osUser. */
  restoreRoot: AbsolutePath,
  /** pg_ctl and postgres of the server's major version; default /usr/lib/postgresql/<major>/bin. */
  pgBinDir: AbsolutePath.optional(),
  /** Timeout of info and check, seconds (backups and restores run until done or cancelled). */
  timeoutSeconds: z.number().int().min(5).max(3600).default(60),
};

export const BackRestSettingsDraft = z
  .object({ ...BackRestFields, repoSecrets: z.array(RepoSecretsDraft).max(4).default([]) })
  .strict();
export type BackRestSettingsDraft = z.infer<typeof BackRestSettingsDraft>;

export const BackRestSettings = z.object({
  ...BackRestFields,
  repoSecrets: z.array(RepoSecretsState),
});
export type BackRestSettings = z.infer<typeof BackRestSettings>;

export const ArchivingState = z.enum(["off", "ok", "idle", "failing", "stalled", "unknown"]);
export type ArchivingState = z.infer<typeof ArchivingState>;

/** WAL archiving as the server reports it (pg_stat_archiver, settings, the .ready backlog). */
export const ArchivingStatus = z.object({
  mode: z.string(),
  command: z.string(),
  library: z.string(),
  archivedCount: z.number().int(),
  lastArchivedWal: z.string().nullable(),
  lastArchivedAt: z.string().nullable(),
  lastArchivedAgeSec: z.number().nullable(),
  failedCount: z.number().int(),
  lastFailedWal: z.string().nullable(),
  lastFailedAt: z.string().nullable(),
  statsReset: z.string().nullable(),
  /** Segments waiting (.ready files); null when the role may not list archive_status. */
  ready: z.object({ count: z.number().int(), oldestAgeSec: z.number().nullable() }).nullable(),
  /** Why the backlog is unknown (the missing right), when it is. */
  readyUnavailable: z.string().optional(),
  /** The archive command's own last error line from the server log, when pgdesk could read it. */
  lastError: z.string().optional(),
  /** Why lastError could not be read, when archiving fails. */
  lastErrorUnavailable: z.string().optional(),
  serverNow: z.string(),
  state: ArchivingState,
  /** pass / warn / fail, as the health check shows it. */
  severity: z.enum(["pass", "warn", "fail"]),
  summary: z.string(),
  /** What to do about it; empty when nothing is needed. */
  action: z.string(),
});
export type ArchivingStatus = z.infer<typeof ArchivingStatus>;

export const BackupType = z.enum(["full", "diff", "incr"]);
export type BackupType = z.infer<typeof BackupType>;

/** One pgBackRest backup set, from `info --output=json`. */
export const BackupSet = z.object({
  label: z.string(),
  type: BackupType,
  repo: z.number().int(),
  startedAt: z.string(),
  stoppedAt: z.string(),
  lsnStart: z.string().nullable(),
  lsnStop: z.string().nullable(),
  walStart: z.string().nullable(),
  walStop: z.string().nullable(),
  databaseBytes: z.number(),
  /** Bytes copied by this backup (before compression). */
  deltaBytes: z.number(),
  repoBytes: z.number(),
  repoDeltaBytes: z.number(),
  /** The set this one was taken on top of, and every set it needs. */
  prior: z.string().nullable(),
  references: z.array(z.string()),
  /** pgBackRest found page checksum errors while copying. */
  checksumErrors: z.boolean(),
});
export type BackupSet = z.infer<typeof BackupSet>;

export const RepoInfo = z.object({
  repo: z.number().int(),
  code: z.number().int(),
  message: z.string(),
  cipher: z.string(),
  /** Oldest and newest WAL segment in the repository (pgBackRest hides gaps in between). */
  walMin: z.string().nullable(),
  walMax: z.string().nullable(),
});
export type RepoInfo = z.infer<typeof RepoInfo>;

/** From the stop of the oldest backup to the newest archived WAL (time from the server). */
export const RecoverableWindow = z.object({
  repo: z.number().int(),
  from: z.string(),
  fromLsn: z.string().nullable(),
  oldestBackup: z.string(),
  /** last_archived_time; null when the server has archived nothing since its statistics reset. */
  to: z.string().nullable(),
});
export type RecoverableWindow = z.infer<typeof RecoverableWindow>;

export const PitrInfo = z.object({
  stanza: z.string(),
  status: z.object({ code: z.number().int(), message: z.string() }),
  backupRunning: z.boolean(),
  repos: z.array(RepoInfo),
  backups: z.array(BackupSet),
  windows: z.array(RecoverableWindow),
  archiving: ArchivingStatus.nullable(),
  serverTimeZone: z.string(),
  /** What the page must say next to the status (status ok does not prove archiving or a gap-free chain). */
  notes: z.array(z.string()),
});
export type PitrInfo = z.infer<typeof PitrInfo>;

/** "2026-12-07 14:04:00+00" or ISO 8601; an offset is required so the moment is unambiguous. */
export const TargetTime = z
  .string()
  .trim()
  .max(64)
  .regex(
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$/,
    "time needs a date, a time and an offset, e.g. 2026-12-07 14:04:00+00",
  );

export const Lsn = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/, "an LSN looks like 0/3000060");

export const RestorePointName = z
  .string()
  .trim()
  .min(1, "name is required")
  .max(63)
  .regex(/^[\x20-\x7e]+$/, "a restore point name is printable ASCII");

export const RestoreTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("time"), time: TargetTime }).strict(),
  z.object({ kind: z.literal("name"), name: RestorePointName }).strict(),
  z.object({ kind: z.literal("lsn"), lsn: Lsn }).strict(),
  z.object({ kind: z.literal("latest") }).strict(),
]);
export type RestoreTarget = z.infer<typeof RestoreTarget>;

export const RestorePoint = z.object({ name: z.string(), lsn: z.string(), createdAt: z.string() });
export type RestorePoint = z.infer<typeof RestorePoint>;

export const PitrJobState = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);

export const PitrJob = z.object({
  id: z.string(),
  kind: z.enum(["backup", "restore"]),
  profileId: ProfileId,
  stanza: z.string(),
  state: PitrJobState,
  phase: z.string(),
  /** 0-100 when pgBackRest reports it. */
  percent: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: ApiErrorData.optional(),
  log: z.array(z.string()),
  backup: z
    .object({ type: BackupType, repo: z.number().int().optional(), label: z.string().optional() })
    .optional(),
  restore: z
    .object({
      target: RestoreTarget,
      repo: z.number().int().optional(),
      dataDir: z.string().optional(),
      port: z.number().int().optional(),
      copyId: z.string().optional(),
      /** The profile made for the restored copy. */
      restoredProfileId: z.string().optional(),
      writableAfterMs: z.number().optional(),
    })
    .optional(),
});
export type PitrJob = z.infer<typeof PitrJob>;

/** A restored copy pgdesk started (and can stop and remove). */
export const RestoredCopy = z.object({
  id: z.string(),
  sourceProfileId: z.string(),
  profileId: z.string(),
  /** The copy's folder (data/, tablespaces/, server.log) and its data directory. */
  root: z.string(),
  dataDir: z.string(),
  /** Where its pg_ctl is. */
  pgBin: z.string(),
  port: z.number().int(),
  target: RestoreTarget,
  createdAt: z.string(),
});
export type RestoredCopy = z.infer<typeof RestoredCopy>;

const ForProfile = z.object({ profileId: ProfileId }).strict();

export const pitrChannels = {
  /** The profile's pgBackRest settings, or null when none are saved. */
  "pitr:getSettings": channel({ input: ForProfile, output: BackRestSettings.nullable() }),
  /** Saves (or with settings null removes) the profile's pgBackRest settings; secrets are sealed. */
  "pitr:saveSettings": channel({
    input: z.object({ profileId: ProfileId, settings: BackRestSettingsDraft.nullable() }).strict(),
    output: BackRestSettings.nullable(),
  }),
  /** WAL archiving health over the profile's normal connection (no pgBackRest needed). */
  "pitr:archiving": channel({ input: ForProfile, output: ArchivingStatus }),
  /** Backup sets, repositories and the recoverable window (`pgbackrest info --output=json`). */
  "pitr:info": channel({ input: ForProfile, output: PitrInfo }),
  /** `pgbackrest check`, its result in words. */
  "pitr:check": channel({
    input: ForProfile,
    output: z.object({ ok: z.boolean(), message: z.string(), output: z.array(z.string()) }),
  }),
  /** Queues a backup (one at a time per stanza); progress arrives as pitr:didProgress. */
  "pitr:backup": channel({
    input: z.object({ profileId: ProfileId, type: BackupType, repo: RepoNumber.optional() }).strict(),
    output: z.object({ jobId: z.string() }),
  }),
  /** Restores into a new data directory on a free port and starts it; refused before any work when the target is outside the window. */
  "pitr:restore": channel({
    input: z.object({ profileId: ProfileId, target: RestoreTarget, repo: RepoNumber.optional() }).strict(),
    output: z.object({ jobId: z.string() }),
  }),
  "pitr:cancel": channel({ input: z.object({ jobId: z.string().max(64) }).strict(), output: z.object({}) }),
  "pitr:jobs": channel({ input: NoInput, output: z.array(PitrJob) }),
  /** pg_create_restore_point(name), remembered with its LSN and time. */
  "pitr:createRestorePoint": channel({
    input: z.object({ profileId: ProfileId, name: RestorePointName }).strict(),
    output: RestorePoint,
  }),
  "pitr:restorePoints": channel({ input: ForProfile, output: z.array(RestorePoint) }),
  /** Restored copies started by pgdesk (for any profile). */
  "pitr:copies": channel({ input: NoInput, output: z.array(RestoredCopy) }),
  /** Stops a restored copy, removes its data directory and its profile. */
  "pitr:dropCopy": channel({ input: z.object({ id: z.string().max(64) }).strict(), output: z.object({}) }),
} as const;

export const pitrEvents = {
  /** A backup or restore job changed (state, phase, percent or a log line). */
  "pitr:didProgress": event({ payload: PitrJob }),
} as const;
