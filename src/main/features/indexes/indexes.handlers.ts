import type { Handlers } from "../handler-types";
import { applyIndexStatement } from "./indexes.apply";
import { buildIndexReport } from "./indexes.service";

export const indexesHandlers = {
  "indexes:report": async ({ profileId, database, whatIf, thresholds }, ctx) =>
    buildIndexReport(await ctx.db.pool(profileId, database), {
      ...(whatIf !== undefined ? { whatIf } : {}),
      ...(thresholds ? { thresholds } : {}),
    }),
  "indexes:apply": async ({ profileId, database, sql }, ctx) =>
    applyIndexStatement(await ctx.db.pool(profileId, database), sql),
} satisfies Handlers<"indexes:report" | "indexes:apply">;
