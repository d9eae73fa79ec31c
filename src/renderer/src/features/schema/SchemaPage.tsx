import type { SchemaModel } from "../../../../shared/contract/schema";
import { count } from "../../../../shared/format/plural";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { DataPanel } from "./data/DataPanel";
import { DdlPanel } from "./DdlPanel";
import { DetailsPanel } from "./DetailsPanel";
import { ErDiagram } from "./er/ErDiagram";
import { MigrationsPanel } from "./migrations/MigrationsPanel";
import { ScriptPanel } from "./ScriptPanel";
import { canBrowseData, isTabDisabled, SCHEMA_TABS } from "./schema-tabs.model";
import { useRefreshSchema, useSchemaModel } from "./schema.queries";
import { useSchemaUi } from "./schema.store";
import { SchemaTree } from "./tree/SchemaTree";

/** Schema browser: object tree, details, DDL, data, ER diagram, migration history. */
export function SchemaPage({ profileId }: AreaProps) {
  const model = useSchemaModel(profileId);
  const { selected, tab, setTab } = useSchemaUi();

  if (model.error) return <ErrorMessage error={model.error} />;
  if (!model.data) return <p className="text-sm text-slate-600 dark:text-slate-400">Reading the catalog…</p>;
  return (
    <section className="flex h-full min-h-[36rem] gap-4" data-testid="schema-page">
      <SchemaSidebar profileId={profileId} model={model.data} />
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <div role="tablist" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
          {SCHEMA_TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              data-testid={`schema-tab-${t.id}`}
              aria-selected={tab === t.id}
              disabled={isTabDisabled(t, selected)}
              onClick={() => setTab(t.id)}
              className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm disabled:opacity-40 aria-selected:border-blue-600 aria-selected:font-medium"
            >
              {t.label}
            </button>
          ))}
        </div>
        <div className="min-h-0 flex-1 overflow-auto">
          <TabContent profileId={profileId} model={model.data} />
        </div>
      </div>
    </section>
  );
}

/** Search, refresh (reads the catalog again) and the object tree. */
function SchemaSidebar({ profileId, model }: { profileId: string; model: SchemaModel }) {
  const refresh = useRefreshSchema(profileId);
  const { search, setSearch } = useSchemaUi();
  return (
    <aside className="flex w-80 shrink-0 flex-col gap-2">
      <div className="flex gap-2">
        <input
          type="search"
          data-testid="schema-search"
          aria-label="Search objects"
          placeholder={`Search ${count(model.relations.length, "relation")}…`}
          className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Button
          data-testid="schema-refresh"
          disabled={refresh.isPending}
          onClick={() => refresh.mutate()}
          title={`Read ${new Date(model.readAt).toLocaleTimeString()}`}
        >
          ↻
        </Button>
      </div>
      {refresh.error && <ErrorMessage error={refresh.error} />}
      <SchemaTree model={model} />
    </aside>
  );
}

/** The open tab: diagram and migrations need no selection, the others show the selected object. */
function TabContent({ profileId, model }: { profileId: string; model: SchemaModel }) {
  const { selected, tab } = useSchemaUi();
  const relation =
    selected && model.relations.find((r) => r.schema === selected.schema && r.name === selected.name);
  if (tab === "er")
    return (
      <ErDiagram
        model={model}
        profileId={profileId}
        initialFocus={relation ? `${relation.schema}.${relation.name}` : undefined}
      />
    );
  if (tab === "migrations") return <MigrationsPanel profileId={profileId} />;
  if (tab === "script") return <ScriptPanel profileId={profileId} />;
  if (!selected)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Pick an object in the tree.</p>;
  if (tab === "ddl")
    return (
      <DdlPanel
        key={`${selected.kind}:${selected.schema}.${selected.name}`}
        profileId={profileId}
        target={selected}
      />
    );
  if (tab === "data" && canBrowseData(selected) && relation)
    return (
      <DataPanel
        key={`${selected.schema}.${selected.name}`}
        profileId={profileId}
        target={selected}
        columns={relation.columns.map((c) => c.name)}
      />
    );
  return <DetailsPanel model={model} target={selected} />;
}
