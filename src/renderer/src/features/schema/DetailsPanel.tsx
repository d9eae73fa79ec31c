import type { ReactNode } from "react";
import type { SchemaModel } from "../../../../shared/contract/schema";
import type { SchemaObjectRef } from "./tree/tree-rows";

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

/** Everything the model knows about one object, as text. */
export function DetailsPanel({ model, target }: { model: SchemaModel; target: SchemaObjectRef }) {
  const on = <T extends { schema: string; table: string }>(list: T[]) =>
    list.filter((x) => x.schema === target.schema && x.table === target.name);
  const rel = model.relations.find(
    (r) => r.schema === target.schema && r.name === target.name && r.kind === target.kind,
  );
  if (rel) {
    return (
      <div className="flex flex-col gap-4" data-testid="details-panel">
        <Facts
          title={`${target.schema}.${target.name}`}
          facts={[
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
            [
              "Row level security",
              rel.rlsEnabled ? (rel.rlsForced ? "enabled, forced" : "enabled") : undefined,
            ],
            ["Privileges", rel.acl?.join("  ")],
            ["Foreign server", rel.foreignServer],
          ]}
        />
        <Table
          testId="details-columns"
          head={["Column", "Type", "Null", "Default / generated", "Comment"]}
          rows={rel.columns.map((c) => [
            c.name,
            c.type + (c.collation ? ` COLLATE ${c.collation}` : ""),
            c.notNull ? "not null" : "",
            c.identity
              ? `identity (${c.identity === "a" ? "always" : "by default"})`
              : c.generated
                ? `generated: ${c.generated.expr}`
                : (c.default ?? ""),
            c.comment ?? "",
          ])}
        />
        <Table
          testId="details-constraints"
          head={["Constraint", "Type", "Definition"]}
          rows={on(model.constraints).map((k) => [
            k.name,
            `${constraintType[k.type]}${k.notValid ? " (not valid)" : ""}${k.inherited ? " (inherited)" : ""}`,
            k.definition +
              (k.references
                ? `  [on update ${fkAction[k.references.onUpdate]}, on delete ${fkAction[k.references.onDelete]}]`
                : ""),
          ])}
        />
        <Table
          testId="details-indexes"
          head={["Index", "Definition"]}
          rows={on(model.indexes).map((i) => [i.name + (i.invalid ? " (INVALID)" : ""), i.definition])}
        />
        <Table
          testId="details-triggers"
          head={["Trigger", "Definition"]}
          rows={on(model.triggers).map((t) => [t.name, t.definition])}
        />
        <Table
          testId="details-policies"
          head={["Policy", "Command", "Using / check"]}
          rows={on(model.policies).map((p) => [
            p.name,
            p.command,
            [p.using, p.check].filter(Boolean).join(" / "),
          ])}
        />
      </div>
    );
  }
  if (target.kind === "function") {
    const f = model.functions.find((x) => x.oid === target.oid);
    if (!f) return null;
    return (
      <Facts
        title={`${f.schema}.${f.name}(${f.args})`}
        facts={[
          ["Kind", { f: "function", p: "procedure", a: "aggregate", w: "window" }[f.kind]],
          ["Returns", f.result],
          ["Language", f.language],
          ["Volatility", volatility[f.volatility]],
          ["Owner", f.owner],
          ["Comment", f.comment],
        ]}
      />
    );
  }
  const seq =
    target.kind === "sequence" &&
    model.sequences.find((s) => s.schema === target.schema && s.name === target.name);
  if (seq) {
    return (
      <Facts
        title={`${seq.schema}.${seq.name}`}
        facts={[
          ["Type", seq.dataType],
          ["Start / increment", `${seq.start} / ${seq.increment}`],
          ["Range", `${seq.min} … ${seq.max}`],
          ["Owned by", seq.ownedBy && `${seq.ownedBy.schema}.${seq.ownedBy.table}.${seq.ownedBy.column}`],
          ["Owner", seq.owner],
        ]}
      />
    );
  }
  const en =
    target.kind === "enum" && model.enums.find((e) => e.schema === target.schema && e.name === target.name);
  if (en)
    return (
      <Facts
        title={`${en.schema}.${en.name}`}
        facts={[
          ["Enum labels", en.labels.join(", ")],
          ["Comment", en.comment],
        ]}
      />
    );
  const dom =
    target.kind === "domain" &&
    model.domains.find((e) => e.schema === target.schema && e.name === target.name);
  if (dom)
    return (
      <Facts
        title={`${dom.schema}.${dom.name}`}
        facts={[
          ["Base type", dom.baseType],
          ["Not null", dom.notNull ? "yes" : undefined],
          ["Default", dom.default],
          ["Checks", dom.checks.map((c) => `${c.name}: ${c.definition}`).join("; ")],
        ]}
      />
    );
  const comp =
    target.kind === "composite" &&
    model.composites.find((e) => e.schema === target.schema && e.name === target.name);
  if (comp)
    return (
      <Facts title={`${comp.schema}.${comp.name}`} facts={comp.attributes.map((a) => [a.name, a.type])} />
    );
  const schema = model.schemas.find((s) => s.name === target.name);
  if (target.kind === "schema" && schema) {
    const count = model.relations.filter((r) => r.schema === schema.name).length;
    return (
      <Facts
        title={schema.name}
        facts={[
          ["Owner", schema.owner],
          ["Comment", schema.comment],
          ["Relations", String(count)],
        ]}
      />
    );
  }
  return null;
}

function Facts({ title, facts }: { title: string; facts: Array<[string, ReactNode | undefined]> }) {
  return (
    <section data-testid="details-facts">
      <h2 className="mb-2 text-lg font-semibold" data-testid="details-title">
        {title}
      </h2>
      <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1 text-sm">
        {facts
          .filter(([, v]) => v !== undefined && v !== "")
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

function Table({ head, rows, testId }: { head: string[]; rows: string[][]; testId: string }) {
  if (!rows.length) return null;
  return (
    <table className="w-full text-left text-sm" data-testid={testId}>
      <thead className="text-slate-500">
        <tr>
          {head.map((h) => (
            <th key={h} className="py-1 pr-3 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className="border-t border-slate-200 align-top dark:border-slate-800">
            {r.map((cell, j) => (
              <td key={j} className={`py-1 pr-3 ${j === 0 ? "font-medium" : "font-mono text-xs"}`}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
