import { AppError } from "../../shared/contract";
import {
  PinnedPlans,
  ResultLayout,
  TAB_LIMITS,
  TabCursor,
  TabLastRun,
  TabSelection,
  type TabPatch,
  type TabSaved,
  type TabState,
} from "../../shared/contract/tabs";
import { isPrismaError, type StoreClient } from "./client";
import type { Tab } from "../../generated/store/client";
import { fromJsonColumn, toJsonColumn } from "./json-column";

const savedFields = { id: true, revision: true, updatedAt: true } as const;

/** Query editor tabs: saved as the user types, listed at start. */
export class TabsRepo {
  constructor(private readonly db: StoreClient) {}

  async list(): Promise<TabState[]> {
    const rows = await this.db.tab.findMany({
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toTabState);
  }

  /**
   * Changes the fields given, or creates the tab. The common case (the tab exists) is one
   * UPDATE statement that returns only the id and revision, not the text back.
   */
  async save(patch: TabPatch): Promise<TabSaved> {
    const changes = { ...columns(patch), updatedAt: new Date() };
    try {
      return toSaved(
        await this.db.tab.update({
          where: { id: patch.id },
          data: { ...changes, revision: { increment: 1 } },
          select: savedFields,
        }),
      );
    } catch (err) {
      if (!isPrismaError(err, "P2025")) throw err;
    }
    return this.create(patch, changes);
  }

  async close(id: string): Promise<void> {
    await this.db.tab.deleteMany({ where: { id } });
  }

  /** The ids given first, in that order, then the other tabs in their previous order. */
  reorder(ids: string[]): Promise<Array<{ id: string; position: number }>> {
    if (new Set(ids).size !== ids.length)
      throw new AppError("VALIDATION", "A tab is named twice in the new order");
    return this.db.$transaction(async (tx) => {
      const rows = await tx.tab.findMany({
        select: { id: true, position: true },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      });
      const known = new Set(rows.map((r) => r.id));
      const missing = ids.find((id) => !known.has(id));
      if (missing)
        throw new AppError("NOT_FOUND", `Tab ${missing} is not saved (closed elsewhere?); nothing was moved`);
      const named = new Set(ids);
      const order = [...ids, ...rows.filter((r) => !named.has(r.id)).map((r) => r.id)];
      const before = new Map(rows.map((r) => [r.id, r.position]));
      for (const [position, id] of order.entries()) {
        if (before.get(id) !== position) await tx.tab.update({ where: { id }, data: { position } });
      }
      return order.map((id, position) => ({ id, position }));
    });
  }

  private async create(
    patch: TabPatch,
    changes: ReturnType<typeof columns> & { updatedAt: Date },
  ): Promise<TabSaved> {
    const count = await this.db.tab.count();
    if (count >= TAB_LIMITS.tabs)
      throw new AppError(
        "CONFLICT",
        `pgdesk keeps at most ${TAB_LIMITS.tabs} open tabs; close one to open another`,
      );
    try {
      return toSaved(
        await this.db.tab.create({
          data: { position: count, title: "", sql: "", ...changes, id: patch.id },
          select: savedFields,
        }),
      );
    } catch (err) {
      // another save of the same new tab created it first: this one is a change to it
      if (!isPrismaError(err, "P2002")) throw err;
    }
    return toSaved(
      await this.db.tab.update({
        where: { id: patch.id },
        data: { ...changes, revision: { increment: 1 } },
        select: savedFields,
      }),
    );
  }
}

/** The patch as column values: only the fields present, JSON fields serialized. */
function columns(patch: TabPatch) {
  const { id: _id, cursor, selection, resultLayout, pinnedPlans, lastRun, ...plain } = patch;
  return {
    ...plain,
    ...(lastRun !== undefined ? { lastRun: toJsonColumn(lastRun) } : {}),
    ...(cursor !== undefined ? { cursor: toJsonColumn(cursor) } : {}),
    ...(selection !== undefined ? { selection: toJsonColumn(selection) } : {}),
    ...(resultLayout !== undefined ? { resultLayout: toJsonColumn(resultLayout) } : {}),
    ...(pinnedPlans !== undefined ? { pinnedPlans: toJsonColumn(pinnedPlans) } : {}),
  };
}

function toSaved(row: { id: string; revision: number; updatedAt: Date }): TabSaved {
  return { id: row.id, revision: row.revision, updatedAt: row.updatedAt.toISOString() };
}

function toTabState(row: Tab): TabState {
  const problems: string[] = [];
  const tab: TabState = {
    id: row.id,
    position: row.position,
    title: row.title,
    profileId: row.profileId,
    database: row.database,
    sql: row.sql,
    cursor: fromJsonColumn(row.cursor, TabCursor, "The cursor position", problems),
    selection: fromJsonColumn(row.selection, TabSelection, "The selection", problems),
    resultLayout: fromJsonColumn(row.resultLayout, ResultLayout, "The result layout", problems),
    pinnedPlans: fromJsonColumn(row.pinnedPlans, PinnedPlans, "The pinned plans", problems),
    dirty: row.dirty,
    filePath: row.filePath,
    timeoutSeconds: row.timeoutSeconds,
    rowCap: row.rowCap,
    autocommit: row.autocommit,
    lastRun: fromJsonColumn(row.lastRun, TabLastRun, "The last run", problems),
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
  };
  return problems.length > 0 ? { ...tab, problems } : tab;
}
