import type { Handlers } from "../handler-types";
import { listDatabases, useDatabase } from "./database-switch.service";
import { buildServerOverview } from "./overview.service";

export const serverHandlers = {
  "server:overview": async ({ profileId, database }, ctx) =>
    buildServerOverview(await ctx.db.pool(profileId, database)),
  "server:databases": ({ profileId }, ctx) => listDatabases(ctx, profileId),
  "server:useDatabase": ({ profileId, database }, ctx) => useDatabase(ctx, profileId, database),
} satisfies Handlers<"server:overview" | "server:databases" | "server:useDatabase">;
