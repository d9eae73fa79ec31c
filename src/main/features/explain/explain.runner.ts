import type pg from "pg";
import { AppError } from "../../../shared/contract";
import type { ExplainOptions, ExplainResult } from "../../../shared/contract/explain";
import { parseExplainJson } from "../../../shared/explain/formats/value-types";
import { buildPlanModels } from "../../../shared/explain/plan.builder";
import { serverVersion } from "../../db/server-version";
import { joinSql, sql, userSql, type Sql } from "../../db/sql";
import { statementToExplain } from "./explain.guard";
import { cancelBackend, setLocalStatementTimeout, unlockAllAdvisory } from "./explain.sql";

export const DEFAULT_EXPLAIN_TIMEOUT_MS = 60_000;

const asText = (value: string) => value;

/** One run's outcome; the handler adds its place in plan history. */
export type ExplainRun = Omit<ExplainResult, "history">;

export interface ExplainRequest {
  sql: string;
  options: ExplainOptions;
  timeoutMs?: number;
  /** The profile is read-only: run in BEGIN READ ONLY. */
  readOnly: boolean;
  signal?: AbortSignal;
}

const ROLLBACK_WARNINGS = [
  "The statement really ran, inside BEGIN … ROLLBACK: its row changes were undone, but its triggers fired and it held its locks while running.",
  "A rollback does not undo sequence increments (nextval, serial and identity defaults keep the values they handed out).",
  "Effects outside the database are not undone: dblink or foreign-table writes to other servers, COPY … TO PROGRAM, files or mail sent by functions.",
  "Session-level advisory locks (pg_advisory_lock) survive a rollback; pgdesk releases them and closes the connection after the run, but other sessions could not take them while it ran.",
];

/**
 * EXPLAIN (FORMAT JSON) of one statement, safe by default: the statement is checked by
 * the real parser, then run on a dedicated connection inside BEGIN ... ROLLBACK with a
 * local statement_timeout, sent with the extended protocol (which refuses a second
 * statement even if one slipped through), and the connection is discarded afterwards so
 * nothing the statement did to the session outlives the run.
 */
export async function runExplain(pool: pg.Pool, req: ExplainRequest): Promise<ExplainRun> {
  const stmt = await statementToExplain(req.sql);
  const { options } = req;
  if ((options.wal || options.serialize) && !options.analyze) {
    throw new AppError(
      "VALIDATION",
      `${options.wal ? "WAL" : "SERIALIZE"} needs ANALYZE: turn on ANALYZE or turn the option off.`,
      { field: "options" },
    );
  }
  // asked before taking a connection: the pool's first ask needs a free one of its own
  const version = (await serverVersion(pool)).num;
  if ((options.serialize || options.memory) && version < 170000) {
    throw new AppError(
      "UNSUPPORTED",
      `${options.serialize ? "SERIALIZE" : "MEMORY"} needs PostgreSQL 17 or newer; this server is ${formatVersion(version)}.`,
      { field: "options" },
    );
  }
  const ranAt = new Date().toISOString();
  const client = await pool.connect();
  let broken: Error | undefined;
  const onAbort = () =>
    void pool
      .query(cancelBackend, [(client as unknown as { processID: number }).processID])
      .catch(() => undefined);
  req.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const prefix = sql`EXPLAIN (${explainOptionList(options)}) `;
    const explainSql = sql`${prefix}${userSql(stmt.text)}`;
    await client.query(req.readOnly ? "BEGIN READ ONLY" : "BEGIN");
    try {
      await client.query(setLocalStatementTimeout, [String(req.timeoutMs ?? DEFAULT_EXPLAIN_TIMEOUT_MS)]);
      let rows: Array<Record<string, string>>;
      try {
        // the JSON as text: a 64-bit Query Identifier does not survive JSON.parse
        const config = { text: explainSql, queryMode: "extended", types: { getTypeParser: () => asText } };
        rows = (await client.query(config as pg.QueryConfig)).rows as Array<Record<string, string>>;
      } catch (err) {
        throw shiftPosition(err, prefix.length, stmt.start);
      }
      const rawText = rows[0]?.["QUERY PLAN"] ?? "[]";
      const raw = parseExplainJson(rawText);
      const plans = buildPlanModels(raw, "json");
      return {
        raw,
        rawText,
        plan: plans[0]!,
        plans,
        sql: stmt.text,
        options,
        ranAt,
        explainSql,
        statementKind: stmt.kind,
        rolledBack: options.analyze,
        readOnly: req.readOnly,
        serverVersionNum: version,
        warnings: options.analyze ? ROLLBACK_WARNINGS : [],
      };
    } finally {
      try {
        await client.query("ROLLBACK");
        await client.query(unlockAllAdvisory);
      } catch (err) {
        broken = err as Error;
      }
    }
  } catch (err) {
    if (req.signal?.aborted) throw new AppError("CANCELLED", "The EXPLAIN was cancelled.");
    throw err;
  } finally {
    req.signal?.removeEventListener("abort", onAbort);
    // always discard: advisory locks, prepared statements or settings the statement left behind go with it
    client.release(broken ?? true);
  }
}

export function explainOptionList(o: ExplainOptions): Sql {
  const parts = [
    o.analyze ? sql`ANALYZE true` : sql`ANALYZE false`,
    o.buffers ? sql`BUFFERS true` : sql`BUFFERS false`,
  ];
  if (o.verbose) parts.push(sql`VERBOSE true`);
  if (o.settings) parts.push(sql`SETTINGS true`);
  if (o.wal) parts.push(sql`WAL true`);
  if (o.serialize) parts.push(sql`SERIALIZE TEXT`);
  if (o.memory) parts.push(sql`MEMORY true`);
  parts.push(sql`FORMAT JSON`);
  return joinSql(parts, sql`, `);
}

/** The server counts positions in what pgdesk sent; the user needs them in what they typed. */
function shiftPosition(err: unknown, prefixLength: number, statementStart: number): unknown {
  const e = err as { position?: unknown };
  if (e && typeof e === "object" && typeof e.position === "string") {
    const p = Number.parseInt(e.position, 10) - prefixLength;
    e.position = p > 0 ? String(p + statementStart) : undefined;
  }
  return err;
}

function formatVersion(num: number): string {
  return `${Math.floor(num / 10000)}.${num % 10000}`;
}
