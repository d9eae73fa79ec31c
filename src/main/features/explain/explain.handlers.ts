import { AppError } from "../../../shared/contract";
import { parseExplainJson } from "../../../shared/explain/formats/value-types";
import { buildPlanModels } from "../../../shared/explain/plan.builder";
import type { Handlers } from "../handler-types";
import { runExplain } from "./explain.runner";
import { keepPlan } from "./plan-history.keeper";

export const explainHandlers = {
  "explain:run": async ({ profileId, database, sql, options, timeoutMs }, ctx) => {
    const profile = await ctx.profiles.get(profileId);
    const run = await runExplain(await ctx.db.pool(profileId, database), {
      sql,
      options,
      timeoutMs,
      readOnly: profile.readOnly === true,
      signal: ctx.signal,
    });
    const history = await keepPlan(async () => (await ctx.store()).plans, { profileId, database }, run);
    return { ...run, history };
  },
  "explain:history": async ({ profileId, queryKey, limit }, ctx) =>
    (await ctx.store()).plans.list({ profileId, queryKey, limit }),
  "explain:historyPlan": async ({ id }, ctx) => {
    const found = await (await ctx.store()).plans.get(id);
    if (found === null)
      throw new AppError("NOT_FOUND", "That plan is no longer in plan history", { field: "id" });
    if ("problem" in found) throw new AppError("VALIDATION", found.problem, { field: "id" });
    return { entry: found.entry, plans: buildPlanModels(parseExplainJson(found.planJson), "json") };
  },
} satisfies Handlers<"explain:run" | "explain:history" | "explain:historyPlan">;
