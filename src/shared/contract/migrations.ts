import { z } from "zod";
import { channel } from "./channel";
import { PgName, ProfileId } from "./common";

const Target = z.object({ profileId: ProfileId, database: PgName.optional() });

export const MigrationEntry = z.object({
  id: z.string(),
  name: z.string(),
  checksum: z.string(),
  status: z.enum(["applied", "failed", "rolledBack", "pending"]),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  appliedSteps: z.number().int(),
  logs: z.string().nullable(),
});
export type MigrationEntry = z.infer<typeof MigrationEntry>;

export const MigrationHistory = z.object({
  /** false when the database has no _prisma_migrations table. */
  present: z.boolean(),
  /** Where the table was found. */
  schema: z.string().optional(),
  migrations: z.array(MigrationEntry),
});
export type MigrationHistory = z.infer<typeof MigrationHistory>;

export const FolderComparison = z.object({
  folder: z.string(),
  entries: z.array(
    z.object({
      name: z.string(),
      /** sha256 of migration.sql in the folder, null when the folder lacks it. */
      fileChecksum: z.string().nullable(),
      /** Checksum recorded by the database (latest attempt), null when never applied. */
      dbChecksum: z.string().nullable(),
      state: z.enum(["match", "mismatch", "onlyInFolder", "onlyInDatabase"]),
    }),
  ),
});
export type FolderComparison = z.infer<typeof FolderComparison>;

export const TableSize = z.object({
  schema: z.string(),
  name: z.string(),
  totalBytes: z.number(),
  tableBytes: z.number(),
  indexBytes: z.number(),
  toastBytes: z.number(),
  rowEstimate: z.number().nullable(),
});

export const DatabaseSizes = z.object({
  database: z.string(),
  databaseBytes: z.number(),
  /** Largest first. */
  tables: z.array(TableSize),
});
export type DatabaseSizes = z.infer<typeof DatabaseSizes>;

export const migrationsChannels = {
  /** Rows of _prisma_migrations (oldest first), with status and duration; present=false without it. */
  "migrations:history": channel({ input: Target.strict(), output: MigrationHistory }),
  /** Compares each <folder>/<name>/migration.sql sha256 with the checksum the database recorded. */
  "migrations:compareFolder": channel({
    input: Target.extend({ folder: z.string().min(1).max(4096) }).strict(),
    output: FolderComparison,
  }),
  /** Database size and per-table sizes (total, table, indexes, TOAST) with row estimates. */
  "migrations:sizes": channel({
    input: Target.extend({ limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    output: DatabaseSizes,
  }),
} as const;

export const migrationsEvents = {} as const;
