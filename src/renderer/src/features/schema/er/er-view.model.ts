import type { SchemaModel } from "../../../../../shared/contract/schema";
import { buildErGraph, type ErGraph } from "./er-graph";

/** Past this many tables the diagram asks for a schema filter or focus mode instead of drawing everything. */
export const ER_MAX_NODES = 500;
/** The focus box suggests table names only up to this many (a longer datalist slows typing). */
export const ER_MAX_SUGGESTIONS = 5000;

/** Schemas that hold tables (views have no foreign keys to draw), sorted. */
export function erSchemaNames(model: SchemaModel): string[] {
  return [
    ...new Set(model.relations.filter((r) => r.kind !== "view" && r.kind !== "matview").map((r) => r.schema)),
  ].sort();
}

/** The diagram opens on public when there is one, else on the first schema. */
export function initialErSchemas(names: string[]): Set<string> {
  return new Set(names.includes("public") ? ["public"] : names.slice(0, 1));
}

/**
 * What is drawn: the focused table and its neighbours when the focus names a known table,
 * else the tables of the chosen schemas; nothing (undefined) when that is too many to draw.
 */
export function shownGraph(
  model: SchemaModel,
  inSchemas: ErGraph,
  focus: { table: string | undefined; hops: number },
): ErGraph | undefined {
  const known =
    focus.table !== undefined && model.relations.some((r) => `${r.schema}.${r.name}` === focus.table);
  const g = known ? buildErGraph(model, { focus: focus.table, hops: focus.hops }) : inSchemas;
  return g.nodes.length > ER_MAX_NODES ? undefined : g;
}

/** "Find table": an exact name (any case) wins, else the first name containing the text. */
export function findTable<T extends { id: string }>(nodes: T[], query: string): T | undefined {
  const q = query.trim().toLowerCase();
  return nodes.find((n) => n.id.toLowerCase() === q) ?? nodes.find((n) => n.id.toLowerCase().includes(q));
}

/** The hops box: at least one. */
export const hopsValue = (typed: string) => Math.max(1, Number(typed) || 1);
