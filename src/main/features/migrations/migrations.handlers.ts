import type { Handlers } from "../handler-types";
import { compareFolder, databaseSizes, migrationHistory } from "./migrations.service";

export const migrationsHandlers = {
  "migrations:history": async ({ profileId, database }, ctx) =>
    migrationHistory(await ctx.db.pool(profileId, database)),
  "migrations:compareFolder": async ({ profileId, database, folder }, ctx) =>
    compareFolder(await ctx.db.pool(profileId, database), folder),
  "migrations:sizes": async ({ profileId, database, limit }, ctx) =>
    databaseSizes(await ctx.db.pool(profileId, database), limit),
} satisfies Handlers<"migrations:history" | "migrations:compareFolder" | "migrations:sizes">;
