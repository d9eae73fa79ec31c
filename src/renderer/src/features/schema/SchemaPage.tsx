import type { AreaProps } from "../../app/areas";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { DataPanel } from "./data/DataPanel";
import { DdlPanel } from "./DdlPanel";
import { DetailsPanel } from "./DetailsPanel";
import { ErDiagram } from "./er/ErDiagram";
import { MigrationsPanel } from "./migrations/MigrationsPanel";
import { useRefreshSchema, useSchemaModel } from "./schema.queries";
import { useSchemaUi, type SchemaTab } from "./schema.store";
import { SchemaTree } from "./tree/SchemaTree";

const tabs: Array<{ id: SchemaTab; label: string; needsObject: boolean }> = [
  { id: "details", label: "Details", needsObject: true },
  { id: "ddl", label: "DDL", needsObject: true },
  { id: "data", label: "Data", needsObject: true },
  { id: "er", label: "ER diagram", needsObject: false },
  { id: "migrations", label: "Migrations & sizes", needsObject: false },
];

const browsable = new Set(["table", "partitioned", "matview", "foreign"]);

/** Schema browser: object tree, details, DDL, data, ER diagram, migration history. */
export function SchemaPage({ profileId }: AreaProps) {
  const model = useSchemaModel(profileId);
  const refresh = useRefreshSchema(profileId);
  const { selected, tab, setTab, search, setSearch } = useSchemaUi();

  if (model.error) return <ErrorMessage error={model.error} />;
  if (!model.data) return <p className="text-sm text-slate-500">Reading the catalog…</p>;
  const m = model.data;
  const relation =
    selected && m.relations.find((r) => r.schema === selected.schema && r.name === selected.name);
  const canBrowse = selected !== undefined && browsable.has(selected.kind);

  return (
    <section className="flex h-full min-h-[36rem] gap-4" data-testid="schema-page">
      <aside className="flex w-80 shrink-0 flex-col gap-2">
        <div className="flex gap-2">
          <input
            type="search"
            data-testid="schema-search"
            aria-label="Search objects"
            placeholder={`Search ${m.relations.length.toLocaleString()} relations…`}
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Button
            data-testid="schema-refresh"
            disabled={refresh.isPending}
            onClick={() => refresh.mutate()}
            title={`Read ${new Date(m.readAt).toLocaleTimeString()}`}
          >
            ↻
          </Button>
        </div>
        {refresh.error && <ErrorMessage error={refresh.error} />}
        <SchemaTree model={m} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <div role="tablist" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
          {tabs.map((t) => {
            const disabled = (t.needsObject && !selected) || (t.id === "data" && !canBrowse);
            return (
              <button
                key={t.id}
                type="button"
                role="tab"
                data-testid={`schema-tab-${t.id}`}
                aria-selected={tab === t.id}
                disabled={disabled}
                onClick={() => setTab(t.id)}
                className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm disabled:opacity-40 aria-selected:border-blue-600 aria-selected:font-medium"
              >
                {t.label}
              </button>
            );
          })}
        </div>
        <div className="min-h-0 flex-1 overflow-auto">
          {tab === "er" ? (
            <ErDiagram
              model={m}
              profileId={profileId}
              initialFocus={relation ? `${relation.schema}.${relation.name}` : undefined}
            />
          ) : tab === "migrations" ? (
            <MigrationsPanel profileId={profileId} />
          ) : !selected ? (
            <p className="text-sm text-slate-500">Pick an object in the tree.</p>
          ) : tab === "ddl" ? (
            <DdlPanel
              key={`${selected.kind}:${selected.schema}.${selected.name}`}
              profileId={profileId}
              target={selected}
            />
          ) : tab === "data" && canBrowse && relation ? (
            <DataPanel
              key={`${selected.schema}.${selected.name}`}
              profileId={profileId}
              target={selected}
              columns={relation.columns.map((c) => c.name)}
            />
          ) : (
            <DetailsPanel model={m} target={selected} />
          )}
        </div>
      </div>
    </section>
  );
}
