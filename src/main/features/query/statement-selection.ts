import { scan } from "libpg-query";
import type { RunMode } from "../../../shared/contract/query";
import { AppError } from "../../../shared/contract";
import { byteToCharOffset, parseStatements, type ParsedStatement } from "../../db/sql-parser";

export interface SelectionInput {
  sql: string;
  mode: RunMode;
  cursorOffset?: number | undefined;
  selection?: { start: number; end: number } | undefined;
}

/**
 * The statements a run executes, with offsets in the editor's whole text. A syntax error
 * surfaces as a VALIDATION AppError whose position is 1-based in the editor's text.
 */
export async function selectStatements(input: SelectionInput): Promise<ParsedStatement[]> {
  const { sql, mode } = input;
  if (mode === "selection") {
    const sel = input.selection;
    if (!sel || sel.end <= sel.start)
      throw new AppError("VALIDATION", "Select some SQL to run", { field: "selection" });
    const start = Math.min(sel.start, sql.length);
    const end = Math.min(sel.end, sql.length);
    return shift(await parseAt(sql.slice(start, end), start), start);
  }
  if (mode === "statement-at-cursor") return statementAtCursor(sql, input.cursorOffset ?? 0);
  return parseStatements(sql);
}

async function statementAtCursor(sql: string, cursor: number): Promise<ParsedStatement[]> {
  let all: ParsedStatement[];
  try {
    all = await parseStatements(sql);
  } catch (err) {
    // another statement of the script is broken: cut the text at the scanner's
    // semicolons and parse only the piece under the caret
    const chunk = await chunkAtCursor(sql, cursor);
    if (!chunk) throw err;
    return shift(await parseAt(sql.slice(chunk.start, chunk.end), chunk.start), chunk.start);
  }
  const picked = pickAt(all, cursor);
  return picked ? [picked] : [];
}

/** The statement containing the caret, else the one before it, else the first. */
export function pickAt<T extends { start: number; end: number }>(
  statements: T[],
  cursor: number,
): T | undefined {
  let before: T | undefined;
  for (const s of statements) {
    if (cursor >= s.start && cursor <= s.end) return s;
    if (s.start <= cursor) before = s;
  }
  return before ?? statements[0];
}

async function chunkAtCursor(
  sql: string,
  cursor: number,
): Promise<{ start: number; end: number } | undefined> {
  let tokens: Array<{ start: number; end: number; text: string }>;
  try {
    tokens = (await scan(sql)).tokens;
  } catch {
    return undefined; // unterminated quote or comment: nothing sensible to cut
  }
  const chunks: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (const t of tokens) {
    if (t.text !== ";") continue;
    const semi = byteToCharOffset(sql, t.start);
    chunks.push({ start, end: semi });
    start = semi + 1;
  }
  chunks.push({ start, end: sql.length });
  const nonEmpty = chunks.filter((c) => sql.slice(c.start, c.end).trim() !== "");
  const trimmed = nonEmpty.map((c) => {
    const text = sql.slice(c.start, c.end);
    const lead = text.length - text.trimStart().length;
    return { start: c.start + lead, end: c.start + text.trimEnd().length };
  });
  return pickAt(trimmed, cursor);
}

/** Parses a piece of the editor text, reporting a syntax error's position in the whole text. */
async function parseAt(piece: string, offset: number): Promise<ParsedStatement[]> {
  try {
    return await parseStatements(piece);
  } catch (err) {
    if (err instanceof AppError && err.extra.position !== undefined) {
      throw new AppError(err.code, err.message, { ...err.extra, position: err.extra.position + offset });
    }
    throw err;
  }
}

function shift(statements: ParsedStatement[], offset: number): ParsedStatement[] {
  return statements.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset }));
}
