import { z } from "zod";
import { channel, event, NoInput } from "./channel";
import { DatabaseName, PgName, ProfileId } from "./common";
import { ApiErrorData } from "./errors";

export const BackupFormat = z.enum(["custom", "directory", "tar", "plain"]);
export type BackupFormat = z.infer<typeof BackupFormat>;

/** A local folder as the user typed or picked it; main checks it exists and is writable. */
export const FolderPath = z
  .string()
  .trim()
  .min(1, "folder is required")
  .max(4096)
  .refine((p) => !p.includes("\u0000"), "folder may not contain NUL");

/** A table picked from the schema tree; turned into an exact (quoted) pg_dump pattern by main. */
export const TableRef = z.object({ schema: PgName, name: PgName }).strict();
export type TableRef = z.infer<typeof TableRef>;

export const BackupRequest = z
  .object({
    profileId: ProfileId,
    database: DatabaseName,
    folder: FolderPath,
    format: BackupFormat.default("custom"),
    /** 0-9; pg_dump's default when absent. */
    compression: z.number().int().min(0).max(9).optional(),
    /** Parallel jobs; directory format only. */
    jobs: z.number().int().min(1).max(16).optional(),
    scope: z.enum(["full", "schema", "data"]).default("full"),
    includeSchemas: z.array(PgName).max(500).default([]),
    excludeSchemas: z.array(PgName).max(500).default([]),
    includeTables: z.array(TableRef).max(5000).default([]),
    excludeTables: z.array(TableRef).max(5000).default([]),
    noOwner: z.boolean().default(false),
    noPrivileges: z.boolean().default(false),
    /** Restore into a scratch database afterwards and compare per-table row counts. */
    testRestore: z.boolean().default(false),
  })
  .strict();
export type BackupRequest = z.infer<typeof BackupRequest>;
export type BackupRequestInput = z.input<typeof BackupRequest>;

export const ToolName = z.enum(["pg_dump", "pg_restore", "psql"]);
export type ToolName = z.infer<typeof ToolName>;

export const FoundTool = z.object({
  tool: ToolName,
  path: z.string(),
  version: z.string(),
  major: z.number().int(),
  source: z.enum(["configured", "PATH", "install-folder"]),
  /** A launcher that picks a version itself (Debian's pg_wrapper), not the binary. */
  wrapper: z.boolean().optional(),
});
export type FoundTool = z.infer<typeof FoundTool>;

export const ToolsReport = z.object({
  serverMajor: z.number().int(),
  serverVersion: z.string(),
  found: z.array(FoundTool),
  /** The binary each backup/restore would use; absent when none is new enough. */
  chosen: z.object({
    pg_dump: FoundTool.optional(),
    pg_restore: FoundTool.optional(),
    psql: FoundTool.optional(),
  }),
  /** What to do when something is missing, in words. */
  problem: z.string().optional(),
  /** Folders configured per major version (Settings). */
  configured: z.record(z.string(), z.string()),
});
export type ToolsReport = z.infer<typeof ToolsReport>;

export const CommandPreview = z.object({
  /** The command line as text, secrets replaced by ********. */
  command: z.string(),
  /** The environment pgdesk sets for the child; no secret is in it (the password goes to the child's stdin). */
  env: z.record(z.string(), z.string()),
  file: z.string(),
});

export const JobState = z.enum(["queued", "running", "verifying", "succeeded", "failed", "cancelled"]);
export type JobState = z.infer<typeof JobState>;

export const JobProgress = z.object({
  phase: z.string(),
  tablesDone: z.number().int(),
  tablesTotal: z.number().int(),
  bytes: z.number(),
  elapsedMs: z.number(),
  etaMs: z.number().nullable(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const Job = z.object({
  id: z.string(),
  kind: z.enum(["backup", "restore"]),
  profileId: ProfileId,
  database: z.string(),
  folder: z.string(),
  file: z.string(),
  state: JobState,
  progress: JobProgress,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: ApiErrorData.optional(),
  /** Last lines of the tools' output and pgdesk's own steps. */
  log: z.array(z.string()),
});
export type Job = z.infer<typeof Job>;

export const ManifestEntry = z.object({
  file: z.string(),
  database: z.string(),
  /** The profile it was taken from (entries written before pgdesk recorded it have none). */
  profileId: z.string().optional(),
  size: z.number(),
  sha256: z.string(),
  format: BackupFormat,
  options: z.object({
    scope: z.enum(["full", "schema", "data"]),
    compression: z.number().optional(),
    jobs: z.number().optional(),
    includeSchemas: z.array(z.string()),
    excludeSchemas: z.array(z.string()),
    includeTables: z.array(TableRef),
    excludeTables: z.array(TableRef),
    noOwner: z.boolean(),
    noPrivileges: z.boolean(),
  }),
  serverVersion: z.string(),
  pgDumpVersion: z.string(),
  durationMs: z.number(),
  createdAt: z.string(),
  verification: z.object({
    listEntries: z.number().int(),
    fullRead: z.boolean(),
    testRestore: z.object({ tables: z.number().int(), mismatches: z.array(z.string()) }).optional(),
    /** The last re-check (backup:verify): its answer replaces what the backup run found. */
    lastCheck: z.object({ at: z.string(), ok: z.boolean(), problems: z.array(z.string()) }).optional(),
  }),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const ListedBackup = ManifestEntry.extend({
  /** Whether the file is still there with the recorded size. */
  present: z.boolean(),
});

export const RestoreRequest = z
  .object({
    profileId: ProfileId,
    folder: FolderPath,
    /** A file (or directory-format folder) name inside `folder`, as listed in the manifest. */
    file: z.string().min(1).max(1024),
    /** "new": CREATE DATABASE first (must not exist); "existing": needs confirm === database. */
    target: z.enum(["new", "existing"]),
    database: DatabaseName,
    confirm: z.string().optional(),
    jobs: z.number().int().min(1).max(16).optional(),
    clean: z.boolean().default(false),
    ifExists: z.boolean().default(false),
    noOwner: z.boolean().default(false),
    singleTransaction: z.boolean().default(false),
    /** The user saw that the archive's last check failed and restores it anyway. */
    acceptFailedCheck: z.boolean().default(false),
  })
  .strict();
export type RestoreRequest = z.infer<typeof RestoreRequest>;

/** Keep a backup if it is among the newest `keepLast` of its database, or newer than `newerThanDays`. */
export const RetentionPolicy = z
  .object({
    keepLast: z.number().int().min(1).max(10_000).optional(),
    newerThanDays: z.number().int().min(1).max(36_500).optional(),
  })
  .strict()
  .refine(
    (p) => p.keepLast !== undefined || p.newerThanDays !== undefined,
    "set keep-last or newer-than days",
  );
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

export const RetentionPlan = z.object({
  keep: z.array(z.string()),
  remove: z.array(
    z.object({ file: z.string(), database: z.string(), createdAt: z.string(), size: z.number() }),
  ),
});
export type RetentionPlan = z.infer<typeof RetentionPlan>;

const RetentionInput = z
  .object({ folder: FolderPath, policy: RetentionPolicy, database: DatabaseName.optional() })
  .strict();

export const Schedule = z.object({
  id: z.string(),
  profileId: ProfileId,
  database: DatabaseName,
  folder: FolderPath,
  format: BackupFormat,
  scope: z.enum(["full", "schema", "data"]),
  /** Local time of day, HH:MM. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time is HH:MM"),
  /** 0 = Sunday … 6 = Saturday; absent = every day. */
  weekday: z.number().int().min(0).max(6).optional(),
  retention: RetentionPolicy.optional(),
  createdAt: z.string(),
  lastRunAt: z.string().optional(),
  lastResult: z
    .object({
      state: z.enum(["succeeded", "failed", "cancelled"]),
      message: z.string().optional(),
      jobId: z.string(),
    })
    .optional(),
});
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleDraft = Schedule.omit({ id: true, createdAt: true, lastRunAt: true, lastResult: true })
  .extend({ id: z.string().optional() })
  .strict();

const ProfileDb = z.object({ profileId: ProfileId, database: DatabaseName.optional() }).strict();

/** A relation pg_dump can select with --table / --exclude-table. */
export const DumpableObject = z.object({
  name: z.string(),
  kind: z.enum(["table", "partitioned", "partition", "view", "matview", "foreign", "sequence"]),
  /** pg_table_size: heap, TOAST and maps (0 for views, sequences and partitioned parents). */
  bytes: z.number(),
  /** Partitions: their parent's name; picking the parent picks them too. */
  partitionOf: z.string().optional(),
});
export type DumpableObject = z.infer<typeof DumpableObject>;

export const DumpableSchema = z.object({ name: z.string(), objects: z.array(DumpableObject) });
export type DumpableSchema = z.infer<typeof DumpableSchema>;

export const backupChannels = {
  /** Client tools found on this machine and the ones a backup of this server would use. */
  "backup:tools": channel({ input: ProfileDb, output: ToolsReport }),
  /** Sets (or with null clears) the folder holding pg_dump/pg_restore/psql of one major version. */
  "backup:setToolPath": channel({
    input: z.object({ major: z.number().int().min(9).max(99), folder: FolderPath.nullable() }).strict(),
    output: z.object({ configured: z.record(z.string(), z.string()) }),
  }),
  /** The schemas and relations of a database, for choosing what a backup includes. */
  "backup:objects": channel({
    input: ProfileDb,
    output: z.object({ database: z.string(), schemas: z.array(DumpableSchema) }),
  }),
  /** The pg_dump command a backup would run, secrets hidden. */
  "backup:preview": channel({ input: BackupRequest, output: CommandPreview }),
  /** Starts a backup in the background; progress arrives as backup:didProgress. */
  "backup:start": channel({ input: BackupRequest, output: z.object({ jobId: z.string() }) }),
  /** Stops a backup or restore job and removes what it wrote. */
  "backup:cancel": channel({ input: z.object({ jobId: z.string() }).strict(), output: z.object({}) }),
  /** Every job of this run, newest first, with its log. */
  "backup:jobs": channel({ input: NoInput, output: z.array(Job) }),
  /** Backups recorded in a folder's manifest (backups.json). */
  "backup:list": channel({ input: z.object({ folder: FolderPath }).strict(), output: z.array(ListedBackup) }),
  /** Re-verifies a recorded backup: size, SHA-256 and a full read by pg_restore. */
  "backup:verify": channel({
    input: z.object({ folder: FolderPath, file: z.string().min(1).max(1024) }).strict(),
    output: z.object({ ok: z.boolean(), problems: z.array(z.string()) }),
  }),
  /** Restores a backup into a new database (or an existing one after a typed confirmation). */
  "backup:restore": channel({ input: RestoreRequest, output: z.object({ jobId: z.string() }) }),
  /** What a retention policy would delete in a folder (per database), without deleting anything. */
  "backup:retentionPreview": channel({ input: RetentionInput, output: RetentionPlan }),
  /** Deletes the previewed files that the policy still selects, and their manifest entries. */
  "backup:retentionApply": channel({
    input: RetentionInput.extend({ files: z.array(z.string()).max(100_000) }).strict(),
    output: z.object({ removed: z.array(z.string()) }),
  }),
  /** Scheduled backups (run while the app runs; a missed run is caught up at start). */
  "backup:schedules": channel({ input: NoInput, output: z.array(Schedule) }),
  "backup:saveSchedule": channel({ input: ScheduleDraft, output: Schedule }),
  "backup:deleteSchedule": channel({ input: z.object({ id: z.string() }).strict(), output: z.object({}) }),
  /** Native folder dialog where the host has one (Electron); the web host types paths. */
  "backup:pickFolder": channel({
    input: NoInput,
    output: z.object({ folder: z.string().optional(), supported: z.boolean() }),
  }),
} as const;

export const backupEvents = {
  /** A job changed: progress, state, or a new log line. */
  "backup:didProgress": event({ payload: Job }),
  /** A scheduled backup ran (or could not start); failures are shown as notifications. */
  "backup:didRunSchedule": event({ payload: Schedule }),
} as const;
