import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { AppError } from "../../../shared/contract";
import { TAB_LIMITS } from "../../../shared/contract/tabs";
import type { AppContext } from "../handler-types";

/** Bytes a .sql file may have to open in a tab (UTF-8 is at most 4 bytes per character). */
const MAX_FILE_BYTES = TAB_LIMITS.sqlChars * 4;

/**
 * Opens a .sql file the user picked in the desktop's Open dialog. The path comes from the
 * dialog, never from the page. A file larger than a tab keeps is refused, not cut.
 */
export async function openSqlFile(ctx: AppContext) {
  if (!ctx.sqlFileDialogs) return { supported: false };
  const path = await ctx.sqlFileDialogs.open();
  if (!path) return { supported: true };
  const size = (await stat(path)).size;
  if (size > MAX_FILE_BYTES) throw tooBig(path, `${size.toLocaleString("en-US")} bytes`);
  const sql = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  if (sql.length > TAB_LIMITS.sqlChars)
    throw tooBig(path, `${sql.length.toLocaleString("en-US")} characters`);
  return { supported: true, file: { path, name: basename(path), sql } };
}

/**
 * Saves a tab's text where the user chose in the desktop's Save dialog (the page may only
 * suggest a place: it never names the file written). Written to a temporary file first and
 * renamed, so a failed write leaves the old file whole.
 */
export async function saveSqlFile(
  ctx: AppContext,
  input: { sql: string; suggestedName: string; path?: string | undefined },
) {
  if (!ctx.sqlFileDialogs) return { supported: false };
  const suggested = input.path ?? basename(input.suggestedName);
  const path = await ctx.sqlFileDialogs.save(suggested);
  if (!path) return { supported: true };
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  await writeFile(temp, input.sql, { encoding: "utf8", mode: 0o644 });
  await rename(temp, path);
  return { supported: true, path };
}

function tooBig(path: string, size: string): AppError {
  return new AppError(
    "VALIDATION",
    `${basename(path)} is ${size}; a tab keeps at most ${TAB_LIMITS.sqlChars.toLocaleString("en-US")} characters. Nothing was opened.`,
  );
}
