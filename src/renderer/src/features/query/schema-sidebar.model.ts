import type { Completions } from "../../../../shared/contract/query";
import { CatalogIndex, quoteIdentIfNeeded } from "../../../../shared/sql-scope";

export interface SidebarRelation {
  schema: string;
  name: string;
  kind: string;
  /** As it must be typed here: schema-qualified only when the search path does not find it. */
  typed: string;
  columns: Array<{ name: string; type: string; typed: string }>;
}

/**
 * The user's relations for the sidebar (pg_catalog left out), each with how its name and
 * its columns' names must be typed, filtered by a search over relation and column names.
 */
export function sidebarRelations(catalog: Completions, search: string): SidebarRelation[] {
  const index = new CatalogIndex(catalog);
  const q = search.trim().toLowerCase();
  const quote = (n: string) => quoteIdentIfNeeded(n, index.keywords);
  return catalog.relations
    .filter((r) => r.schema !== "pg_catalog")
    .map((r) => ({
      schema: r.schema,
      name: r.name,
      kind: r.kind,
      typed: index.reachableUnqualified(r) ? quote(r.name) : `${quote(r.schema)}.${quote(r.name)}`,
      columns: index.columns(r).map((c) => ({ name: c.name, type: c.type, typed: quote(c.name) })),
    }))
    .filter(
      (r) =>
        q === "" ||
        r.name.toLowerCase().includes(q) ||
        r.schema.toLowerCase().includes(q) ||
        r.columns.some((c) => c.name.toLowerCase().includes(q)),
    );
}
