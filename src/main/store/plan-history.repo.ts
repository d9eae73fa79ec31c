import { randomBytes } from "node:crypto";
import { ExplainOptions, type PlanHistoryEntry } from "../../shared/contract/explain";
import type { PlanHistoryEntry as PlanHistoryRow } from "../../generated/store/client";
import type { StoreClient } from "./client";

/** Plan history keeps this many plans per profile and query (older ones are dropped as new ones come). */
export const PLAN_HISTORY_PER_QUERY = 50;

export type NewPlanHistoryEntry = Omit<PlanHistoryEntry, "id"> & { planJson: string };

/** Plans of EXPLAIN runs, per profile and query fingerprint, newest first when listed. */
export class PlanHistoryRepo {
  constructor(private readonly db: StoreClient) {}

  /** Adds one plan, then drops what falls beyond the newest PLAN_HISTORY_PER_QUERY of its query. */
  async add(item: NewPlanHistoryEntry): Promise<string> {
    const id = randomBytes(8).toString("hex");
    const { options, ranAt, ...rest } = item;
    await this.db.planHistoryEntry.create({
      data: { ...rest, id, options: JSON.stringify(options), ranAt: new Date(ranAt) },
    });
    const keep = await this.db.planHistoryEntry.findMany({
      where: { profileId: item.profileId, queryKey: item.queryKey },
      orderBy: { seq: "desc" },
      skip: PLAN_HISTORY_PER_QUERY - 1,
      take: 1,
      select: { seq: true },
    });
    if (keep[0])
      await this.db.planHistoryEntry.deleteMany({
        where: { profileId: item.profileId, queryKey: item.queryKey, seq: { lt: keep[0].seq } },
      });
    return id;
  }

  /** Of one query, newest first; without a key, the newest plan of each query. */
  async list(filter: { profileId: string; queryKey?: string | undefined; limit: number }) {
    const problems: string[] = [];
    const rows = filter.queryKey
      ? await this.db.planHistoryEntry.findMany({
          where: { profileId: filter.profileId, queryKey: filter.queryKey },
          orderBy: { seq: "desc" },
          take: filter.limit,
          omit: { planJson: true },
        })
      : await this.newestPerQuery(filter.profileId, filter.limit);
    const entries: PlanHistoryEntry[] = [];
    for (const r of rows) {
      const e = toEntry(r);
      if (typeof e === "string") problems.push(e);
      else entries.push(e);
    }
    return { entries, problems };
  }

  /** One plan with the JSON the server printed; null when it is no longer kept. */
  async get(id: string): Promise<{ entry: PlanHistoryEntry; planJson: string } | { problem: string } | null> {
    const row = await this.db.planHistoryEntry.findUnique({ where: { id } });
    if (!row) return null;
    const e = toEntry(row);
    return typeof e === "string" ? { problem: e } : { entry: e, planJson: row.planJson };
  }

  private async newestPerQuery(profileId: string, limit: number) {
    const newest = await this.db.planHistoryEntry.groupBy({
      by: ["queryKey"],
      where: { profileId },
      _max: { seq: true },
    });
    const seqs = newest.map((n) => n._max.seq).filter((s): s is number => s !== null);
    return this.db.planHistoryEntry.findMany({
      where: { seq: { in: seqs } },
      orderBy: { seq: "desc" },
      take: limit,
      omit: { planJson: true },
    });
  }
}

/** A row as the contract's entry, or what is wrong with it (a damaged options value). */
function toEntry(row: Omit<PlanHistoryRow, "planJson">): PlanHistoryEntry | string {
  let options: ExplainOptions;
  try {
    options = ExplainOptions.parse(JSON.parse(row.options));
  } catch {
    return `plan ${row.id} of ${row.ranAt.toISOString()}: its EXPLAIN options could not be read back`;
  }
  return {
    id: row.id,
    profileId: row.profileId,
    database: row.database,
    queryKey: row.queryKey,
    normalizedSql: row.normalizedSql,
    sql: row.sql,
    options,
    ranAt: row.ranAt.toISOString(),
    serverVersionNum: row.serverVersionNum,
    executionMs: row.executionMs,
    totalCost: row.totalCost,
  };
}
