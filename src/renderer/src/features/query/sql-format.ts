import { format } from "sql-formatter";
import { SqlLexError, sameTokens, tokenize } from "./sql-tokens";

export type FormatOutcome = { ok: true; text: string } | { ok: false; message: string };

export interface FormatOptions {
  tabWidth?: number;
}

/**
 * Formats PostgreSQL with sql-formatter, then proves that only layout changed: the
 * result must lex to the same tokens (words compared as the server folds them, strings,
 * dollar-quoted bodies and quoted identifiers byte for byte, comments by their words).
 * Anything else is refused with a reason rather than applied.
 */
export function formatSql(sql: string, options: FormatOptions = {}): FormatOutcome {
  if (!sql.trim()) return { ok: true, text: sql };
  let before;
  try {
    before = tokenize(sql);
  } catch (err) {
    if (err instanceof SqlLexError) return { ok: false, message: `Not formatted: ${err.message}` };
    throw err;
  }
  let formatted: string;
  try {
    formatted = format(sql, {
      language: "postgresql",
      tabWidth: options.tabWidth ?? 2,
      keywordCase: "preserve",
      linesBetweenQueries: 1,
    });
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
    return {
      ok: false,
      message: `Not formatted: the formatter does not understand this SQL (${reason.slice(0, 200)})`,
    };
  }
  let after;
  try {
    after = tokenize(formatted);
  } catch (err) {
    if (err instanceof SqlLexError)
      return { ok: false, message: "Not formatted: formatting would change the meaning of this SQL" };
    throw err;
  }
  const check = sameTokens(before, after);
  if (!check.same) {
    const near = check.at ? ` near ${JSON.stringify(check.at.text.slice(0, 40))}` : "";
    return { ok: false, message: `Not formatted: formatting would change the meaning of this SQL${near}` };
  }
  // keep the user's trailing line break (or its absence)
  const trailing = /\s*$/.exec(sql)?.[0].includes("\n") ? "\n" : "";
  return { ok: true, text: formatted.replace(/\s+$/, "") + trailing };
}
