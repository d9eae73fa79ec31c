import type pg from "pg";
import { AppError } from "../../shared/contract";
import { parseStatements, type ParsedStatement } from "./sql-parser";

/**
 * libpq `options` for every session of a read-only profile: the server itself makes
 * each transaction read-only unless a statement changes that.
 */
export const readOnlySessionOptions = "-c default_transaction_read_only=on";

/** Session statements that could lift read-only mode; refused before they reach the server. */
const READ_ONLY_SETTINGS =
  /^(default_transaction_read_only|transaction_read_only|session_authorization|role)$/i;

/**
 * Runs user SQL for a read-only profile so no write can get through: each statement
 * alone (extended protocol: one statement per message, so `COMMIT; DELETE` cannot
 * smuggle a second one), inside BEGIN READ ONLY, always rolled back (which also undoes
 * any set_config() a function call made). Transaction control is refused.
 */
export async function runReadOnly(client: pg.ClientBase, sqlText: string): Promise<pg.QueryResult[]> {
  const statements = await parseStatements(sqlText);
  for (const st of statements) refuseEscapes(st);
  const results: pg.QueryResult[] = [];
  for (const st of statements) {
    await client.query("BEGIN READ ONLY");
    try {
      results.push(await client.query({ text: st.text, queryMode: "extended" } as pg.QueryConfig));
    } finally {
      await client.query("ROLLBACK");
    }
  }
  return results;
}

function refuseEscapes(st: ParsedStatement): void {
  if (st.kind === "transaction") {
    throw new AppError(
      "VALIDATION",
      `This profile is read-only: transaction control (${st.text.slice(0, 40)}) is not allowed`,
    );
  }
  if (st.node === "VariableSetStmt") {
    const body = st.tree.VariableSetStmt as { name?: string; kind?: string };
    if (
      !body.name ||
      READ_ONLY_SETTINGS.test(body.name) ||
      body.name.startsWith("SESSION CHARACTERISTICS") ||
      body.name.startsWith("TRANSACTION")
    ) {
      throw new AppError("VALIDATION", `This profile is read-only: ${st.text.slice(0, 60)} is not allowed`);
    }
  }
}

/** What needsConfirmation() looks at: the profile's environment tag. */
export interface ConfirmationProfile {
  tag?: string | undefined;
  readOnly?: boolean | undefined;
}

export interface ConfirmationNeed {
  /** Why, one line per statement that needs it. */
  reasons: string[];
}

/**
 * Whether the user must confirm before running this SQL: on production-tagged
 * profiles every write or DDL statement; on any profile DELETE/UPDATE without
 * WHERE, DROP and TRUNCATE. Undefined when nothing needs confirming.
 */
export async function needsConfirmation(
  sqlText: string,
  profile: ConfirmationProfile,
): Promise<ConfirmationNeed | undefined> {
  const statements = await parseStatements(sqlText);
  const reasons: string[] = [];
  for (const st of statements) {
    const head = st.text.length > 60 ? `${st.text.slice(0, 57)}...` : st.text;
    if (st.destructive) reasons.push(`destructive: ${head}`);
    else if (profile.tag === "production" && (st.kind === "write" || st.kind === "ddl")) {
      reasons.push(`${st.kind === "ddl" ? "changes objects" : "writes"} on production: ${head}`);
    }
  }
  return reasons.length ? { reasons } : undefined;
}
