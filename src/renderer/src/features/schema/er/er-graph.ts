import type { SchemaModel } from "../../../../../shared/contract/schema";

export interface ErNode {
  id: string;
  schema: string;
  name: string;
  columns: Array<{ name: string; type: string; pk: boolean; fk: boolean }>;
}

export interface ErEdge {
  id: string;
  source: string;
  target: string;
  label: string;
}

export interface ErGraph {
  nodes: ErNode[];
  edges: ErEdge[];
}

export const tableId = (schema: string, name: string) => `${schema}.${name}`;

export interface ErOptions {
  /** Only these schemas (all when empty). */
  schemas?: ReadonlySet<string>;
  /** Focus mode: this table and its neighbours within `hops` FK edges. */
  focus?: string;
  hops?: number;
  /** Hide partitions (their parent stands for them). */
  hidePartitions?: boolean;
}

/** Tables (with key columns marked) and FK edges, filtered by schema or focused on one table. */
export function buildErGraph(model: SchemaModel, options: ErOptions = {}): ErGraph {
  const inScope = (schema: string) => !options.schemas?.size || options.schemas.has(schema);
  const tables = model.relations.filter(
    (r) =>
      (r.kind === "table" || r.kind === "partitioned" || r.kind === "foreign") &&
      inScope(r.schema) &&
      !(options.hidePartitions !== false && r.partitionOf),
  );
  const ids = new Set(tables.map((t) => tableId(t.schema, t.name)));
  const pk = new Map<string, Set<string>>();
  const fk = new Map<string, Set<string>>();
  const mark = (map: Map<string, Set<string>>, id: string, cols: string[]) => {
    let s = map.get(id);
    if (!s) map.set(id, (s = new Set()));
    cols.forEach((c) => s.add(c));
  };
  const edges: ErEdge[] = [];
  for (const k of model.constraints) {
    if (k.inherited) continue;
    const id = tableId(k.schema, k.table);
    if (k.type === "p") mark(pk, id, k.columns);
    if (k.type === "f" && k.references) {
      mark(fk, id, k.columns);
      const target = tableId(k.references.schema, k.references.table);
      if (ids.has(id) && ids.has(target))
        edges.push({ id: `${id}/${k.name}`, source: id, target, label: k.columns.join(", ") });
    }
  }
  let keep: Set<string> = ids;
  if (options.focus && ids.has(options.focus)) {
    const adjacent = new Map<string, string[]>();
    for (const e of edges) {
      (adjacent.get(e.source) ?? adjacent.set(e.source, []).get(e.source)!).push(e.target);
      (adjacent.get(e.target) ?? adjacent.set(e.target, []).get(e.target)!).push(e.source);
    }
    keep = new Set([options.focus]);
    let frontier = [options.focus];
    for (let hop = 0; hop < (options.hops ?? 1); hop++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const n of adjacent.get(id) ?? []) {
          if (keep.has(n)) continue;
          keep.add(n);
          next.push(n);
        }
      }
      frontier = next;
    }
  }
  return {
    nodes: tables
      .filter((t) => keep.has(tableId(t.schema, t.name)))
      .map((t) => {
        const id = tableId(t.schema, t.name);
        return {
          id,
          schema: t.schema,
          name: t.name,
          columns: t.columns.map((c) => ({
            name: c.name,
            type: c.type,
            pk: pk.get(id)?.has(c.name) ?? false,
            fk: fk.get(id)?.has(c.name) ?? false,
          })),
        };
      }),
    edges: edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}
