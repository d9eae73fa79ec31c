import type { ParsedStatement } from "../../db/sql-parser";
import type { QuerySession } from "./query-session";
import { beginTransaction } from "./query.sql";

/** Statements PostgreSQL refuses inside a transaction block (psql's AUTOCOMMIT off skips them too). */
const NEVER_IN_TRANSACTION = new Set([
  "TransactionStmt",
  "VacuumStmt",
  "CreatedbStmt",
  "DropdbStmt",
  "CreateTableSpaceStmt",
  "DropTableSpaceStmt",
  "AlterSystemStmt",
  "CreateSubscriptionStmt",
  "DropSubscriptionStmt",
  "AlterSubscriptionStmt",
]);

/** The statement must run outside a transaction, so manual mode opens none before it. */
export function runsOutsideTransaction(stmt: ParsedStatement): boolean {
  if (NEVER_IN_TRANSACTION.has(stmt.node)) return true;
  const body = (stmt.tree[stmt.node] ?? {}) as Record<string, unknown>;
  if (stmt.node === "IndexStmt" || stmt.node === "DropStmt") return body.concurrent === true;
  if (stmt.node === "ReindexStmt") {
    const concurrently = JSON.stringify(body.params ?? []).includes('"concurrently"');
    return concurrently || body.kind === "REINDEX_OBJECT_DATABASE" || body.kind === "REINDEX_OBJECT_SYSTEM";
  }
  if (stmt.node === "ClusterStmt") return body.relation === undefined;
  if (stmt.node === "DiscardStmt") return body.target === "DISCARD_ALL";
  return false;
}

/**
 * Manual mode (and a tag's "always in a transaction"): before a statement that can run in
 * one, an idle session opens a transaction. Returns whether it did.
 */
export async function beginIfIdle(session: QuerySession, stmt: ParsedStatement): Promise<boolean> {
  if (session.transactionState() !== "idle" || runsOutsideTransaction(stmt)) return false;
  const at = Date.now();
  await session.client.query(beginTransaction);
  session.noteTransaction(at);
  return true;
}
