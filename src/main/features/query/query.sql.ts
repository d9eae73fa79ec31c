import { sql } from "../../db/sql";

/** format_type() of result columns; $1 type oids, $2 their typmods, answered in order. */
export const columnTypeNames = sql`
  SELECT format_type(u.o, NULLIF(u.m, -1)) AS name
  FROM unnest($1::oid[], $2::int[]) WITH ORDINALITY AS u(o, m, n)
  ORDER BY u.n`;

/** Applies the tab's statement timeout (ms) for the session. */
export const setStatementTimeout = sql`SELECT set_config('statement_timeout', $1, false)`;

/** The plan of a statement the user typed, never executed: its estimate is what safeguards read. */
export function explainPlanOnly(statementText: string): string {
  return `EXPLAIN (FORMAT JSON) ${statementText}`;
}

/** Around the estimate inside the user's transaction, so a failing EXPLAIN does not fail it. */
export const estimateSavepoint = sql`SAVEPOINT pgdesk_estimate`;
export const estimateRelease = sql`RELEASE SAVEPOINT pgdesk_estimate`;
export const estimateRollback = sql`ROLLBACK TO SAVEPOINT pgdesk_estimate`;
export const beginTransaction = sql`BEGIN`;
export const commitTransaction = sql`COMMIT`;
export const rollbackTransaction = sql`ROLLBACK`;
