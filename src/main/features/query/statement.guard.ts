import type { ConfirmationRequest } from "../../../shared/contract/query";
import {
  decide,
  needsEstimate,
  rowsWrittenByPlan,
  type RowEstimate,
  type StatementFacts,
} from "../../../shared/safeguards/guard-decision";
import { statementHazards, writesRows } from "../../../shared/safeguards/statement-hazards";
import type { PolicyTag, TagPolicy } from "../../../shared/safeguards/tag-policy";
import type { ParsedStatement } from "../../db/sql-parser";
import type { QuerySession } from "./query-session";
import { estimateRelease, estimateRollback, estimateSavepoint, explainPlanOnly } from "./query.sql";

export interface SessionPolicy {
  tag: PolicyTag;
  policy: TagPolicy;
}

/**
 * Main's decision whether a statement may run now: undefined when it may (nothing to ask,
 * or the run carries the user's yes to exactly this text), else the question to ask.
 * The renderer only shows the question; it cannot skip it.
 */
export async function guardStatement(
  session: QuerySession,
  stmt: ParsedStatement,
  { tag, policy }: SessionPolicy,
  confirmations: readonly string[],
): Promise<ConfirmationRequest | undefined> {
  // a read-only profile's statements run in BEGIN READ ONLY: the server refuses every write
  if (session.readOnly) return undefined;
  const facts: StatementFacts = { hazards: statementHazards(stmt.tree), writes: writesRows(stmt.tree) };
  if (decide(policy, facts, { rows: 0 }).confirm === false && !needsEstimate(policy, facts)) return undefined;
  if (session.takeConfirmation(confirmations, stmt.text)) return undefined;
  const estimate = needsEstimate(policy, facts) ? await estimateRows(session, stmt.text) : undefined;
  const decision = decide(policy, facts, estimate);
  if (!decision.confirm) return undefined;
  return {
    token: session.askConfirmation(stmt.text),
    reasons: decision.reasons,
    estimatedRows: estimate && "rows" in estimate ? estimate.rows : null,
    ...(estimate && "unavailable" in estimate ? { estimateUnavailable: estimate.unavailable } : {}),
    policyTag: tag,
  };
}

/**
 * Plain EXPLAIN (never ANALYZE: nothing runs) of the statement on the tab's own session,
 * so it sees the tab's temp tables, search_path and open transaction. Inside a transaction
 * it runs under a savepoint: a failing EXPLAIN must not fail the user's transaction.
 */
export async function estimateRows(session: QuerySession, text: string): Promise<RowEstimate> {
  const state = session.transactionState();
  if (state === "failed")
    return { unavailable: "the transaction has failed (only ROLLBACK runs until it ends)" };
  const inTransaction = state === "in-transaction";
  try {
    if (inTransaction) await session.client.query(estimateSavepoint);
    const { rows } = await session.client.query<{ "QUERY PLAN": unknown }>(explainPlanOnly(text));
    if (inTransaction) await session.client.query(estimateRelease);
    const written = rowsWrittenByPlan(rows[0]?.["QUERY PLAN"]);
    return written === undefined ? { unavailable: "the plan has no write step" } : { rows: written };
  } catch (err) {
    if (inTransaction && !session.closed) {
      await session.client.query(estimateRollback).catch(() => undefined);
      await session.client.query(estimateRelease).catch(() => undefined);
    }
    return { unavailable: `EXPLAIN failed: ${(err as Error).message}` };
  }
}
