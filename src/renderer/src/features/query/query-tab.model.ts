import type { RunMode, StatementResult } from "../../../../shared/contract/query";
import type { RunRequest, StatementView } from "./run-controller";
import type { QueryTabState } from "./query-tabs.store";

/** What a run or an EXPLAIN applies to: the whole script, the selection, or the statement at the caret. */
export interface RunTarget {
  mode: RunMode;
  cursorOffset?: number;
  selection?: { start: number; end: number };
}

/** A run of the tab with its own settings; `rowCap: null` loads every row. */
export function runRequest(
  tab: QueryTabState,
  target: RunTarget,
  override: { sql?: string; rowCap?: number | null } = {},
): RunRequest {
  return {
    sql: override.sql ?? tab.sql,
    ...target,
    rowCap: override.rowCap === undefined ? tab.rowCap : override.rowCap,
    statementTimeoutMs: tab.timeoutSeconds * 1000,
  };
}

/** The text EXPLAIN gets: the one statement pointed at, or several joined as a script. */
export function explainSql(statements: Array<{ text: string }>): string {
  return statements.length === 1 ? statements[0]!.text : statements.map((s) => s.text).join(";\n");
}

/** A statement picked from history or snippets goes after the script, a blank line between. */
export function appendToScript(script: string, sql: string): string {
  return script.trim() ? `${script.replace(/\s*$/, "")}\n\n${sql}` : sql;
}

export interface EditorMarker {
  /** 0-based offset in the editor text. */
  offset: number;
  message: string;
}

/** The first failed statement whose error has a place in the editor text, for the red squiggle. */
export function errorMarker(results: StatementView[]): EditorMarker | undefined {
  const failed = results.find((r) => r.result?.error?.editorOffset !== undefined)?.result?.error;
  return failed ? { offset: failed.editorOffset!, message: failed.message } : undefined;
}

/** A statement's text as it was run (the script may have been edited since). */
export function ranText(lastRunSql: string | undefined, script: string, r: StatementResult): string {
  return (lastRunSql ?? script).slice(r.start, r.end);
}
