import { randomBytes } from "node:crypto";
import { HISTORY_SQL_CHARS, type HistoryEntry } from "../../shared/contract/query";
import type { HistoryEntry as HistoryRow } from "../../generated/store/client";
import { Prisma, type StoreClient } from "./client";

/** History keeps the newest this many statements (older ones are dropped as new ones come). */
export const HISTORY_MAX_ENTRIES = 5_000;

export type NewHistoryEntry = Omit<HistoryEntry, "id" | "at" | "truncated">;

/** Executed statements, newest first when listed. */
export class HistoryRepo {
  constructor(private readonly db: StoreClient) {}

  /**
   * Appends (one INSERT per 500 rows), then drops what falls beyond the newest
   * HISTORY_MAX_ENTRIES. Raw SQL: Prisma's createMany spends ~2 s on 1,000 rows (a long
   * script's run), this ~0.2 s.
   */
  async add(items: NewHistoryEntry[]): Promise<void> {
    const at = new Date();
    let last = 0;
    for (let i = 0; i < items.length; i += 500) {
      const values = items.slice(i, i + 500).map((item) => {
        const r = toRow(item, at);
        return Prisma.sql`(${r.id}, ${r.profileId}, ${r.at.toISOString()}, ${r.sql}, ${r.sqlLower}, ${r.truncated}, ${r.durationMs}, ${r.rowCount}, ${r.error})`;
      });
      const rows = await this.db.$queryRaw<Array<{ seq: number | bigint }>>`
        INSERT INTO "query_history" ("id", "profile_id", "at", "sql", "sql_lower", "truncated", "duration_ms", "row_count", "error")
        VALUES ${Prisma.join(values)} RETURNING "seq"`;
      last = Math.max(last, ...rows.map((r) => Number(r.seq)));
    }
    if (last > HISTORY_MAX_ENTRIES)
      await this.db.historyEntry.deleteMany({ where: { seq: { lte: last - HISTORY_MAX_ENTRIES } } });
  }

  /**
   * Newest first. `search` matches the SQL case-insensitively as JavaScript folds case (so
   * "É" finds "é"), by position in a lower-cased copy: `%` and `_` are plain characters.
   */
  async list(filter: { profileId?: string | undefined; search?: string | undefined; limit: number }) {
    const needle = filter.search?.trim().toLowerCase();
    const where = filter.profileId ? { profileId: filter.profileId } : {};
    if (!needle) {
      const rows = await this.db.historyEntry.findMany({
        where,
        orderBy: { seq: "desc" },
        take: filter.limit,
      });
      return rows.map(toEntry);
    }
    const profile = filter.profileId ? Prisma.sql`AND "profile_id" = ${filter.profileId}` : Prisma.empty;
    const hits = await this.db.$queryRaw<Array<{ seq: number | bigint }>>`
      SELECT "seq" FROM "query_history"
      WHERE instr("sql_lower", ${needle}) > 0 ${profile}
      ORDER BY "seq" DESC LIMIT ${filter.limit}`;
    const rows = await this.db.historyEntry.findMany({
      where: { seq: { in: hits.map((h) => Number(h.seq)) } },
      orderBy: { seq: "desc" },
    });
    return rows.map(toEntry);
  }

  async clear(): Promise<void> {
    await this.db.historyEntry.deleteMany();
  }
}

/** A new entry as a row; text beyond HISTORY_SQL_CHARS is cut and marked as cut. */
export function toRow(item: NewHistoryEntry & { id?: string; truncated?: boolean }, at: Date) {
  const cut = item.sql.length > HISTORY_SQL_CHARS;
  const sql = cut ? item.sql.slice(0, HISTORY_SQL_CHARS) : item.sql;
  return {
    id: item.id ?? randomBytes(8).toString("hex"),
    profileId: item.profileId,
    at,
    sql,
    sqlLower: sql.toLowerCase(),
    truncated: cut || item.truncated === true,
    durationMs: item.durationMs,
    rowCount: item.rowCount,
    error: item.error ?? null,
  };
}

function toEntry(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    profileId: row.profileId,
    at: row.at.toISOString(),
    sql: row.sql,
    ...(row.truncated ? { truncated: true } : {}),
    durationMs: row.durationMs,
    rowCount: row.rowCount,
    ...(row.error !== null ? { error: row.error } : {}),
  };
}
