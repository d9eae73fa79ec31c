import type { CallContext, Handlers } from "../handler-types";
import { objectDdl } from "./ddl.service";
import { databaseScript } from "./dump/script";
import { countRows, readRows } from "./rows.service";
import { SchemaCache } from "./schema.cache";

const cacheOf = (ctx: CallContext) => ctx.singleton("schema:cache", () => new SchemaCache());

export const schemaHandlers = {
  "schema:introspect": ({ profileId, database }, ctx) =>
    cacheOf(ctx).get(profileId, database, () => ctx.db.pool(profileId, database)),
  "schema:refresh": async ({ profileId, database }, ctx) => {
    const model = await cacheOf(ctx).refresh(profileId, database, () => ctx.db.pool(profileId, database));
    ctx.emit("schema:didRefresh", { profileId, ...(database ? { database } : {}) });
    return model;
  },
  "schema:ddl": async ({ profileId, database, ...target }, ctx) => {
    const pool = () => ctx.db.pool(profileId, database);
    const model = await cacheOf(ctx).get(profileId, database, pool);
    return { ddl: await objectDdl(await pool(), model, target) };
  },
  "schema:script": async ({ profileId, database, ...options }, ctx) => {
    const { script, entries, notes } = await databaseScript(await ctx.db.pool(profileId, database), options);
    return { script, notes, entries: entries.length };
  },
  "schema:rows": async ({ profileId, database, ...req }, ctx) =>
    readRows(await ctx.db.pool(profileId, database), req),
  "schema:rowCount": async ({ profileId, database, ...req }, ctx) => ({
    count: await countRows(await ctx.db.pool(profileId, database), req),
  }),
} satisfies Handlers<
  "schema:introspect" | "schema:refresh" | "schema:ddl" | "schema:script" | "schema:rows" | "schema:rowCount"
>;
