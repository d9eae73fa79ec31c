import type { TabPatch, TabSaved, TabState } from "../../../../shared/contract/tabs";
import type { UiState } from "../../../../shared/contract/ui";
import { useQueryTabs } from "./query-tabs.store";
import { TabAutosaver } from "./tab-autosave";
import { fromSaved, type EditorTab } from "./tab-state.model";

/** The store's tab and UI-state channels, as query.queries.ts reaches them. */
export interface TabStoreTransport {
  list(): Promise<TabState[]>;
  uiState(): Promise<UiState>;
  save(patch: TabPatch): Promise<TabSaved>;
  saveAsPageLeaves(patch: TabPatch): void;
  close(id: string): Promise<unknown>;
  reorder(ids: string[]): Promise<unknown>;
  setActiveTabs(activeByProfile: Record<string, string>, asPageLeaves: boolean): Promise<unknown> | void;
}

export interface TabPersistence {
  autosaver: TabAutosaver;
  /** Whether leaving the page now would lose typing (a save refused or failing, or too large to send as it goes). */
  wouldLoseOnLeave(): boolean;
}

/**
 * Reads the saved tabs into the page once, then saves every change: text and settings as
 * the user types (TabAutosaver), closes and new orders at once, the tab shown per profile.
 * As the page goes away, what is not acknowledged goes out on the path that outlives it.
 */
export async function startTabPersistence(transport: TabStoreTransport): Promise<TabPersistence> {
  const autosaver = new TabAutosaver(
    { save: (p) => transport.save(p), saveAsPageLeaves: (p) => transport.saveAsPageLeaves(p) },
    (id, state) => useQueryTabs.getState().setSaveState(id, state),
  );
  await hydrate(transport, autosaver);
  let activeTimer: ReturnType<typeof setTimeout> | undefined;
  useQueryTabs.subscribe((next, prev) => {
    if (next.tabs !== prev.tabs) void syncTabs(transport, autosaver, prev.tabs, next.tabs);
    if (next.activeByProfile !== prev.activeByProfile) {
      clearTimeout(activeTimer);
      activeTimer = setTimeout(() => void transport.setActiveTabs(next.activeByProfile, false), 300);
    }
  });
  // new tabs opened before the saved ones arrived
  for (const t of useQueryTabs.getState().tabs) autosaver.changed(t);
  const leave = () => {
    autosaver.flushAsPageLeaves();
    void transport.setActiveTabs(useQueryTabs.getState().activeByProfile, true);
  };
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") leave();
  });
  const states = () => Object.values(useQueryTabs.getState().saveStates);
  return {
    autosaver,
    wouldLoseOnLeave: () =>
      autosaver.tooLargeToSendAsPageLeaves() || states().some((s) => s.status === "error"),
  };
}

async function hydrate(transport: TabStoreTransport, autosaver: TabAutosaver): Promise<void> {
  try {
    const [saved, ui] = await Promise.all([transport.list(), transport.uiState()]);
    const tabs = saved.flatMap((t) => fromSaved(t) ?? []);
    for (const t of tabs) autosaver.loaded(t);
    useQueryTabs.getState().hydrate(tabs, ui.activeTabByProfile ?? {});
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    useQueryTabs.getState().hydrate([], {}, `The saved tabs could not be read: ${message}`);
  }
}

async function syncTabs(
  transport: TabStoreTransport,
  autosaver: TabAutosaver,
  before: EditorTab[],
  after: EditorTab[],
): Promise<void> {
  const prev = new Map(before.map((t) => [t.id, t]));
  const now = new Set(after.map((t) => t.id));
  for (const t of after) if (prev.get(t.id) !== t) autosaver.changed(t);
  for (const t of before) {
    if (now.has(t.id)) continue;
    autosaver.forget(t.id);
    void transport.close(t.id).catch(() => undefined);
  }
  const kept = before.filter((t) => now.has(t.id)).map((t) => t.id);
  const order = after.filter((t) => prev.has(t.id)).map((t) => t.id);
  if (kept.join("\u0000") !== order.join("\u0000")) {
    // a tab the store has not seen yet cannot be placed: save it first
    await autosaver.flush();
    await transport.reorder(after.map((t) => t.id)).catch(() => undefined);
  }
}
