import { open, mkdir, rename, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** How long a write waits for another process holding the file (a second pgdesk) before failing. */
export const BUSY_TIMEOUT_MS = 5000;

/** The store's one file in the data folder. */
export const STORE_FILE = "pgdesk.db";
/** Where unreadable or newer store files are moved, never deleted. */
export const ASIDE_DIR = "store-moved-aside";

/** The URL libsql opens (percent-encoded: data folders may hold spaces or '#'). */
export function storeUrl(path: string): string {
  return pathToFileURL(path).href;
}

/** The store could not be read as a database: it gets moved aside, not repaired in place. */
export class CorruptStoreError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "CorruptStoreError";
  }
}

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

/**
 * Creates the file empty and private (0600) when it does not exist yet, before SQLite
 * does with the umask's mode: it holds the SQL the user typed. SQLite gives its -wal and
 * -shm files the same mode.
 */
export async function createPrivately(path: string): Promise<void> {
  try {
    await writeFile(path, "", { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

/** Throws CorruptStoreError when the file exists, is not empty and is not an SQLite database. */
export async function checkHeader(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    // SQLite treats an empty file as an empty database
    if (bytesRead === 0) return;
    if (bytesRead < head.length || !head.equals(SQLITE_HEADER))
      throw new CorruptStoreError("the file is not an SQLite database (its header does not match)");
  } finally {
    await handle.close();
  }
}

/**
 * Moves the store file and its WAL/shared-memory companions into
 * `<dataDir>/store-moved-aside/<time>-<why>/`. The WAL goes first: a WAL left beside a
 * new, empty store could be replayed into it.
 */
export async function moveAside(path: string, why: "corrupt" | "newer"): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dir = join(dirname(path), ASIDE_DIR, `${stamp}-${why}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const suffix of ["-wal", "-shm", "-journal", ""]) {
    const from = path + suffix;
    if (await exists(from)) await rename(from, join(dir, basename(path) + suffix));
  }
  return dir;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}
