import type {
  ColumnInfo,
  ConstraintInfo,
  RelationInfo,
  SchemaModel,
} from "../../../../shared/contract/schema";
import type { SchemaObjectRef } from "./tree/tree-rows";

/** A labelled fact; one without a value is not shown. */
export type Fact = [label: string, value: string | undefined];

export interface FactSheet {
  title: string;
  facts: Fact[];
}

const fkAction: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};
const volatility: Record<string, string> = { i: "immutable", s: "stable", v: "volatile" };
const constraintType: Record<string, string> = {
  p: "primary key",
  f: "foreign key",
  u: "unique",
  c: "check",
  x: "exclusion",
};
const functionKind: Record<string, string> = { f: "function", p: "procedure", a: "aggregate", w: "window" };

export function findRelation(model: SchemaModel, target: SchemaObjectRef): RelationInfo | undefined {
  return model.relations.find(
    (r) => r.schema === target.schema && r.name === target.name && r.kind === target.kind,
  );
}

/** Items of a list (constraints, indexes, …) that belong to the target relation. */
export function onRelation<T extends { schema: string; table: string }>(
  list: T[],
  target: SchemaObjectRef,
): T[] {
  return list.filter((x) => x.schema === target.schema && x.table === target.name);
}

export function relationFacts(rel: RelationInfo): Fact[] {
  return [
    ["Kind", rel.kind],
    ["Owner", rel.owner],
    ["Rows (estimate)", rel.rowEstimate === null ? "not analyzed" : rel.rowEstimate.toLocaleString()],
    ["Comment", rel.comment],
    ["Partition key", rel.partitionKey],
    [
      "Partition of",
      rel.partitionOf && `${rel.partitionOf.schema}.${rel.partitionOf.name} ${rel.partitionOf.bound}`,
    ],
    ["Inherits", rel.inherits?.map((p) => `${p.schema}.${p.name}`).join(", ")],
    ["Row level security", rel.rlsEnabled ? (rel.rlsForced ? "enabled, forced" : "enabled") : undefined],
    ["Privileges", rel.acl?.join("  ")],
    ["Foreign server", rel.foreignServer],
  ];
}

/** Column, type (with collation), null-ness, default or how it is generated, comment. */
export function columnRow(c: ColumnInfo): string[] {
  const source = c.identity
    ? `identity (${c.identity === "a" ? "always" : "by default"})`
    : c.generated
      ? `generated: ${c.generated.expr}`
      : (c.default ?? "");
  return [
    c.name,
    c.type + (c.collation ? ` COLLATE ${c.collation}` : ""),
    c.notNull ? "not null" : "",
    source,
    c.comment ?? "",
  ];
}

/** Constraint name, its type with NOT VALID / inherited, and its definition with the FK actions. */
export function constraintRow(k: ConstraintInfo): string[] {
  return [
    k.name,
    `${constraintType[k.type]}${k.notValid ? " (not valid)" : ""}${k.inherited ? " (inherited)" : ""}`,
    k.definition +
      (k.references
        ? `  [on update ${fkAction[k.references.onUpdate]}, on delete ${fkAction[k.references.onDelete]}]`
        : ""),
  ];
}

/** The fact sheet of anything that is not a relation, or null when the model does not have it. */
export function objectSheet(model: SchemaModel, target: SchemaObjectRef): FactSheet | null {
  const same = (x: { schema: string; name: string }) => x.schema === target.schema && x.name === target.name;
  switch (target.kind) {
    case "function": {
      const f = model.functions.find((x) => x.oid === target.oid);
      return f
        ? {
            title: `${f.schema}.${f.name}(${f.args})`,
            facts: [
              ["Kind", functionKind[f.kind]],
              ["Returns", f.result],
              ["Language", f.language],
              ["Volatility", volatility[f.volatility]],
              ["Owner", f.owner],
              ["Comment", f.comment],
            ],
          }
        : null;
    }
    case "sequence": {
      const seq = model.sequences.find(same);
      return seq
        ? {
            title: `${seq.schema}.${seq.name}`,
            facts: [
              ["Type", seq.dataType],
              ["Start / increment", `${seq.start} / ${seq.increment}`],
              ["Range", `${seq.min} … ${seq.max}`],
              ["Owned by", seq.ownedBy && `${seq.ownedBy.schema}.${seq.ownedBy.table}.${seq.ownedBy.column}`],
              ["Owner", seq.owner],
            ],
          }
        : null;
    }
    case "enum":
    case "domain":
    case "composite":
    case "schema":
      return typeSheet(model, target, same);
    case "table":
    case "partitioned":
    case "view":
    case "matview":
    case "foreign":
      return null; // relations have their own sheet (relationFacts)
  }
}

/** Enums, domains, composite types and schemas. */
function typeSheet(
  model: SchemaModel,
  target: SchemaObjectRef,
  same: (x: { schema: string; name: string }) => boolean,
): FactSheet | null {
  const en = target.kind === "enum" ? model.enums.find(same) : undefined;
  if (en)
    return {
      title: `${en.schema}.${en.name}`,
      facts: [
        ["Enum labels", en.labels.join(", ")],
        ["Comment", en.comment],
      ],
    };
  const dom = target.kind === "domain" ? model.domains.find(same) : undefined;
  if (dom)
    return {
      title: `${dom.schema}.${dom.name}`,
      facts: [
        ["Base type", dom.baseType],
        ["Not null", dom.notNull ? "yes" : undefined],
        ["Default", dom.default],
        ["Checks", dom.checks.map((c) => `${c.name}: ${c.definition}`).join("; ")],
      ],
    };
  const comp = target.kind === "composite" ? model.composites.find(same) : undefined;
  if (comp)
    return { title: `${comp.schema}.${comp.name}`, facts: comp.attributes.map((a) => [a.name, a.type]) };
  const schema = target.kind === "schema" ? model.schemas.find((s) => s.name === target.name) : undefined;
  if (schema) {
    const count = model.relations.filter((r) => r.schema === schema.name).length;
    return {
      title: schema.name,
      facts: [
        ["Owner", schema.owner],
        ["Comment", schema.comment],
        ["Relations", String(count)],
      ],
    };
  }
  return null;
}
