import type { Handlers } from "../../ipc/handler-types";
import { runExplain } from "./explain.runner";

export const explainHandlers = {
  "explain:run": async ({ profileId, database, sql, options, timeoutMs }, ctx) => {
    const profile = await ctx.profiles.get(profileId);
    // the profiles contract gains readOnly in its own issue; read it defensively until then
    const readOnly = (profile as { readOnly?: unknown }).readOnly === true;
    return runExplain(await ctx.db.pool(profileId, database), { sql, options, timeoutMs, readOnly, signal: ctx.signal });
  },
} satisfies Handlers<"explain:run">;
