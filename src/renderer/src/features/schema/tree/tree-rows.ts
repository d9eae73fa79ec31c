import type { SchemaModel } from "../../../../../shared/contract/schema";

/** What the details/DDL/data panels show: one catalog object. */
export interface SchemaObjectRef {
  kind:
    | "schema"
    | "table"
    | "partitioned"
    | "view"
    | "matview"
    | "foreign"
    | "function"
    | "sequence"
    | "enum"
    | "domain"
    | "composite";
  schema: string;
  name: string;
  oid?: number;
}

export interface TreeRow {
  id: string;
  depth: number;
  label: string;
  /** Secondary text (type, signature, count). */
  hint?: string;
  expandable: boolean;
  expanded: boolean;
  ref?: SchemaObjectRef;
}

const groups = [
  { key: "tables", label: "Tables" },
  { key: "views", label: "Views" },
  { key: "matviews", label: "Materialized views" },
  { key: "foreign", label: "Foreign tables" },
  { key: "functions", label: "Functions" },
  { key: "sequences", label: "Sequences" },
  { key: "types", label: "Types" },
] as const;

type GroupKey = (typeof groups)[number]["key"];

interface Leaf {
  ref: SchemaObjectRef;
  hint?: string;
  /** Child rows (columns) when the leaf is a relation. */
  columns?: Array<{ name: string; type: string }>;
}

/** Objects per schema and group, built once per model (the expensive part). */
export type TreeIndex = Map<string, Map<GroupKey, Leaf[]>>;

export function buildTreeIndex(model: SchemaModel): TreeIndex {
  const index: TreeIndex = new Map(model.schemas.map((s) => [s.name, new Map()]));
  const add = (schema: string, group: GroupKey, leaf: Leaf) => {
    let groupsOf = index.get(schema);
    if (!groupsOf) index.set(schema, (groupsOf = new Map()));
    let list = groupsOf.get(group);
    if (!list) groupsOf.set(group, (list = []));
    list.push(leaf);
  };
  for (const r of model.relations) {
    const group: GroupKey =
      r.kind === "view"
        ? "views"
        : r.kind === "matview"
          ? "matviews"
          : r.kind === "foreign"
            ? "foreign"
            : "tables";
    add(r.schema, group, {
      ref: { kind: r.kind, schema: r.schema, name: r.name, oid: r.oid },
      ...(r.partitionOf
        ? { hint: `partition of ${r.partitionOf.name}` }
        : r.kind === "partitioned"
          ? { hint: "partitioned" }
          : {}),
      columns: r.columns,
    });
  }
  for (const f of model.functions)
    add(f.schema, "functions", {
      ref: { kind: "function", schema: f.schema, name: f.name, oid: f.oid },
      hint: `(${f.args})`,
    });
  for (const s of model.sequences)
    add(s.schema, "sequences", { ref: { kind: "sequence", schema: s.schema, name: s.name } });
  for (const e of model.enums)
    add(e.schema, "types", { ref: { kind: "enum", schema: e.schema, name: e.name }, hint: "enum" });
  for (const d of model.domains)
    add(d.schema, "types", { ref: { kind: "domain", schema: d.schema, name: d.name }, hint: "domain" });
  for (const c of model.composites)
    add(c.schema, "types", { ref: { kind: "composite", schema: c.schema, name: c.name }, hint: "composite" });
  return index;
}

export const refId = (ref: SchemaObjectRef) =>
  `${ref.kind}:${ref.schema}.${ref.name}${ref.oid && ref.kind === "function" ? `#${ref.oid}` : ""}`;

/**
 * The visible rows of the tree: schemas, their groups, objects and (for expanded
 * relations) columns. A search shows every match with its ancestors expanded.
 */
export function visibleRows(index: TreeIndex, expanded: ReadonlySet<string>, search: string): TreeRow[] {
  const rows: TreeRow[] = [];
  const q = search.trim().toLowerCase();
  for (const [schema, groupsOf] of index) {
    const schemaId = `s:${schema}`;
    const schemaRow: TreeRow = {
      id: schemaId,
      depth: 0,
      label: schema,
      expandable: true,
      expanded: q !== "" || expanded.has(schemaId),
      ref: { kind: "schema", schema, name: schema },
    };
    const before = rows.length;
    rows.push(schemaRow);
    for (const g of groups) {
      const all = groupsOf.get(g.key);
      if (!all?.length) continue;
      const leaves = q ? all.filter((l) => l.ref.name.toLowerCase().includes(q)) : all;
      if (!leaves.length) continue;
      if (!schemaRow.expanded) continue;
      const groupId = `g:${schema}:${g.key}`;
      const open = q !== "" || expanded.has(groupId);
      rows.push({
        id: groupId,
        depth: 1,
        label: g.label,
        hint: String(leaves.length),
        expandable: true,
        expanded: open,
      });
      if (!open) continue;
      for (const leaf of leaves) {
        const id = refId(leaf.ref);
        const hasColumns = (leaf.columns?.length ?? 0) > 0;
        const leafOpen = hasColumns && expanded.has(id);
        rows.push({
          id,
          depth: 2,
          label: leaf.ref.name,
          ...(leaf.hint ? { hint: leaf.hint } : {}),
          expandable: hasColumns,
          expanded: leafOpen,
          ref: leaf.ref,
        });
        if (leafOpen)
          for (const c of leaf.columns!)
            rows.push({
              id: `${id}/${c.name}`,
              depth: 3,
              label: c.name,
              hint: c.type,
              expandable: false,
              expanded: false,
            });
      }
    }
    // during a search, schemas without matches disappear
    if (q && rows.length === before + 1 && !schema.toLowerCase().includes(q)) rows.pop();
  }
  return rows;
}
