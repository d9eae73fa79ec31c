import type { RelationInfo, SchemaModel } from "../../../../shared/contract/schema";
import {
  columnRow,
  constraintRow,
  findRelation,
  objectSheet,
  onRelation,
  relationFacts,
  type Fact,
} from "./details.model";
import type { SchemaObjectRef } from "./tree/tree-rows";

/** Everything the model knows about one object, as text. */
export function DetailsPanel({ model, target }: { model: SchemaModel; target: SchemaObjectRef }) {
  const rel = findRelation(model, target);
  if (rel) return <RelationDetails model={model} target={target} rel={rel} />;
  const sheet = objectSheet(model, target);
  return sheet ? <Facts title={sheet.title} facts={sheet.facts} /> : null;
}

/** A table, view or foreign table: its facts, then columns, constraints, indexes, triggers and policies. */
function RelationDetails({
  model,
  target,
  rel,
}: {
  model: SchemaModel;
  target: SchemaObjectRef;
  rel: RelationInfo;
}) {
  return (
    <div className="flex flex-col gap-4" data-testid="details-panel">
      <Facts title={`${target.schema}.${target.name}`} facts={relationFacts(rel)} />
      <Table
        testId="details-columns"
        head={["Column", "Type", "Null", "Default / generated", "Comment"]}
        rows={rel.columns.map(columnRow)}
      />
      <Table
        testId="details-constraints"
        head={["Constraint", "Type", "Definition"]}
        rows={onRelation(model.constraints, target).map(constraintRow)}
      />
      <Table
        testId="details-indexes"
        head={["Index", "Definition"]}
        rows={onRelation(model.indexes, target).map((i) => [
          i.name + (i.invalid ? " (INVALID)" : ""),
          i.definition,
        ])}
      />
      <Table
        testId="details-triggers"
        head={["Trigger", "Definition"]}
        rows={onRelation(model.triggers, target).map((t) => [t.name, t.definition])}
      />
      <Table
        testId="details-policies"
        head={["Policy", "Command", "Using / check"]}
        rows={onRelation(model.policies, target).map((p) => [
          p.name,
          p.command,
          [p.using, p.check].filter(Boolean).join(" / "),
        ])}
      />
    </div>
  );
}

function Facts({ title, facts }: { title: string; facts: Fact[] }) {
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
              <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
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
      <thead className="text-slate-600 dark:text-slate-400">
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
