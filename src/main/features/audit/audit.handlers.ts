import type { AppContext } from "../handler-types";
import type { Handlers } from "../handler-types";
import { exportEvents } from "./audit-export";
import { AuditSettingsStore } from "./audit-settings.store";
import { browse, counts, detect, indexAdvice, timeline, validateMapping } from "./audit.service";
import { createRedactor } from "./redact";

const settings = (ctx: AppContext) =>
  ctx.singleton("audit:settings", () => new AuditSettingsStore(ctx.dataDir));
const redactorFor = async (ctx: AppContext, profileId: string) =>
  createRedactor(await settings(ctx).redactedFields(profileId));

export const auditHandlers = {
  "audit:detect": async ({ profileId, database }, ctx) => {
    const found = await detect(await ctx.db.pool(profileId, database));
    return { ...found, saved: (await settings(ctx).get(profileId)).mappings };
  },
  "audit:saveMapping": async ({ profileId, database, mapping }, ctx) => {
    await validateMapping(await ctx.db.pool(profileId, database), mapping);
    await settings(ctx).saveMapping(profileId, mapping);
    return mapping;
  },
  "audit:browse": async ({ profileId, database, mapping, filters, after, limit }, ctx) =>
    browse(
      await ctx.db.pool(profileId, database),
      mapping,
      await redactorFor(ctx, profileId),
      filters,
      after,
      limit,
    ),
  "audit:counts": async ({ profileId, database, mapping, filters }, ctx) =>
    counts(await ctx.db.pool(profileId, database), mapping, filters),
  "audit:timeline": async ({ profileId, database, mapping, entity, entityId }, ctx) =>
    timeline(
      await ctx.db.pool(profileId, database),
      mapping,
      await redactorFor(ctx, profileId),
      entity,
      entityId,
    ),
  "audit:advice": async ({ profileId, database, mapping, use }, ctx) =>
    indexAdvice(await ctx.db.pool(profileId, database), mapping, use),
  "audit:export": async ({ profileId, database, mapping, filters, format, path }, ctx) =>
    exportEvents(
      await ctx.db.pool(profileId, database),
      mapping,
      await redactorFor(ctx, profileId),
      filters,
      format,
      path,
      (rows, done) => ctx.emit("audit:didExportProgress", { path, rows, done }),
      ctx.signal,
    ),
  "audit:getRedaction": async ({ profileId }, ctx) => settings(ctx).redactedFields(profileId),
  "audit:setRedaction": async ({ profileId, fields }, ctx) => {
    await settings(ctx).setRedactedFields(profileId, fields);
    return settings(ctx).redactedFields(profileId);
  },
} satisfies Handlers<
  | "audit:detect"
  | "audit:saveMapping"
  | "audit:browse"
  | "audit:counts"
  | "audit:timeline"
  | "audit:advice"
  | "audit:export"
  | "audit:getRedaction"
  | "audit:setRedaction"
>;
