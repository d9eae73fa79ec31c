import type { Handlers } from "../handler-types";
import { buildServerOverview } from "./overview.service";

export const serverHandlers = {
  "server:overview": async ({ profileId, database }, ctx) =>
    buildServerOverview(await ctx.db.pool(profileId, database)),
} satisfies Handlers<"server:overview">;
