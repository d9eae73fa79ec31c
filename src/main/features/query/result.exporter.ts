import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { isAbsolute } from "node:path";
import { once } from "node:events";
import { AppError } from "../../../shared/contract";
import type { QuerySession } from "./query-session";
import { exportWriter, type ExportFormatName } from "./result-export.formats";
import { BATCH_ROWS, RawTextCursor } from "./statement.runner";
import { selectStatements } from "./statement-selection";

export interface ExportInput {
  exportId: string;
  sql: string;
  format: ExportFormatName;
  path: string;
  tableName?: string | undefined;
}

/**
 * Streams the full result of one statement to a file (a .partial renamed at the end),
 * re-running it on the tab's session so temp tables and settings apply.
 */
export async function exportResult(
  session: QuerySession,
  input: ExportInput,
  progress: (p: { rows: number; bytes: number; done: boolean }) => void,
): Promise<{ path: string; rows: number; bytes: number }> {
  if (!isAbsolute(input.path))
    throw new AppError("VALIDATION", "Give the full path of the file to write", { field: "path" });
  const statements = await selectStatements({ sql: input.sql, mode: "all" });
  if (statements.length !== 1) throw new AppError("VALIDATION", "Export runs exactly one statement");
  const stmt = statements[0]!;
  if (stmt.kind !== "read")
    throw new AppError("UNSUPPORTED", "Only a query that reads (SELECT, TABLE, VALUES…) can be exported");
  if (session.running) throw new AppError("CONFLICT", "A statement is still running in this tab");
  session.running = { runId: input.exportId, cancelRequested: false };
  // a black-holed network fails the export like a run (see LIVENESS) instead of hanging it
  const stopWatching = session.watch();
  const partial = `${input.path}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  const writer = exportWriter(input.format, input.tableName);
  let rows = 0;
  let bytes = 0;
  const write = async (chunk: string) => {
    if (!chunk) return;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  };
  try {
    const cursor = session.client.query(new RawTextCursor(stmt.text));
    const result = (cursor as unknown as { _result: { fields: Array<{ name: string }> } })._result;
    let lastReport = 0;
    for (let first = true; ; first = false) {
      const batch = (await cursor.read(BATCH_ROWS)) as Array<Array<string | null>>;
      if (first) await write(writer.header(result.fields.map((f) => f.name)));
      await write(writer.rows(batch));
      rows += batch.length;
      if (performance.now() - lastReport > 200) {
        lastReport = performance.now();
        progress({ rows, bytes, done: false });
      }
      if (batch.length < BATCH_ROWS) break;
    }
    await write(writer.footer());
    out.end();
    await once(out, "finish");
    await rename(partial, input.path);
    progress({ rows, bytes, done: true });
    return { path: input.path, rows, bytes };
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    if (session.closed && session.lostBecause !== undefined && !(err instanceof AppError))
      throw new AppError("CONNECTION", session.lossMessage());
    throw err;
  } finally {
    stopWatching();
    session.running = undefined;
  }
}
