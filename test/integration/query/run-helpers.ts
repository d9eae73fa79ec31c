import type { PayloadOf } from "../../../src/shared/contract";
import type { RunSummary } from "../../../src/shared/contract/query";
import { ResultData } from "../../../src/shared/query/result-data";
import type { TestApp } from "../../harness/app";

let counter = 0;

export interface RunOutcome {
  summary: RunSummary;
  /** Rows of each statement as the renderer decodes them. */
  data: ResultData[];
}

/** Runs SQL on a session and decodes the streamed rows exactly as the renderer does. */
export async function runSql(
  app: TestApp,
  sessionId: string,
  sql: string,
  extra: {
    mode?: "all" | "selection" | "statement-at-cursor";
    cursorOffset?: number;
    selection?: { start: number; end: number };
    rowCap?: number | null;
    statementTimeoutMs?: number;
    autocommit?: boolean;
    confirmations?: string[];
  } = {},
): Promise<RunOutcome> {
  const runId = `run${++counter}`;
  const from = app.events.length;
  const summary = await app.call("query:run", { sessionId, runId, sql, ...extra });
  const data: ResultData[] = [];
  for (const e of app.events.slice(from)) {
    if (e.event === "query:didStartResult") {
      const p = e.payload as PayloadOf<"query:didStartResult">;
      if (p.runId === runId) data[p.index] = new ResultData(p.columns);
    } else if (e.event === "query:didReceiveRows") {
      const p = e.payload as PayloadOf<"query:didReceiveRows">;
      if (p.runId === runId) data[p.index]!.append(p.batch);
    }
  }
  return { summary, data };
}

export function allRows(data: ResultData): Array<Array<string | null>> {
  return Array.from({ length: data.rowCount }, (_, r) => data.row(r));
}
