import { z } from "zod";
import { channel } from "./channel";
import { DatabaseName, ProfileId } from "./common";

export const DatabaseSummary = z.object({
  name: z.string(),
  /** null when the user may not connect to it (size needs CONNECT privilege). */
  sizeBytes: z.number().nullable(),
  connections: z.number().int(),
  allowConnections: z.boolean(),
  isTemplate: z.boolean(),
});

export const ServerOverview = z.object({
  version: z.string(),
  versionNum: z.number().int(),
  startedAt: z.string(),
  uptimeSeconds: z.number(),
  currentDatabase: z.string(),
  currentDatabaseSizeBytes: z.number(),
  currentUser: z.string(),
  databases: z.array(DatabaseSummary),
});
export type ServerOverview = z.infer<typeof ServerOverview>;

export const serverChannels = {
  /** Version, uptime, the current database's size and every database with its size and connections. */
  "server:overview": channel({
    input: z.object({ profileId: ProfileId, database: z.string().min(1).optional() }).strict(),
    output: ServerOverview,
  }),
  /** The databases of the profile's server the user may connect to, and the one in use. */
  "server:databases": channel({
    input: z.object({ profileId: ProfileId }).strict(),
    output: z.object({
      /** The database every page of the profile uses now. */
      current: z.string(),
      /** The profile's own database (what it returns to). */
      profileDatabase: z.string(),
      databases: z.array(z.string()),
    }),
  }),
  /**
   * Switches every page of the profile to another database of the same server, with the
   * profile's credentials and settings (null: back to its own). Connects first: a database
   * that cannot be reached is refused with the reason and nothing changes.
   */
  "server:useDatabase": channel({
    input: z.object({ profileId: ProfileId, database: DatabaseName.nullable() }).strict(),
    output: z.object({ current: z.string() }),
  }),
} as const;
