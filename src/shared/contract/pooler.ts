import { z } from "zod";
import { channel } from "./channel";
import { ProfileId } from "./common";

/** One SHOW result of the admin console, as text (columns differ between PgBouncer versions). */
export const ConsoleTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string().nullable())),
});
export type ConsoleTable = z.infer<typeof ConsoleTable>;

export const PoolerCheck = z.object({
  id: z.string(),
  severity: z.enum(["ok", "warn", "critical", "unknown"]),
  /** The pool or database it is about, when it is about one. */
  subject: z.string().optional(),
  message: z.string(),
});
export type PoolerCheck = z.infer<typeof PoolerCheck>;

/** A backend server behind PgBouncer and what its pools may open there. */
export const BackendUse = z.object({
  host: z.string(),
  port: z.number().int(),
  databases: z.array(z.string()),
  /** Server connections PgBouncer may open there: pool sizes plus reserve pools, per user. */
  poolLimit: z.number().int(),
  /** The backend's max_connections minus superuser_reserved_connections, via a saved profile. */
  serverLimit: z.number().int().optional(),
  /** The saved profile that was asked, or why none could be. */
  profileId: ProfileId.optional(),
  unknownReason: z.string().optional(),
});
export type BackendUse = z.infer<typeof BackendUse>;

export const PoolerOverview = z.object({
  version: z.string(),
  fetchedAt: z.string(),
  pools: ConsoleTable,
  clients: ConsoleTable,
  servers: ConsoleTable,
  stats: ConsoleTable,
  databases: ConsoleTable,
  config: ConsoleTable,
  checks: z.array(PoolerCheck),
  backends: z.array(BackendUse),
  totals: z.object({
    clientsActive: z.number().int(),
    clientsWaiting: z.number().int(),
    serversActive: z.number().int(),
    serversIdle: z.number().int(),
    /** Longest wait of a queued client, seconds. */
    maxWaitSeconds: z.number(),
  }),
});
export type PoolerOverview = z.infer<typeof PoolerOverview>;

export const PoolerCommand = z.enum(["PAUSE", "RESUME", "RELOAD"]);
export type PoolerCommand = z.infer<typeof PoolerCommand>;

/** A pooled database name as SHOW DATABASES lists it. */
const PooledDatabase = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.$-]+$/, "database: letters, digits, _ . $ - only");

export const poolerChannels = {
  /** Pools, clients, servers, stats, databases and config of a PgBouncer profile, with saturation checks. */
  "pooler:overview": channel({ input: z.object({ profileId: ProfileId }).strict(), output: PoolerOverview }),
  /**
   * PAUSE / RESUME (all databases or one) or RELOAD. `confirm` must repeat the command
   * (PAUSE stops new queries on every pooled database until RESUME).
   */
  "pooler:command": channel({
    input: z
      .object({
        profileId: ProfileId,
        command: PoolerCommand,
        database: PooledDatabase.optional(),
        confirm: z.string().max(50),
      })
      .strict(),
    output: z.object({ command: z.string(), message: z.string() }),
  }),
} as const;
