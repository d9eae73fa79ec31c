import { randomBytes } from "node:crypto";
import { AppError } from "../../shared/contract";
import type { Snippet } from "../../shared/contract/query";
import type { Snippet as SnippetRow } from "../../generated/store/client";
import { isPrismaError, type StoreClient } from "./client";

/** Saved SQL snippets. */
export class SnippetsRepo {
  constructor(private readonly db: StoreClient) {}

  /** By name, as people sort (locale-aware, not by code point). */
  async list(): Promise<Snippet[]> {
    const rows = await this.db.snippet.findMany();
    return rows.map(toSnippet).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates (no id) or replaces a snippet; an id that no longer exists is NOT_FOUND. */
  async save(input: { id?: string | undefined; name: string; sql: string }): Promise<Snippet> {
    const data = { name: input.name, sql: input.sql, updatedAt: new Date() };
    if (input.id === undefined)
      return toSnippet(
        await this.db.snippet.create({ data: { ...data, id: randomBytes(8).toString("hex") } }),
      );
    try {
      return toSnippet(await this.db.snippet.update({ where: { id: input.id }, data }));
    } catch (err) {
      if (isPrismaError(err, "P2025")) throw new AppError("NOT_FOUND", "That snippet no longer exists");
      throw err;
    }
  }

  async delete(id: string): Promise<void> {
    await this.db.snippet.deleteMany({ where: { id } });
  }
}

function toSnippet(row: SnippetRow): Snippet {
  return { id: row.id, name: row.name, sql: row.sql, updatedAt: row.updatedAt.toISOString() };
}
