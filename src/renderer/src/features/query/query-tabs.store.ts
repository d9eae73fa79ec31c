import { create } from "zustand";

export interface QueryTabState {
  id: string;
  profileId: string;
  title: string;
  sql: string;
  /** The tab's statement timeout in seconds; 0 = none. */
  timeoutSeconds: number;
  rowCap: number;
}

interface QueryTabsState {
  tabs: QueryTabState[];
  activeByProfile: Record<string, string>;
  add(profileId: string, sql?: string): string;
  /** Opens a first tab for a profile that has none (idempotent, also under StrictMode). */
  ensureTab(profileId: string): void;
  close(id: string): void;
  activate(profileId: string, id: string): void;
  update(id: string, patch: Partial<Omit<QueryTabState, "id" | "profileId">>): void;
}

let seq = 0;

/** Open editor tabs (UI state): their text and settings survive switching areas. */
export const useQueryTabs = create<QueryTabsState>((set, get) => ({
  tabs: [],
  activeByProfile: {},
  add: (profileId, sql = "") => {
    const id = `tab${Date.now().toString(36)}${++seq}`;
    const n = get().tabs.filter((t) => t.profileId === profileId).length + 1;
    set((s) => ({
      tabs: [...s.tabs, { id, profileId, title: `Query ${n}`, sql, timeoutSeconds: 0, rowCap: 10_000 }],
      activeByProfile: { ...s.activeByProfile, [profileId]: id },
    }));
    return id;
  },
  ensureTab: (profileId) => {
    if (!get().tabs.some((t) => t.profileId === profileId)) get().add(profileId, "");
  },
  close: (id) =>
    set((s) => {
      const tab = s.tabs.find((t) => t.id === id);
      const tabs = s.tabs.filter((t) => t.id !== id);
      if (!tab) return s;
      const rest = tabs.filter((t) => t.profileId === tab.profileId);
      const active =
        s.activeByProfile[tab.profileId] === id
          ? rest[rest.length - 1]?.id
          : s.activeByProfile[tab.profileId];
      const activeByProfile = { ...s.activeByProfile };
      if (active) activeByProfile[tab.profileId] = active;
      else delete activeByProfile[tab.profileId];
      return { tabs, activeByProfile };
    }),
  activate: (profileId, id) => set((s) => ({ activeByProfile: { ...s.activeByProfile, [profileId]: id } })),
  update: (id, patch) => set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
}));
