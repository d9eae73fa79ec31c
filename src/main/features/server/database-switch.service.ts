import type { AppContext } from "../handler-types";
import { connectableDatabases, reachDatabase } from "./overview.sql";

/** The server's databases the profile may switch to, and the one its pages use now. */
export async function listDatabases(ctx: AppContext, profileId: string) {
  const profile = await ctx.profiles.get(profileId);
  const { rows } = await ctx.db.query<{ name: string }>(profileId, connectableDatabases);
  return {
    current: ctx.db.switchedDatabase(profileId) ?? profile.database,
    profileDatabase: profile.database,
    databases: rows.map((r) => r.name),
  };
}

/**
 * Switches the profile's pages to another database of its server. The new database is
 * reached first (same credentials, TLS, SSH and settings): if it cannot be, the error says
 * why and the profile stays where it was. The choice is remembered for the next start.
 */
export async function useDatabase(ctx: AppContext, profileId: string, database: string | null) {
  const profile = await ctx.profiles.get(profileId);
  const target = database === null || database === profile.database ? undefined : database;
  await ctx.db.query(profileId, reachDatabase, [], target ?? profile.database);
  ctx.db.useDatabase(profileId, target);
  const store = await ctx.store();
  const choices = { ...((await store.ui.get()).databaseByProfile ?? {}) };
  if (target === undefined) delete choices[profileId];
  else choices[profileId] = target;
  await store.ui.set({ databaseByProfile: choices });
  return { current: target ?? profile.database };
}

/** At start, the profiles' pages go back to the databases they were switched to. */
export async function restoreDatabaseChoices(ctx: AppContext): Promise<void> {
  const choices = (await (await ctx.store()).ui.get()).databaseByProfile ?? {};
  for (const [profileId, database] of Object.entries(choices)) ctx.db.useDatabase(profileId, database);
}
