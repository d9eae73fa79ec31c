import Cursor from "pg-cursor";
import type pg from "pg";
import type { PackedBatch, ResultColumn, StatementResult } from "../../../shared/contract/query";
import type { ParsedStatement } from "../../db/sql-parser";
import { toApiError } from "../../ipc/to-api-error";
import type { FieldLike } from "./column-types";
import { packRows } from "./row-batch.packer";

/** Every value stays the server's text: numeric, int8, timestamptz, bytea (\x hex) unconverted. */
export const RAW_TEXT_TYPES = { getTypeParser: () => (value: string) => value };

export const BATCH_ROWS = 1000;

export interface StatementSink {
  columns(columns: ResultColumn[]): void;
  rows(batch: PackedBatch): void;
}

export interface RunStatementOptions {
  rowCap: number | null;
  /** Resolves type names of the result's columns. */
  typeNames(fields: readonly FieldLike[]): Promise<string[]>;
  sink: StatementSink;
}

interface CursorResult {
  fields: Array<{ name: string; dataTypeID: number; dataTypeModifier: number }>;
  command: string | null;
  rowCount: number | null;
}

/**
 * Runs one statement through a server-side portal, reading ~1000 rows at a time so
 * neither main nor the renderer ever holds more than a batch in flight, and stopping
 * (closing the portal) at the soft row cap.
 */
export async function runStatement(
  client: pg.Client,
  stmt: ParsedStatement,
  index: number,
  options: RunStatementOptions,
): Promise<StatementResult> {
  const started = performance.now();
  const cursor = client.query(new Cursor<unknown[]>(stmt.text, undefined, { rowMode: "array", types: RAW_TEXT_TYPES }));
  const result = (cursor as unknown as { _result: CursorResult })._result;
  let columns: ResultColumn[] = [];
  let rowsReturned = 0;
  let truncated = false;
  const base = {
    index,
    start: stmt.start,
    end: stmt.end,
    sql: stmt.text.length > 500 ? `${stmt.text.slice(0, 500)}…` : stmt.text,
    kind: stmt.kind,
  };
  try {
    for (let first = true; ; first = false) {
      const remaining = options.rowCap === null ? Infinity : options.rowCap - rowsReturned;
      // one row past the cap tells a result that is exactly cap rows long from a longer one
      const want = Math.min(BATCH_ROWS, remaining + 1);
      const rows = (await cursor.read(want)) as Array<Array<string | null>>;
      if (first && result.fields.length > 0) {
        const names = await options.typeNames(result.fields);
        columns = result.fields.map((f, i) => ({ name: f.name, typeOid: f.dataTypeID, typeName: names[i]! }));
        options.sink.columns(columns);
      }
      let batch = rows;
      if (rows.length > remaining) {
        truncated = true;
        batch = rows.slice(0, remaining);
      }
      if (batch.length > 0) {
        options.sink.rows(packRows(batch, columns.length));
        rowsReturned += batch.length;
      }
      if (truncated || rows.length < want) break;
    }
    if (truncated) await cursor.close();
    return {
      ...base,
      command: truncated ? "SELECT" : result.command,
      columns,
      rowsReturned,
      // a portal read in pieces tags only its last piece's rows; count what was streamed
      rowCount: truncated ? null : columns.length > 0 ? rowsReturned : result.rowCount,
      truncated,
      durationMs: performance.now() - started,
    };
  } catch (err) {
    const error = toApiError(err);
    return {
      ...base,
      command: result.command,
      columns,
      rowsReturned,
      rowCount: null,
      truncated,
      durationMs: performance.now() - started,
      error: { ...error, ...(error.position !== undefined ? { editorOffset: statementToEditorOffset(stmt, error.position) } : {}) },
    };
  }
}

/** The server counts a 1-based position in characters (code points) of the statement it ran. */
export function statementToEditorOffset(stmt: { text: string; start: number }, position: number): number {
  let units = 0;
  let chars = 0;
  for (const ch of stmt.text) {
    if (chars >= position - 1) break;
    units += ch.length;
    chars++;
  }
  return stmt.start + units;
}
