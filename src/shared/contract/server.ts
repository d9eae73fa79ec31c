import { z } from "zod";
import { channel } from "./channel";
import { ProfileId } from "./common";

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
} as const;
