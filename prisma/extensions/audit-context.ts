import { AsyncLocalStorage } from "node:async_hooks";

/** Who is making the change, propagated through async calls (catalog section 13). */
export interface AuditContext {
  actorId?: string;
  actorType: "user" | "system" | "api";
  ipAddress?: string;
  userAgent?: string;
  organizationId?: string;
  /**
   * When the change happened. Live code leaves it out (now); the seed replays history,
   * so its audit rows carry the simulated time of each change.
   */
  at?: Date;
}

export const auditContext = new AsyncLocalStorage<AuditContext>();

/** Runs `work` with `ctx` as the audit actor; nested calls may override fields. */
export function withAuditActor<T>(ctx: Partial<AuditContext>, work: () => Promise<T>): Promise<T> {
  const outer = auditContext.getStore();
  return auditContext.run({ actorType: "system", ...outer, ...ctx }, work);
}
