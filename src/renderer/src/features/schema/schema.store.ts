import { create } from "zustand";
import type { SchemaObjectRef } from "./tree/tree-rows";

export type SchemaTab = "details" | "ddl" | "data" | "er" | "script" | "migrations";

/** UI state of the schema page: selection, open tab, expanded tree nodes, search. */
interface SchemaUi {
  selected: SchemaObjectRef | undefined;
  tab: SchemaTab;
  expanded: ReadonlySet<string>;
  search: string;
  select(ref: SchemaObjectRef | undefined): void;
  setTab(tab: SchemaTab): void;
  toggle(id: string): void;
  expand(ids: string[]): void;
  setSearch(search: string): void;
}

export const useSchemaUi = create<SchemaUi>((set) => ({
  selected: undefined,
  tab: "details",
  expanded: new Set(["s:public", "g:public:tables"]),
  search: "",
  select: (selected) => set({ selected }),
  setTab: (tab) => set({ tab }),
  toggle: (id) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      if (expanded.has(id)) expanded.delete(id);
      else expanded.add(id);
      return { expanded };
    }),
  expand: (ids) => set((s) => ({ expanded: new Set([...s.expanded, ...ids]) })),
  setSearch: (search) => set({ search }),
}));
