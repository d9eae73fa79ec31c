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

/**
 * A cursor that keeps each DataRow's field array as pg's protocol parser made it (text
 * or null): with every type parser returning its input, Result.parseRow would only copy it.
 */
export class RawTextCursor extends Cursor<unknown[]> {
  constructor(text: string) {
    super(text, undefined, { rowMode: "array", types: RAW_TEXT_TYPES });
  }

  handleDataRow(msg: { fields: Array<string | null> }): void {
    (this as unknown as { _rows: unknown[] })._rows.push(msg.fields);
  }
}

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
  const cursor = client.query(new RawTextCursor(stmt.text));
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
    const read = (want: number) => {
      const p = cursor.read(want) as Promise<Array<Array<string | null>>>;
      p.catch(() => undefined); // awaited below; a prefetch dropped by an error must not go unhandled
      return { p, want };
    };
    // one row past the cap tells a result that is exactly cap rows long from a longer one
    const wantFor = (returned: number) => Math.min(BATCH_ROWS, (options.rowCap === null ? Infinity : options.rowCap - returned) + 1);
    let pending = read(wantFor(0));
    for (let first = true; ; first = false) {
      const remaining = options.rowCap === null ? Infinity : options.rowCap - rowsReturned;
      const { want } = pending;
      const rows = await pending.p;
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
      const done = truncated || rows.length < want;
      // ask the server for the next batch before packing this one, so both work at once
      if (!done) pending = read(wantFor(rowsReturned + rows.length));
      if (batch.length > 0) {
        options.sink.rows(packRows(batch, columns.length));
        rowsReturned += batch.length;
      }
      if (done) break;
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
