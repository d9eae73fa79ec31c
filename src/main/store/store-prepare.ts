import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createClient, LibsqlError, type Client } from "@libsql/client";
import type { StoreNotice } from "../../shared/contract/store";
import { importLegacyFiles } from "./legacy-import";
import { migrate, NewerStoreError, type StoreMigration } from "./migrate";
import type { StoreLog } from "./store-log";
import {
  BUSY_TIMEOUT_MS,
  checkHeader,
  CorruptStoreError,
  createPrivately,
  moveAside,
  STORE_FILE,
  storeUrl,
} from "./store-file";

export interface PreparedStore {
  path: string;
  url: string;
  version: number;
  notices: StoreNotice[];
}

/**
 * Makes `<dataDir>/pgdesk.db` ready for the Prisma client: a readable SQLite file in WAL
 * mode at the last migration. An unreadable file, or one from a newer pgdesk, is moved
 * aside (with its WAL) and a new store started; the returned notices say so. Any other
 * failure (a migration, the disk) is thrown and nothing is moved.
 */
export async function prepareStore(
  dataDir: string,
  migrations: readonly StoreMigration[],
  log: StoreLog,
  importLegacy = true,
): Promise<PreparedStore> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, STORE_FILE);
  const notices: StoreNotice[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      const client = await bringUpToDate(path, migrations, log);
      try {
        // with the raw client: Prisma takes seconds for the thousands of rows a history holds
        if (importLegacy) notices.push(...(await importLegacyFiles(client, dataDir, log)));
        return { path, url: storeUrl(path), version: migrations.length, notices };
      } finally {
        client.close();
      }
    } catch (err) {
      const why = err instanceof NewerStoreError ? "newer" : isCorrupt(err) ? "corrupt" : undefined;
      if (!why || attempt > 0) throw err;
      const dir = await moveAside(path, why);
      const notice = movedAsideNotice(why, err as Error, dir);
      log.error(notice.message);
      notices.push(notice);
    }
  }
}

/** Checked, in WAL mode, migrated: the open client, for the caller to close. */
async function bringUpToDate(
  path: string,
  migrations: readonly StoreMigration[],
  log: StoreLog,
): Promise<Client> {
  await checkHeader(path);
  await createPrivately(path);
  const client = createClient({ url: storeUrl(path), timeout: BUSY_TIMEOUT_MS });
  try {
    const verdict = (await client.execute("PRAGMA quick_check")).rows.map((r) => String(r[0]));
    if (verdict.join("") !== "ok")
      throw new CorruptStoreError(`its integrity check failed (${verdict.slice(0, 3).join("; ")})`);
    // WAL: a writer never blocks the reader, and a commit is one append (see README.md)
    const mode = String((await client.execute("PRAGMA journal_mode=WAL")).rows[0]?.[0]);
    if (mode !== "wal")
      log.warn(`store: WAL is not available here (journal_mode ${mode}); writes are slower`);
    const result = await migrate(client, migrations);
    if (result.changed.length > 0)
      log.warn(`store: applied migrations changed since they ran: ${result.changed.join(", ")}`);
    if (result.to !== result.from)
      log.info(`store: migrated ${path} from version ${result.from} to ${result.to}`);
    return client;
  } catch (err) {
    client.close();
    throw err;
  }
}

function isCorrupt(err: unknown): boolean {
  if (err instanceof CorruptStoreError) return true;
  return (
    err instanceof LibsqlError && /SQLITE_(NOTADB|CORRUPT)/.test(`${err.code} ${err.extendedCode ?? ""}`)
  );
}

function movedAsideNotice(why: "corrupt" | "newer", err: Error, dir: string): StoreNotice {
  const cause =
    why === "newer"
      ? `was written by a newer pgdesk (${err.message})`
      : `could not be read: ${err.message.replace(/^SQLITE_\w+: /, "")}`;
  return {
    kind: "moved-aside",
    message:
      `The app's local store (${STORE_FILE}) ${cause}. It was moved, not deleted, to ${dir} and a new, ` +
      `empty store was started: tabs, history and snippets kept in the old file are not shown.` +
      (why === "newer" ? " A newer pgdesk can use it again (move it back as pgdesk.db)." : ""),
    path: dir,
    at: new Date().toISOString(),
  };
}
