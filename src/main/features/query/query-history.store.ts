import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { HistoryEntry } from "../../../shared/contract/query";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";

const MAX_ENTRIES = 5_000;
const MAX_SQL_CHARS = 20_000;

/** Executed statements, newest last on disk, in the app's data folder (local only). */
export class QueryHistoryStore {
  private readonly path: string;
  private entries: HistoryEntry[] | undefined;
  /** Serializes writers so two runs never lose each other's entries. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, "query-history.json");
  }

  add(items: Array<Omit<HistoryEntry, "id" | "at">>): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return this.enqueue(async () => {
      const all = await this.load();
      const at = new Date().toISOString();
      for (const item of items) {
        all.push({ ...item, sql: item.sql.slice(0, MAX_SQL_CHARS), id: randomBytes(8).toString("hex"), at });
      }
      if (all.length > MAX_ENTRIES) all.splice(0, all.length - MAX_ENTRIES);
      await writeJsonFileAtomic(this.path, all);
    });
  }

  async list(filter: {
    profileId?: string | undefined;
    search?: string | undefined;
    limit: number;
  }): Promise<HistoryEntry[]> {
    const all = await this.enqueue(() => this.load());
    const needle = filter.search?.trim().toLowerCase();
    const out: HistoryEntry[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < filter.limit; i--) {
      const e = all[i]!;
      if (filter.profileId && e.profileId !== filter.profileId) continue;
      if (needle && !e.sql.toLowerCase().includes(needle)) continue;
      out.push(e);
    }
    return out;
  }

  clear(): Promise<void> {
    return this.enqueue(async () => {
      this.entries = [];
      await writeJsonFileAtomic(this.path, []);
    });
  }

  private async load(): Promise<HistoryEntry[]> {
    this.entries ??= await readJsonFile<HistoryEntry[]>(this.path, []);
    return this.entries;
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
