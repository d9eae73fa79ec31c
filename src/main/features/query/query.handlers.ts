import type { Handlers } from "../handler-types";
import { policyForProfile } from "../safeguards/safeguards.service";
import { loadCompletions } from "./completions.service";
import { endTransaction } from "./end-transaction";
import { runOnSession } from "./query.runner";
import { queryServices } from "./query.services";
import { exportResult } from "./result.exporter";
import { openSqlFile, saveSqlFile } from "./sql-files";
import { selectStatements } from "./statement-selection";

export const queryHandlers = {
  "query:openSession": async ({ profileId, database }, ctx) => {
    // a tab that names no database follows the profile's pages (the top bar's switch)
    const session = await queryServices(ctx).sessions.open(
      profileId,
      database ?? ctx.db.switchedDatabase(profileId),
    );
    return session.info();
  },
  "query:closeSession": async ({ sessionId }, ctx) => {
    await queryServices(ctx).sessions.close(sessionId);
    return {};
  },
  "query:sessionInfo": ({ sessionId }, ctx) => queryServices(ctx).sessions.get(sessionId).info(),
  "query:run": async (input, ctx) => {
    const services = queryServices(ctx);
    const session = services.sessions.get(input.sessionId);
    const summary = await runOnSession(session, input, {
      emit: ctx.emit,
      typeNames: (fields) => services.typeNames(session, fields),
      policy: await policyForProfile(ctx, session.profileId),
    });
    services.history.record(
      summary.results
        .filter((r) => r.sql !== "" && !r.confirmation)
        .map((r) => ({
          profileId: session.profileId,
          // the whole statement (r.sql is cut to 500 characters for display)
          sql: r.end > r.start ? input.sql.slice(r.start, r.end) : r.sql,
          durationMs: r.durationMs,
          rowCount: r.rowCount ?? (r.error ? null : r.rowsReturned),
          ...(r.error ? { error: r.error.message.slice(0, 500) } : {}),
        })),
    );
    return summary;
  },
  "query:endTransaction": ({ sessionId, action }, ctx) =>
    endTransaction(queryServices(ctx).sessions.get(sessionId), action),
  "query:statements": async (input) =>
    (await selectStatements(input)).map((s) => ({ start: s.start, end: s.end, text: s.text, kind: s.kind })),
  "query:cancel": async ({ sessionId }, ctx) => ({
    sent: await queryServices(ctx).sessions.get(sessionId).cancel(),
  }),
  "query:history": async ({ profileId, search, limit }, ctx) => {
    await queryServices(ctx).history.flushed();
    return (await ctx.store()).history.list({ profileId, search, limit });
  },
  "query:clearHistory": async (_input, ctx) => {
    await queryServices(ctx).history.flushed();
    await (await ctx.store()).history.clear();
    return {};
  },
  "query:snippets": async (_input, ctx) => (await ctx.store()).snippets.list(),
  "query:saveSnippet": async (input, ctx) => (await ctx.store()).snippets.save(input),
  "query:deleteSnippet": async ({ id }, ctx) => {
    await (await ctx.store()).snippets.delete(id);
    return {};
  },
  "query:completions": async ({ profileId, database }, ctx) =>
    loadCompletions(await ctx.db.pool(profileId, database)),
  "query:export": (input, ctx) => {
    const session = queryServices(ctx).sessions.get(input.sessionId);
    return exportResult(session, input, (p) =>
      ctx.emit("query:didExportProgress", { sessionId: session.id, exportId: input.exportId, ...p }),
    );
  },
  "query:openFile": (_input, ctx) => openSqlFile(ctx),
  "query:saveFile": (input, ctx) => saveSqlFile(ctx, input),
} satisfies Handlers<
  | "query:openSession"
  | "query:closeSession"
  | "query:sessionInfo"
  | "query:run"
  | "query:endTransaction"
  | "query:statements"
  | "query:cancel"
  | "query:history"
  | "query:clearHistory"
  | "query:snippets"
  | "query:saveSnippet"
  | "query:deleteSnippet"
  | "query:completions"
  | "query:export"
  | "query:openFile"
  | "query:saveFile"
>;
