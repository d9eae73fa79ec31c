import type { Handlers } from "../handler-types";
import { runExplain } from "./explain.runner";

export const explainHandlers = {
  "explain:run": async ({ profileId, database, sql, options, timeoutMs }, ctx) => {
    const profile = await ctx.profiles.get(profileId);
    return runExplain(await ctx.db.pool(profileId, database), {
      sql,
      options,
      timeoutMs,
      readOnly: profile.readOnly === true,
      signal: ctx.signal,
    });
  },
} satisfies Handlers<"explain:run">;
