import type { Handlers } from "../../ipc/handler-types";
import { loadCompletions } from "./completions.service";
import { runOnSession } from "./query.runner";
import { queryServices } from "./query.services";
import { exportResult } from "./result.exporter";
import { selectStatements } from "./statement-selection";

export const queryHandlers = {
  "query:openSession": async ({ profileId, database }, ctx) => {
    const session = await queryServices(ctx).sessions.open(profileId, database);
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
    });
    await services.history
      .add(
        summary.results
          .filter((r) => r.sql !== "")
          .map((r) => ({
            profileId: session.profileId,
            sql: r.sql,
            durationMs: r.durationMs,
            rowCount: r.rowCount ?? (r.error ? null : r.rowsReturned),
            ...(r.error ? { error: r.error.message.slice(0, 500) } : {}),
          })),
      )
      .catch((err: unknown) => ctx.log.warn("could not record query history", err));
    return summary;
  },
  "query:statements": async (input) =>
    (await selectStatements(input)).map((s) => ({ start: s.start, end: s.end, text: s.text, kind: s.kind })),
  "query:cancel": async ({ sessionId }, ctx) => ({
    sent: await queryServices(ctx).sessions.get(sessionId).cancel(),
  }),
  "query:history": ({ profileId, search, limit }, ctx) =>
    queryServices(ctx).history.list({ profileId, search, limit }),
  "query:clearHistory": async (_input, ctx) => {
    await queryServices(ctx).history.clear();
    return {};
  },
  "query:snippets": (_input, ctx) => queryServices(ctx).snippets.list(),
  "query:saveSnippet": (input, ctx) => queryServices(ctx).snippets.save(input),
  "query:deleteSnippet": async ({ id }, ctx) => {
    await queryServices(ctx).snippets.delete(id);
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
} satisfies Handlers<
  | "query:openSession"
  | "query:closeSession"
  | "query:sessionInfo"
  | "query:run"
  | "query:statements"
  | "query:cancel"
  | "query:history"
  | "query:clearHistory"
  | "query:snippets"
  | "query:saveSnippet"
  | "query:deleteSnippet"
  | "query:completions"
  | "query:export"
>;
