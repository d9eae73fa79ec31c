import { readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ProfileId } from "../../shared/contract/common";
import { HISTORY_SQL_CHARS } from "../../shared/contract/query";
import type { StoreNotice } from "../../shared/contract/store";
import type { Client } from "@libsql/client";
import { joinSql, sql } from "../db/sql";
import { toRow } from "./history.repo";
import type { StoreLog } from "./store-log";

/** The JSON files of earlier pgdesk versions, beside the store in the data folder. */
export const LEGACY_FILES = { history: "query-history.json", snippets: "query-snippets.json" } as const;

const LegacyHistoryEntry = z.object({
  id: z.string().min(1).max(64),
  profileId: ProfileId,
  at: z.iso.datetime({ offset: true }),
  sql: z.string(),
  durationMs: z.number(),
  rowCount: z.number().int().nullable().default(null),
  error: z.string().optional(),
});

const LegacySnippet = z.object({
  id: z.string().min(1).max(64),
  name: z.string(),
  sql: z.string(),
  updatedAt: z.iso.datetime({ offset: true }),
});

interface Outcome {
  imported: number;
  /** Entries that could not be read; they stay in the kept file. */
  unreadable: number;
}

/**
 * Moves history and snippets from the JSON files into the store, once: each file's rows
 * go in one transaction (by id, so running it again after a crash adds nothing twice),
 * then the file is renamed `*.imported` and kept. A file that cannot be read is left where it is,
 * and the notice says why.
 */
export async function importLegacyFiles(
  client: Client,
  dataDir: string,
  log: StoreLog,
): Promise<StoreNotice[]> {
  const notices: StoreNotice[] = [];
  const sources = [
    {
      file: LEGACY_FILES.history,
      what: "history entries",
      load: (items: unknown[]) => importHistory(client, items),
    },
    {
      file: LEGACY_FILES.snippets,
      what: "snippets",
      load: (items: unknown[]) => importSnippets(client, items),
    },
  ];
  for (const source of sources) {
    const notice = await importOne(join(dataDir, source.file), source.what, source.load);
    if (!notice) continue;
    (notice.kind === "imported" ? log.info : log.error)(`store: ${notice.message}`);
    notices.push(notice);
  }
  return notices;
}

async function importOne(
  path: string,
  what: string,
  load: (items: unknown[]) => Promise<Outcome>,
): Promise<StoreNotice | undefined> {
  const at = new Date().toISOString();
  let items: unknown;
  try {
    items = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    const message = `Could not import ${what} from ${path}: ${(err as Error).message}. The file was left as it is.`;
    return { kind: "import-failed", message, path, at };
  }
  if (!Array.isArray(items)) {
    const message = `Could not import ${what} from ${path}: it does not hold a list. The file was left as it is.`;
    return { kind: "import-failed", message, path, at };
  }
  const outcome = await load(items);
  const kept = await keepAsImported(path);
  const skipped =
    outcome.unreadable > 0 ? ` ${outcome.unreadable} unreadable entries were not imported;` : "";
  const message = `Imported ${outcome.imported} ${what} from ${path};${skipped} the file is kept as ${kept}.`;
  return { kind: "imported", message, path: kept, at };
}

/** One row's nine parameters (SQLite's ?), as many rows as a statement carries. */
const HISTORY_ROW = sql`(?, ?, ?, ?, ?, ?, ?, ?, ?)`;

async function importHistory(client: Client, items: unknown[]): Promise<Outcome> {
  const entries = items.flatMap((item) => {
    const parsed = LegacyHistoryEntry.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  // oldest first, as the file holds them, so the store's order (seq) matches; an id already
  // in the store (an import cut short before the rename) or twice in the file is skipped
  const statements = chunks(entries, 500).map((part) => {
    const rows = part.map((e) =>
      toRow({ ...e, truncated: e.sql.length >= HISTORY_SQL_CHARS }, new Date(e.at)),
    );
    const values = joinSql(
      rows.map(() => HISTORY_ROW),
      sql`, `,
    );
    return {
      sql: sql`INSERT OR IGNORE INTO "query_history" ("id", "profile_id", "at", "sql", "sql_lower", "truncated",
                 "duration_ms", "row_count", "error") VALUES ${values}`,
      args: rows.flatMap((r) => [
        ...[r.id, r.profileId, r.at.toISOString(), r.sql, r.sqlLower, r.truncated ? 1 : 0],
        ...[r.durationMs, r.rowCount, r.error],
      ]),
    };
  });
  const results = await client.batch(statements, "write");
  return { imported: sum(results), unreadable: items.length - entries.length };
}

async function importSnippets(client: Client, items: unknown[]): Promise<Outcome> {
  const snippets = items.flatMap((item) => {
    const parsed = LegacySnippet.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  // the same snippet in both places: the later edit wins
  const statements = snippets.map((s) => ({
    sql:
      `INSERT INTO "snippets" ("id", "name", "sql", "updated_at") VALUES (?, ?, ?, ?) ` +
      `ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name", "sql" = excluded."sql", ` +
      `"updated_at" = excluded."updated_at" WHERE excluded."updated_at" > "snippets"."updated_at"`,
    args: [s.id, s.name, s.sql, new Date(s.updatedAt).toISOString()],
  }));
  const results = await client.batch(statements, "write");
  return { imported: sum(results), unreadable: items.length - snippets.length };
}

const sum = (results: Array<{ rowsAffected: number }>) => results.reduce((n, r) => n + r.rowsAffected, 0);

/** Renames `x.json` to `x.json.imported` (or `.imported-2`, ...: an older kept file is never replaced). */
async function keepAsImported(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const target = n === 1 ? `${path}.imported` : `${path}.imported-${n}`;
    try {
      await stat(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      await rename(path, target);
      return target;
    }
  }
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
