import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { AppError } from "../../../shared/contract";
import type { Snippet } from "../../../shared/contract/query";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";

/** Saved SQL snippets in the app's data folder. */
export class SnippetStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, "query-snippets.json");
  }

  list(): Promise<Snippet[]> {
    return this.enqueue(async () => (await this.read()).sort((a, b) => a.name.localeCompare(b.name)));
  }

  save(input: { id?: string | undefined; name: string; sql: string }): Promise<Snippet> {
    return this.enqueue(async () => {
      const all = await this.read();
      const snippet: Snippet = {
        id: input.id ?? randomBytes(8).toString("hex"),
        name: input.name,
        sql: input.sql,
        updatedAt: new Date().toISOString(),
      };
      const at = all.findIndex((s) => s.id === snippet.id);
      if (input.id !== undefined && at < 0) throw new AppError("NOT_FOUND", "That snippet no longer exists");
      if (at >= 0) all[at] = snippet;
      else all.push(snippet);
      await writeJsonFileAtomic(this.path, all);
      return snippet;
    });
  }

  delete(id: string): Promise<void> {
    return this.enqueue(async () => {
      const all = await this.read();
      await writeJsonFileAtomic(
        this.path,
        all.filter((s) => s.id !== id),
      );
    });
  }

  private read(): Promise<Snippet[]> {
    return readJsonFile<Snippet[]>(this.path, []);
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
