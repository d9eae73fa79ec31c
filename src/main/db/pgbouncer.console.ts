import type pg from "pg";
import { AppError } from "../../shared/contract";
import { quoteIdent, sql, type Sql } from "./sql";

/**
 * PgBouncer's admin console: a session to the virtual database "pgbouncer" that takes
 * SHOW / PAUSE / RESUME / RELOAD in the simple query protocol only. Results stay text
 * (PgBouncer versions differ in columns; callers pick what they know by name).
 */
export const SHOW_TOPICS = [
  "VERSION",
  "POOLS",
  "CLIENTS",
  "SERVERS",
  "STATS",
  "CONFIG",
  "DATABASES",
] as const;
export type ShowTopic = (typeof SHOW_TOPICS)[number];

const SHOW_SQL: Record<ShowTopic, Sql> = {
  VERSION: sql`SHOW VERSION`,
  POOLS: sql`SHOW POOLS`,
  CLIENTS: sql`SHOW CLIENTS`,
  SERVERS: sql`SHOW SERVERS`,
  STATS: sql`SHOW STATS`,
  CONFIG: sql`SHOW CONFIG`,
  DATABASES: sql`SHOW DATABASES`,
};

export interface TextTable {
  columns: string[];
  rows: Array<Array<string | null>>;
}

/** Every value as PgBouncer sent it: no type parsing (its bigint counters overflow JS numbers). */
const rawText = { getTypeParser: () => (value: string) => value };

const DEFAULT_TIMEOUT_MS = 5_000;

/** One SHOW command; a query without parameters goes out as a simple Query message. */
export async function show(
  client: pg.Client,
  topic: ShowTopic,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<TextTable> {
  const result = await run(client, SHOW_SQL[topic], timeoutMs);
  return {
    columns: result.fields.map((f) => f.name),
    rows: (result.rows as unknown[][]).map((r) => r.map((v) => (v === null ? null : String(v)))),
  };
}

export type ConsoleCommand = "PAUSE" | "RESUME" | "RELOAD";

const COMMAND_SQL: Record<ConsoleCommand, Sql> = {
  PAUSE: sql`PAUSE`,
  RESUME: sql`RESUME`,
  RELOAD: sql`RELOAD`,
};

/**
 * PAUSE/RESUME for every database or one, RELOAD for the config file. The database name
 * is checked against the names SHOW DATABASES lists before it is sent, and quoted.
 */
export async function command(
  client: pg.Client,
  cmd: ConsoleCommand,
  database?: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<string> {
  if (cmd === "RELOAD" && database)
    throw new AppError("VALIDATION", "database: RELOAD applies to the whole pooler");
  if (database) {
    const known = (await show(client, "DATABASES", timeoutMs)).rows.map((r) => r[0]);
    if (!known.includes(database))
      throw new AppError("NOT_FOUND", `database: PgBouncer has no database "${database}"`, {
        field: "database",
      });
  }
  const text = database ? sql`${COMMAND_SQL[cmd]} ${quoteIdent(database)}` : COMMAND_SQL[cmd];
  const result = await run(client, text, timeoutMs);
  return result.command || cmd;
}

async function run(client: pg.Client, text: Sql, timeoutMs: number): Promise<pg.QueryResult> {
  try {
    return await client.query({
      text,
      rowMode: "array",
      types: rawText,
      query_timeout: timeoutMs,
    } as pg.QueryConfig);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (/timeout/i.test(e.message))
      throw new AppError("CONNECTION", `PgBouncer did not answer ${text} within ${timeoutMs / 1000} s`);
    throw new AppError(e.code ? "PG_ERROR" : "CONNECTION", `PgBouncer: ${text}: ${e.message}`, {
      ...(e.code ? { sqlState: e.code } : {}),
    });
  }
}

/** A column of a SHOW result by name (undefined when this version does not have it). */
export function column(table: TextTable, name: string): number | undefined {
  const i = table.columns.indexOf(name);
  return i < 0 ? undefined : i;
}

/** The rows as objects keyed by column name. */
export function records(table: TextTable): Array<Record<string, string | null>> {
  return table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i] ?? null])));
}
