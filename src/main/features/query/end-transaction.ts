import { AppError } from "../../../shared/contract";
import type { OutputOf } from "../../../shared/contract";
import type { QuerySession } from "./query-session";
import { commitTransaction, rollbackTransaction } from "./query.sql";

/**
 * Commit or Rollback from the tab's buttons. COMMIT of a failed transaction rolls back
 * (the server answers ROLLBACK): the outcome says which happened, never "committed" then.
 */
export async function endTransaction(
  session: QuerySession,
  action: "commit" | "rollback",
): Promise<OutputOf<"query:endTransaction">> {
  if (session.running)
    throw new AppError("CONFLICT", "A statement is still running in this tab; cancel it or wait");
  if (session.transactionState() === "idle") return { outcome: "no-transaction", session: session.info() };
  const result = await session.client.query(action === "commit" ? commitTransaction : rollbackTransaction);
  session.noteTransaction(Date.now());
  session.lastUsed = Date.now();
  const outcome = result.command === "COMMIT" ? "committed" : "rolled-back";
  return { outcome, session: session.info() };
}
