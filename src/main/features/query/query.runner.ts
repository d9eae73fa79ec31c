import { AppError } from "../../../shared/contract";
import type {
  PackedBatch,
  ResultColumn,
  RunMode,
  RunSummary,
  StatementResult,
} from "../../../shared/contract/query";
import type { Emit } from "../handler-types";
import type { ParsedStatement } from "../../db/sql-parser";
import type { FieldLike } from "./column-types";
import type { QuerySession } from "./query-session";
import { setStatementTimeout } from "./query.sql";
import { readOnlyRefusal } from "./read-only.guard";
import { selectStatements } from "./statement-selection";
import { guardStatement, type SessionPolicy } from "./statement.guard";
import { runStatement } from "./statement.runner";
import { beginIfIdle } from "./transaction-mode";

export interface RunInput {
  runId: string;
  sql: string;
  mode: RunMode;
  cursorOffset?: number | undefined;
  selection?: { start: number; end: number } | undefined;
  rowCap: number | null;
  statementTimeoutMs?: number | undefined;
  /** false: manual mode (a transaction opens before the first statement that can run in one). */
  autocommit?: boolean | undefined;
  /** The user's yes to statements the safeguards stopped earlier. */
  confirmations?: readonly string[] | undefined;
}

export interface RunDeps {
  emit: Emit;
  typeNames(fields: readonly FieldLike[]): Promise<string[]>;
  /** The safeguards of the session's profile (by its environment tag). */
  policy: SessionPolicy;
}

/** What a run did besides its statements' results. */
interface RunState {
  results: StatementResult[];
  transactionBegun: boolean;
}

/**
 * Runs the chosen statements of the editor text on the tab's session, one result per
 * statement, stopping at the first error or a cancel.
 */
export async function runOnSession(
  session: QuerySession,
  input: RunInput,
  deps: RunDeps,
): Promise<RunSummary> {
  if (session.running)
    throw new AppError("CONFLICT", "A statement is still running in this tab; cancel it or wait");
  const started = performance.now();
  session.running = { runId: input.runId, cancelRequested: false };
  const state: RunState = { results: [], transactionBegun: false };
  let statements: ParsedStatement[] = [];
  const stopWatching = session.watch();
  try {
    try {
      statements = await selectStatements(input);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "VALIDATION" || err.extra.position === undefined)
        throw err;
      state.results.push(syntaxErrorResult(err));
      return summary(session, input.runId, state, 0, false, started);
    }
    await applyTimeout(session, input.statementTimeoutMs);
    await runStatements(session, statements, input, deps, state);
    if (!session.closed) await session.settle();
    const cancelled = session.running.cancelRequested;
    const skipped = statements.length - state.results.filter((r) => !r.confirmation).length;
    return summary(session, input.runId, state, skipped, cancelled, started);
  } catch (err) {
    // lost between statements (SET statement_timeout, the settle round trip)
    if (session.closed && session.lostBecause !== undefined && !(err instanceof AppError))
      throw new AppError("CONNECTION", session.lossMessage());
    throw err;
  } finally {
    stopWatching();
    session.running = undefined;
    session.lastUsed = Date.now();
  }
}

/**
 * The statements one after another: each is refused (read-only), stopped for the user's
 * yes (safeguards), or run, inside a transaction main opens first in manual mode; the
 * first error, question or cancel ends the run.
 */
async function runStatements(
  session: QuerySession,
  statements: ParsedStatement[],
  input: RunInput,
  deps: RunDeps,
  state: RunState,
): Promise<void> {
  const inTransaction = input.autocommit === false || deps.policy.policy.alwaysInTransaction;
  for (const [i, stmt] of statements.entries()) {
    if (session.running?.cancelRequested || session.closed) break;
    const refusal = session.readOnly ? readOnlyRefusal(stmt) : undefined;
    if (refusal) {
      state.results.push(refused(stmt, i, refusal));
      break;
    }
    const question = await guardStatement(session, stmt, deps.policy, input.confirmations ?? []);
    if (question) {
      const result = { ...notRun(stmt, i), confirmation: question };
      state.results.push(result);
      deps.emit("query:didFinishStatement", { sessionId: session.id, runId: input.runId, result });
      break;
    }
    if (inTransaction && !session.readOnly && (await beginIfIdle(session, stmt)))
      state.transactionBegun = true;
    const sentAt = Date.now();
    const result = lostConnection(session, await runOne(session, stmt, i, input, deps));
    if (!session.closed) session.noteTransaction(sentAt);
    state.results.push(result);
    deps.emit("query:didFinishStatement", { sessionId: session.id, runId: input.runId, result });
    if (result.error) break;
  }
}

/** pg's "Connection terminated unexpectedly" says neither what happened to the statement nor what to do next. */
function lostConnection(session: QuerySession, result: StatementResult): StatementResult {
  if (
    !result.error ||
    result.error.sqlState !== undefined ||
    !session.closed ||
    session.lostBecause === undefined
  )
    return result;
  return {
    ...result,
    error: {
      code: "CONNECTION",
      message: session.lossMessage(),
      ...(result.error.editorOffset !== undefined ? { editorOffset: result.error.editorOffset } : {}),
    },
  };
}

/**
 * A read-only profile's statement runs alone inside BEGIN READ ONLY and is always rolled
 * back, so neither a write nor a function's set_config() outlives it.
 */
async function runOne(
  session: QuerySession,
  stmt: ParsedStatement,
  i: number,
  input: RunInput,
  deps: RunDeps,
): Promise<StatementResult> {
  const options = {
    rowCap: input.rowCap,
    typeNames: deps.typeNames,
    sink: {
      columns: (columns: ResultColumn[]) =>
        deps.emit("query:didStartResult", { sessionId: session.id, runId: input.runId, index: i, columns }),
      rows: (batch: PackedBatch) =>
        deps.emit("query:didReceiveRows", { sessionId: session.id, runId: input.runId, index: i, batch }),
    },
  };
  if (!session.readOnly) return runStatement(session.client, stmt, i, options);
  await session.client.query("BEGIN READ ONLY");
  try {
    return await runStatement(session.client, stmt, i, options);
  } finally {
    if (!session.closed) await session.client.query("ROLLBACK");
  }
}

async function applyTimeout(session: QuerySession, timeoutMs: number | undefined): Promise<void> {
  if (timeoutMs === undefined || timeoutMs === session.appliedTimeoutMs) return;
  // in a failed transaction nothing runs; try again on the next run
  if (session.transactionState() === "failed") return;
  await session.client.query(setStatementTimeout, [String(timeoutMs)]);
  session.appliedTimeoutMs = timeoutMs;
}

function summary(
  session: QuerySession,
  runId: string,
  state: RunState,
  skipped: number,
  cancelled: boolean,
  started: number,
): RunSummary {
  return {
    runId,
    results: state.results,
    transactionState: session.transactionState(),
    durationMs: performance.now() - started,
    skipped,
    cancelled,
    transactionAgeMs: session.transactionAgeMs(),
    transactionBegun: state.transactionBegun,
  };
}

function syntaxErrorResult(err: AppError): StatementResult {
  const position = err.extra.position ?? 1;
  return {
    index: 0,
    start: 0,
    end: 0,
    sql: "",
    kind: "unknown",
    command: null,
    columns: [],
    rowsReturned: 0,
    rowCount: null,
    truncated: false,
    durationMs: 0,
    error: {
      code: "PG_ERROR",
      message: err.message,
      sqlState: "42601",
      position,
      editorOffset: position - 1,
    },
  };
}

/** A statement that did not run (refused, or waiting for the user's yes). */
function notRun(stmt: ParsedStatement, index: number): StatementResult {
  return {
    index,
    start: stmt.start,
    end: stmt.end,
    sql: stmt.text.slice(0, 500),
    kind: stmt.kind,
    command: null,
    columns: [],
    rowsReturned: 0,
    rowCount: null,
    truncated: false,
    durationMs: 0,
  };
}

function refused(stmt: ParsedStatement, index: number, message: string): StatementResult {
  return { ...notRun(stmt, index), error: { code: "UNSUPPORTED", message, editorOffset: stmt.start } };
}
