import type { Handlers } from "../handler-types";
import { listActivity, signalBackend } from "./activity.service";

export const activityHandlers = {
  "activity:sessions": async ({ profileId, database, filter }, ctx) =>
    listActivity(await ctx.db.pool(profileId, database), filter),
  "activity:cancel": async ({ profileId, database, pid }, ctx) =>
    signalBackend(await ctx.db.pool(profileId, database), pid, "cancel"),
  "activity:terminate": async ({ profileId, database, pid }, ctx) =>
    signalBackend(await ctx.db.pool(profileId, database), pid, "terminate"),
} satisfies Handlers<"activity:sessions" | "activity:cancel" | "activity:terminate">;
