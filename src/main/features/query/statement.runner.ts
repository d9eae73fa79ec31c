import Cursor from "pg-cursor";
import type pg from "pg";
import type { PackedBatch, ResultColumn, StatementResult } from "../../../shared/contract/query";
import type { ParsedStatement } from "../../db/sql-parser";
import { toApiError } from "../../db/to-api-error";
import type { FieldLike } from "./column-types";
import { RawRowPacker } from "./raw-row.packer";
import { rawRowTap } from "./raw-row.tap";
import { packRows } from "./row-batch.packer";

/** Every value stays the server's text: numeric, int8, timestamptz, bytea (\x hex) unconverted. */
export const RAW_TEXT_TYPES = { getTypeParser: () => (value: string) => value };

export const BATCH_ROWS = 1000;

/** A streamed result starts at BATCH_ROWS (the first rows paint at once) and grows to this... */
export const MAX_BATCH_ROWS = 5000;
/** ...while a batch stays under about this many characters, so wide rows keep batches small. */
const BATCH_TEXT_TARGET = 1024 * 1024;

/**
 * Rows to ask for next. Every fetch is a round trip in which the server waits, so fewer,
 * larger fetches are faster; but a batch's rows live until it is packed, and batches much
 * larger than this outgrew V8's young generation and made streaming slower (measured).
 */
export function nextBatchRows(lastWant: number, charsPerRow: number): number {
  const byText = charsPerRow > 0 ? Math.floor(BATCH_TEXT_TARGET / charsPerRow) : MAX_BATCH_ROWS;
  return Math.max(BATCH_ROWS, Math.min(MAX_BATCH_ROWS, lastWant * 2, byText));
}

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

/** What has been streamed so far (also what a failed statement reports). */
interface Streamed {
  columns: ResultColumn[];
  rowsReturned: number;
  truncated: boolean;
}

/**
 * Runs one statement through a server-side portal, reading a batch at a time (see
 * nextBatchRows) so neither main nor the renderer ever holds more than a batch in
 * flight, and stopping (closing the portal) at the soft row cap.
 */
export async function runStatement(
  client: pg.Client,
  stmt: ParsedStatement,
  index: number,
  options: RunStatementOptions,
): Promise<StatementResult> {
  const started = performance.now();
  // rows as wire bytes packed per column (see RawRowPacker); the cursor then sees none
  const tap = rawRowTap(client);
  const packer = tap ? new RawRowPacker() : undefined;
  if (packer) tap!.attach(packer);
  const cursor = client.query(new RawTextCursor(stmt.text));
  const result = (cursor as unknown as { _result: CursorResult })._result;
  const streamed: Streamed = { columns: [], rowsReturned: 0, truncated: false };
  const base = {
    index,
    start: stmt.start,
    end: stmt.end,
    sql: stmt.text.length > 500 ? `${stmt.text.slice(0, 500)}…` : stmt.text,
    kind: stmt.kind,
  };
  try {
    await streamBatches(cursor, result, packer, options, streamed);
    const { columns, rowsReturned, truncated } = streamed;
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
      ...streamed,
      command: result.command,
      rowCount: null,
      durationMs: performance.now() - started,
      error: {
        ...error,
        ...(error.position !== undefined
          ? { editorOffset: statementToEditorOffset(stmt, error.position) }
          : {}),
      },
    };
  } finally {
    tap?.detach();
  }
}

/**
 * The batch loop: the next batch is asked for before this one is packed, so the server
 * and main work at once; one row past the cap tells a result that is exactly cap rows
 * long from a longer one.
 */
async function streamBatches(
  cursor: RawTextCursor,
  result: CursorResult,
  packer: RawRowPacker | undefined,
  options: RunStatementOptions,
  s: Streamed,
): Promise<void> {
  const read = (want: number) => {
    const p = cursor.read(want) as Promise<Array<Array<string | null>>>;
    p.catch(() => undefined); // awaited below; a prefetch dropped by an error must not go unhandled
    return { p, want };
  };
  let size = BATCH_ROWS;
  let charsPerRow = 0;
  const wantFor = (returned: number) =>
    Math.min(size, (options.rowCap === null ? Infinity : options.rowCap - returned) + 1);
  let pending = read(wantFor(0));
  for (let first = true; ; first = false) {
    const remaining = options.rowCap === null ? Infinity : options.rowCap - s.rowsReturned;
    const { want } = pending;
    const rows = await pending.p;
    if (first && result.fields.length > 0) {
      const names = await options.typeNames(result.fields);
      s.columns = result.fields.map((f, i) => ({ name: f.name, typeOid: f.dataTypeID, typeName: names[i]! }));
      options.sink.columns(s.columns);
    }
    if (packer?.error) {
      await cursor.close();
      throw packer.error;
    }
    const received = packer ? packer.rowCount : rows.length;
    if (received > remaining) s.truncated = true;
    const keep = Math.min(received, remaining);
    const done = s.truncated || received < want;
    // ask the server for the next batch before packing this one, so both work at once
    // (no rows of it can arrive before this synchronous packing is done)
    if (!done) {
      // pg's string per cell made larger batches slower (old-generation GC): only packed bytes grow
      if (packer) size = nextBatchRows(size, charsPerRow);
      pending = read(wantFor(s.rowsReturned + received));
    }
    if (keep > 0) {
      const batch = packer
        ? packer.take(keep, s.columns.length)
        : packRows(keep < rows.length ? rows.slice(0, keep) : rows, s.columns.length);
      charsPerRow = batch.text.length / batch.rowCount;
      options.sink.rows(batch);
      s.rowsReturned += keep;
    }
    if (done) return;
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
