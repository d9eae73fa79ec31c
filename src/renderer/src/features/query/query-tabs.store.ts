import { create } from "zustand";
import type { SaveState } from "./tab-autosave";
import { newTab, nextTitle, type EditorTab } from "./tab-state.model";

/** The editable fields of a tab (its id and profile stay). */
export type TabChange = Partial<Omit<EditorTab, "id" | "profileId">>;

interface QueryTabsState {
  /** The saved tabs were read from the app's store (until then nothing shows, nothing saves). */
  loaded: boolean;
  /** Why the saved tabs could not be read (the page still works; new tabs say they are not saved). */
  loadError: string | undefined;
  /** Every open tab of every profile, in the order the user arranged them. */
  tabs: EditorTab[];
  activeByProfile: Record<string, string>;
  saveStates: Record<string, SaveState>;
  hydrate(tabs: EditorTab[], activeByProfile: Record<string, string>, loadError?: string): void;
  add(profileId: string, extra?: Partial<EditorTab>): string;
  /** Opens a first tab for a profile that has none (idempotent, also under StrictMode). */
  ensureTab(profileId: string, database: string | null): void;
  remove(id: string): void;
  activate(profileId: string, id: string): void;
  update(id: string, change: TabChange): void;
  /** The new order of all tabs (ids not named keep their place after the named ones). */
  reorder(ids: string[]): void;
  setSaveState(id: string, state: SaveState): void;
}

const newTabId = () => `tab${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Open editor tabs (UI state); query.queries.ts saves every change to the app's store. */
export const useQueryTabs = create<QueryTabsState>((set, get) => ({
  loaded: false,
  loadError: undefined,
  tabs: [],
  activeByProfile: {},
  saveStates: {},
  // tabs opened before the saved ones were read (e.g. "Open in editor" at start) stay, after them
  hydrate: (tabs, activeByProfile, loadError) =>
    set((s) => {
      const known = new Set(tabs.map((t) => t.id));
      const early = s.tabs.filter((t) => !known.has(t.id));
      return {
        loaded: true,
        tabs: [...tabs, ...early],
        activeByProfile: { ...activeByProfile, ...s.activeByProfile },
        loadError,
      };
    }),
  add: (profileId, extra = {}) => {
    const id = newTabId();
    const titles = get()
      .tabs.filter((t) => t.profileId === profileId)
      .map((t) => t.title);
    const tab = newTab(id, profileId, extra.title ?? nextTitle(titles), extra);
    set((s) => ({ tabs: [...s.tabs, tab], activeByProfile: { ...s.activeByProfile, [profileId]: id } }));
    return id;
  },
  ensureTab: (profileId, database) => {
    if (get().loaded && !get().tabs.some((t) => t.profileId === profileId))
      get().add(profileId, { database });
  },
  remove: (id) =>
    set((s) => {
      const tab = s.tabs.find((t) => t.id === id);
      if (!tab) return s;
      const tabs = s.tabs.filter((t) => t.id !== id);
      const mine = s.tabs.filter((t) => t.profileId === tab.profileId);
      const activeByProfile = { ...s.activeByProfile };
      if (s.activeByProfile[tab.profileId] === id) {
        // the neighbour to the right, else to the left, takes its place
        const at = mine.findIndex((t) => t.id === id);
        const next = mine[at + 1] ?? mine[at - 1];
        if (next) activeByProfile[tab.profileId] = next.id;
        else delete activeByProfile[tab.profileId];
      }
      const { [id]: _gone, ...saveStates } = s.saveStates;
      return { tabs, activeByProfile, saveStates };
    }),
  activate: (profileId, id) => set((s) => ({ activeByProfile: { ...s.activeByProfile, [profileId]: id } })),
  update: (id, change) => set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...change } : t)) })),
  reorder: (ids) =>
    set((s) => {
      const named = new Set(ids);
      const byId = new Map(s.tabs.map((t) => [t.id, t]));
      const first = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      return { tabs: [...first, ...s.tabs.filter((t) => !named.has(t.id))] };
    }),
  setSaveState: (id, state) => set((s) => ({ saveStates: { ...s.saveStates, [id]: state } })),
}));

/** The tabs of one profile in order, and the one shown. */
export function profileTabs(
  s: Pick<QueryTabsState, "tabs" | "activeByProfile">,
  profileId: string,
): { mine: EditorTab[]; active: EditorTab | undefined } {
  const mine = s.tabs.filter((t) => t.profileId === profileId);
  return { mine, active: mine.find((t) => t.id === s.activeByProfile[profileId]) ?? mine[0] };
}

/** Opens `sql` in a new tab of the profile (e.g. generated DDL), shown when the Query page opens. */
export function openSqlInEditor(profileId: string, sql: string): void {
  useQueryTabs.getState().add(profileId, { sql });
}
