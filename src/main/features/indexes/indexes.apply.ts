import type pg from "pg";
import { AppError } from "../../../shared/contract";
import { parseStatements } from "../../db/sql-parser";

/**
 * Runs one statement the user reviewed and confirmed: CREATE INDEX, DROP INDEX or
 * REINDEX INDEX, nothing else. It runs on its own connection in autocommit (CONCURRENTLY
 * refuses transaction blocks) and without the monitoring statement_timeout, since a
 * concurrent build of a large index takes as long as it takes.
 */
export async function applyIndexStatement(
  pool: pg.Pool,
  text: string,
): Promise<{ command: string; durationMs: number }> {
  const parsed = await parseStatements(text);
  if (parsed.length !== 1)
    throw new AppError("VALIDATION", `Expected exactly one statement, got ${parsed.length}.`, {
      field: "sql",
    });
  const stmt = parsed[0]!;
  const command = allowedCommand(stmt.node, stmt.tree[stmt.node] as Record<string, unknown>);
  if (!command) {
    throw new AppError(
      "VALIDATION",
      "Only CREATE INDEX, DROP INDEX and REINDEX INDEX statements can be run from the index advisor.",
      { field: "sql" },
    );
  }
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("SET statement_timeout = 0");
    const started = performance.now();
    await client.query(stmt.text);
    const durationMs = Math.round(performance.now() - started);
    await client.query("RESET statement_timeout");
    return { command, durationMs };
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    // A failed statement may leave the session in any state; do not reuse it.
    client.release(broken);
  }
}

function allowedCommand(node: string, body: Record<string, unknown>): string | undefined {
  if (node === "IndexStmt") return "CREATE INDEX";
  if (node === "DropStmt" && body.removeType === "OBJECT_INDEX") return "DROP INDEX";
  if (node === "ReindexStmt" && body.kind === "REINDEX_OBJECT_INDEX") return "REINDEX INDEX";
  return undefined;
}
