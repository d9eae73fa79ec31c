import type { SchemaTab } from "./schema.store";
import type { SchemaObjectRef } from "./tree/tree-rows";

export const SCHEMA_TABS: Array<{ id: SchemaTab; label: string; needsObject: boolean }> = [
  { id: "details", label: "Details", needsObject: true },
  { id: "ddl", label: "DDL", needsObject: true },
  { id: "data", label: "Data", needsObject: true },
  { id: "er", label: "ER diagram", needsObject: false },
  { id: "script", label: "Database script", needsObject: false },
  { id: "migrations", label: "Migrations & sizes", needsObject: false },
];

/** Relations whose rows can be read (views are left out: reading one runs its query). */
const browsable = new Set<SchemaObjectRef["kind"]>(["table", "partitioned", "matview", "foreign"]);

export const canBrowseData = (selected: SchemaObjectRef | undefined) =>
  selected !== undefined && browsable.has(selected.kind);

/** Object tabs need a selection; Data also needs a relation whose rows can be read. */
export function isTabDisabled(tab: (typeof SCHEMA_TABS)[number], selected: SchemaObjectRef | undefined) {
  return (tab.needsObject && !selected) || (tab.id === "data" && !canBrowseData(selected));
}
