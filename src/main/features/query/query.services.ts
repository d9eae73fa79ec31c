import type { AppContext } from "../handler-types";
import { columnTypes, type FieldLike } from "./column-types";
import { HistoryRecorder } from "./history.recorder";
import type { QuerySession } from "./query-session";
import { SessionRegistry } from "./session.registry";

export interface QueryServices {
  sessions: SessionRegistry;
  history: HistoryRecorder;
  typeNames(session: QuerySession, fields: readonly FieldLike[]): Promise<string[]>;
}

/** The query area's long-lived services, one per app (sessions outlive a call). */
export function queryServices(ctx: AppContext): QueryServices {
  return ctx.singleton("query.services", () => {
    const typeCaches = new WeakMap<QuerySession, Map<string, string>>();
    const sessions = new SessionRegistry({
      resolve: (id) => ctx.profiles.connectionParams(id),
      onNotice: (sessionId, notice) => {
        const runId = sessionsRef.running(sessionId);
        ctx.emit("query:didNotice", { sessionId, ...(runId ? { runId } : {}), ...notice });
      },
      onClosed: (sessionId, reason) => ctx.emit("query:didCloseSession", { sessionId, reason }),
      log: ctx.log,
    });
    const sessionsRef = {
      running: (id: string) => {
        try {
          return sessions.get(id).running?.runId;
        } catch {
          return undefined; // a notice racing the session's close
        }
      },
    };
    ctx.onShutdown(() => sessions.closeAll());
    return {
      sessions,
      history: new HistoryRecorder(ctx),
      typeNames: (session, fields) => {
        let cache = typeCaches.get(session);
        if (!cache) typeCaches.set(session, (cache = new Map()));
        return columnTypes(fields, () => ctx.db.pool(session.profileId, session.database), cache);
      },
    };
  });
}
