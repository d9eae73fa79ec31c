import type { CallContext, Handlers } from "../handler-types";
import { defaultHealthThresholds } from "../../../shared/contract/health";
import { HealthMemory } from "./health.memory";
import { HealthSampler } from "./health.sampler";
import { buildHealthReport } from "./health.service";
import { installedStatements, installStatements } from "./health-server.sql";
import { ThresholdsStore } from "./thresholds.store";

const thresholdsOf = (ctx: CallContext) =>
  ctx.singleton("health.thresholds", () => new ThresholdsStore(ctx.dataDir));
const memoryOf = (ctx: CallContext) => ctx.singleton("health.memory", () => new HealthMemory());
const samplerOf = (ctx: CallContext) =>
  ctx.singleton("health.sampler", () => {
    const sampler = new HealthSampler({
      pool: (id, db) => ctx.db.pool(id, db),
      emit: ctx.emit,
      log: ctx.log,
    });
    ctx.onShutdown(() => sampler.stopAll());
    return sampler;
  });

export const healthHandlers = {
  "health:report": async ({ profileId, database }, ctx) => {
    const thresholds = await thresholdsOf(ctx).get(profileId);
    return buildHealthReport({
      pool: () => ctx.db.pool(profileId, database),
      thresholds,
      memory: memoryOf(ctx),
      memoryKey: `${profileId}\u0000${database ?? ""}`,
    });
  },
  "health:getThresholds": async ({ profileId }, ctx) => ({
    thresholds: await thresholdsOf(ctx).get(profileId),
    defaults: defaultHealthThresholds,
  }),
  "health:setThresholds": async ({ profileId, thresholds, reset }, ctx) => ({
    thresholds: await thresholdsOf(ctx).set(profileId, thresholds, reset),
  }),
  "health:sample": ({ profileId, database, maxPoints }, ctx) =>
    samplerOf(ctx).samples(profileId, database, maxPoints ?? 600),
  "health:watch": async ({ profileId, database, intervalMs, watchId }, ctx) => {
    await ctx.profiles.connectionParams(profileId); // an unknown profile fails here, not in the timer
    return { watchId: samplerOf(ctx).watch(profileId, database, intervalMs, watchId) };
  },
  "health:installStatements": async ({ profileId, database }, ctx) => {
    const pool = await ctx.db.pool(profileId, database);
    await pool.query(installStatements);
    const { rows } = await pool.query<{ version: string; preloaded: boolean }>(installedStatements);
    return rows[0]!;
  },
  "health:unwatch": ({ watchId }, ctx) => {
    samplerOf(ctx).unwatch(watchId);
    return {};
  },
} satisfies Handlers<
  | "health:report"
  | "health:getThresholds"
  | "health:setThresholds"
  | "health:sample"
  | "health:watch"
  | "health:unwatch"
  | "health:installStatements"
>;
