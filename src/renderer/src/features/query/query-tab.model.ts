import type { RunMode, StatementResult } from "../../../../shared/contract/query";
import type { TabLastRun } from "../../../../shared/contract/tabs";
import type { RunRequest, StatementView } from "./run-controller";
import { textDigest, type EditorTab } from "./tab-state.model";

/** What a run or an EXPLAIN applies to: the whole script, the selection, or the statement at the caret. */
export interface RunTarget {
  mode: RunMode;
  cursorOffset?: number;
  selection?: { start: number; end: number };
}

/** A run of the tab with its own settings; `rowCap: null` loads every row. */
export function runRequest(
  tab: Pick<EditorTab, "sql" | "rowCap" | "timeoutSeconds" | "autocommit">,
  target: RunTarget,
  override: { sql?: string; rowCap?: number | null } = {},
): RunRequest {
  return {
    sql: override.sql ?? tab.sql,
    ...target,
    rowCap: override.rowCap === undefined ? tab.rowCap : override.rowCap,
    statementTimeoutMs: tab.timeoutSeconds * 1000,
    autocommit: tab.autocommit,
  };
}

/** What the tab remembers of a run of its own text, to run it again after a reload. */
export function lastRunOf(sql: string, target: RunTarget, at: Date): TabLastRun {
  return {
    mode: target.mode,
    ...(target.cursorOffset !== undefined ? { cursorOffset: target.cursorOffset } : {}),
    ...(target.selection ? { selection: target.selection } : {}),
    digest: textDigest(sql),
    at: at.toISOString(),
  };
}

/**
 * The run to repeat after a reload: the same target when the text is as it was, else the
 * statement at the remembered caret (clamped to the text).
 */
export function rerunTarget(lastRun: TabLastRun, sql: string): RunTarget {
  if (lastRun.digest === textDigest(sql) || lastRun.mode === "all") {
    return {
      mode: lastRun.mode,
      ...(lastRun.cursorOffset !== undefined ? { cursorOffset: lastRun.cursorOffset } : {}),
      ...(lastRun.selection ? { selection: lastRun.selection } : {}),
    };
  }
  const at = lastRun.cursorOffset ?? lastRun.selection?.start ?? 0;
  return { mode: "statement-at-cursor", cursorOffset: Math.min(at, sql.length) };
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
