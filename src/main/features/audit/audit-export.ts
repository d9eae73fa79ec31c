import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { dirname, isAbsolute } from "node:path";
import { once } from "node:events";
import type pg from "pg";
import { AppError } from "../../../shared/contract";
import type { AuditEvent, AuditFilters, AuditMapping } from "../../../shared/contract/audit";
import { browse } from "./audit.service";
import type { Redactor } from "./redact";

const PAGE = 500;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_COLUMNS = [
  "time",
  "action",
  "entity",
  "entityId",
  "actor",
  "tenant",
  "transaction",
  "changes",
  "before",
  "after",
] as const;

function csvRow(e: AuditEvent): string {
  const changes = e.changes.map((c) => ({ path: c.path, kind: c.kind, from: c.from, to: c.to }));
  return (
    [e.time, e.action, e.entity, e.entityId, e.actor, e.tenant, e.transaction, changes, e.before, e.after]
      .map(csvCell)
      .join(",") + "\n"
  );
}

/**
 * Streams the filtered events page by page (keyset) into a file, redacted like the UI.
 * Written to `<path>.partial` and renamed at the end, so a failure leaves no half file.
 */
export async function exportEvents(
  pool: pg.Pool,
  mapping: AuditMapping,
  redactor: Redactor,
  filters: AuditFilters,
  format: "csv" | "json",
  path: string,
  progress: (rows: number, done: boolean) => void,
  signal: AbortSignal,
): Promise<{ path: string; rows: number; bytes: number }> {
  if (!isAbsolute(path)) throw new AppError("VALIDATION", "Export path must be absolute", { field: "path" });
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (!folder?.isDirectory())
    throw new AppError("VALIDATION", `Folder ${dirname(path)} does not exist`, { field: "path" });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { flags: "wx", mode: 0o600 });
  await once(out, "open").catch((err: NodeJS.ErrnoException) => {
    throw new AppError(
      "VALIDATION",
      `Cannot write ${partial}: ${err.code === "EEXIST" ? "an export to this file is already running" : err.message}`,
      { field: "path" },
    );
  });
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  let rows = 0;
  try {
    await write(format === "csv" ? CSV_COLUMNS.join(",") + "\n" : "[\n");
    let after: string | undefined;
    do {
      if (signal.aborted) throw new AppError("CANCELLED", "Export cancelled");
      const page = await browse(pool, mapping, redactor, filters, after, PAGE);
      for (const e of page.events) {
        const { cursor: _cursor, ...rest } = e;
        await write(format === "csv" ? csvRow(e) : `${rows ? ",\n" : ""}${JSON.stringify(rest)}`);
        rows++;
      }
      progress(rows, false);
      after = page.nextCursor ?? undefined;
    } while (after);
    await write(format === "csv" ? "" : "\n]\n");
    out.end();
    await once(out, "finish");
    await rename(partial, path);
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
  progress(rows, true);
  return { path, rows, bytes: (await stat(path)).size };
}
