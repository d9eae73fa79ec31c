import { AppError } from "../../../shared/contract";
import type { Logger } from "../../logger";
import type { ConnectionParams } from "../../db/connection-params";
import { QuerySession, type NoticeSink } from "./query-session";

export interface SessionRegistryOptions {
  resolve(profileId: string): Promise<ConnectionParams>;
  onNotice(sessionId: string, notice: Parameters<NoticeSink>[0]): void;
  onClosed(sessionId: string, reason: string): void;
  log: Logger;
  /** Sessions unused this long are closed (an open transaction rolls back). */
  idleTimeoutMs?: number;
  /** Most sessions open at once, across tabs and windows. */
  maxSessions?: number;
}

/** Every open editor session of the app, by id; lives in a ctx.singleton. */
export class SessionRegistry {
  private readonly sessions = new Map<string, QuerySession>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: SessionRegistryOptions) {
    const idle = options.idleTimeoutMs ?? 60 * 60_000;
    this.sweeper = setInterval(() => this.sweep(idle), Math.min(60_000, idle));
    this.sweeper.unref();
  }

  async open(profileId: string, database?: string): Promise<QuerySession> {
    if (this.sessions.size >= (this.options.maxSessions ?? 50)) {
      throw new AppError("CONFLICT", "Too many query tabs are open; close some first");
    }
    const params = await this.options.resolve(profileId);
    let id = "";
    const session = await QuerySession.open(profileId, params, {
      database,
      onNotice: (n) => this.options.onNotice(id, n),
      onClosed: (reason) => {
        this.sessions.delete(id);
        this.options.onClosed(id, reason);
      },
    });
    id = session.id;
    this.sessions.set(id, session);
    return session;
  }

  get(sessionId: string): QuerySession {
    const session = this.sessions.get(sessionId);
    if (!session || session.closed) {
      throw new AppError("NOT_FOUND", "This tab's connection was closed; run again to reconnect");
    }
    session.lastUsed = Date.now();
    return session;
  }

  async close(sessionId: string, reason = "closed"): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    await session.close(reason);
  }

  /** Closes every session of a profile (after it was edited or deleted). */
  async closeProfile(profileId: string): Promise<void> {
    await Promise.all(
      [...this.sessions.values()].filter((s) => s.profileId === profileId).map((s) => this.close(s.id)),
    );
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.close("app shutting down")));
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(idleMs: number): void {
    const now = Date.now();
    for (const s of this.sessions.values()) {
      if (!s.running && now - s.lastUsed > idleMs) {
        this.options.log.info(
          `closing query session idle for ${Math.round((now - s.lastUsed) / 60_000)} min`,
        );
        void this.close(s.id, "closed after being idle");
      }
    }
  }
}
