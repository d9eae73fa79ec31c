import { z } from "zod";
import type {
  TabCursor,
  TabLastRun,
  TabPatch,
  TabSelection,
  TabState,
} from "../../../../shared/contract/tabs";

/** A plan pinned in a tab: EXPLAIN's raw JSON (the view model is rebuilt from it). */
export const PinnedPlanEntry = z.object({
  label: z.string().max(300),
  at: z.string().max(40),
  raw: z.json(),
});
export type PinnedPlanEntry = z.infer<typeof PinnedPlanEntry>;

/** How the tab's results were laid out; `grid` belongs to the results grid (widths, sort). */
export const ResultLayout = z.object({
  active: z.union([z.number().int().min(0), z.literal("messages")]).optional(),
  grid: z.json().optional(),
});
export type ResultLayout = z.infer<typeof ResultLayout>;

/** One editor tab as the page holds it; every field is saved to the app's store. */
export interface EditorTab {
  id: string;
  profileId: string;
  /** The database the tab runs in (null: the profile's own). */
  database: string | null;
  title: string;
  sql: string;
  cursor: TabCursor | null;
  selection: TabSelection | null;
  timeoutSeconds: number;
  rowCap: number;
  autocommit: boolean;
  resultLayout: ResultLayout | null;
  pinnedPlans: PinnedPlanEntry[];
  /** The text differs from the file it was opened from or saved to. */
  dirty: boolean;
  filePath: string | null;
  lastRun: TabLastRun | null;
}

export const TAB_DEFAULTS = { timeoutSeconds: 0, rowCap: 10_000, autocommit: true } as const;

export function newTab(
  id: string,
  profileId: string,
  title: string,
  extra: Partial<EditorTab> = {},
): EditorTab {
  return {
    id,
    profileId,
    database: null,
    title,
    sql: "",
    cursor: null,
    selection: null,
    ...TAB_DEFAULTS,
    resultLayout: null,
    pinnedPlans: [],
    dirty: false,
    filePath: null,
    lastRun: null,
    ...extra,
  };
}

/** A saved tab as the page holds it; tabs saved without a profile have no place to show and stay stored. */
export function fromSaved(saved: TabState): EditorTab | undefined {
  if (!saved.profileId) return undefined;
  const layout = ResultLayout.safeParse(saved.resultLayout);
  const plans = z.array(PinnedPlanEntry).safeParse(saved.pinnedPlans ?? []);
  return {
    id: saved.id,
    profileId: saved.profileId,
    database: saved.database,
    title: saved.title || "Query",
    sql: saved.sql,
    cursor: saved.cursor,
    selection: saved.selection,
    timeoutSeconds: saved.timeoutSeconds,
    rowCap: saved.rowCap,
    autocommit: saved.autocommit,
    resultLayout: layout.success ? layout.data : null,
    pinnedPlans: plans.success ? plans.data : [],
    dirty: saved.dirty,
    filePath: saved.filePath,
    lastRun: saved.lastRun,
  };
}

const FIELDS = [
  "profileId",
  "database",
  "title",
  "sql",
  "cursor",
  "selection",
  "timeoutSeconds",
  "rowCap",
  "autocommit",
  "resultLayout",
  "pinnedPlans",
  "dirty",
  "filePath",
  "lastRun",
] as const satisfies ReadonlyArray<keyof EditorTab & keyof TabPatch>;

/** The save that brings the stored tab (`saved`, undefined: never stored) to `tab`: changed fields only. */
export function patchFor(saved: EditorTab | undefined, tab: EditorTab): TabPatch | undefined {
  const patch: Record<string, unknown> = { id: tab.id };
  let changed = false;
  for (const f of FIELDS) {
    if (saved && sameValue(saved[f], tab[f])) continue;
    patch[f] = tab[f];
    changed = true;
  }
  return changed ? (patch as TabPatch) : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** FNV-1a of the text (two 32-bit lanes) with its length: equal digests mean the same text. */
export function textDigest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${text.length.toString(36)}-${a.toString(16)}${b.toString(16)}`;
}

/** The text is in neither a file nor a run as it stands: closing the tab would lose it. */
export function hasUnkeptText(tab: EditorTab): boolean {
  if (tab.sql.trim() === "") return false;
  if (tab.filePath !== null && !tab.dirty) return false;
  return tab.lastRun?.digest !== textDigest(tab.sql);
}

/** "Query N" with the first N not taken by the profile's tabs. */
export function nextTitle(titles: readonly string[]): string {
  const taken = new Set(titles);
  for (let n = 1; ; n++) if (!taken.has(`Query ${n}`)) return `Query ${n}`;
}

/** The order with `id` moved `delta` places (clamped at the ends). */
export function moveBy(order: readonly string[], id: string, delta: number): string[] {
  const from = order.indexOf(id);
  if (from < 0) return [...order];
  const to = Math.max(0, Math.min(order.length - 1, from + delta));
  const out = order.filter((x) => x !== id);
  out.splice(to, 0, id);
  return out;
}

/** The order with `id` moved to where `target` is (dropped on it): before it moving left, after it moving right. */
export function moveOnto(order: readonly string[], id: string, target: string): string[] {
  const from = order.indexOf(id);
  const to = order.indexOf(target);
  if (from < 0 || to < 0 || from === to) return [...order];
  return moveBy(order, id, to - from);
}

/** A tab title from a file name: its base name without `.sql`. */
export function titleFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.sql$/i, "") || "Query";
}

/** A file name for the tab's text: its title, made safe, with `.sql`. */
export function fileNameFor(title: string): string {
  // control characters are refused in file names on some systems: they are what this removes
  // eslint-disable-next-line no-control-regex
  const safe = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim() || "query";
  return /\.sql$/i.test(safe) ? safe : `${safe}.sql`;
}
