import { useMemo, useState, type DragEvent } from "react";
import type { Completions } from "../../../../shared/contract/query";
import { sidebarRelations, type SidebarRelation } from "./schema-sidebar.model";
import { NAME_MIME } from "./SqlEditor";

/** At most this many relations are drawn; the search narrows the rest. */
const SHOWN = 300;

const dragName = (typed: string) => (e: DragEvent) => {
  e.dataTransfer.setData(NAME_MIME, typed);
  e.dataTransfer.setData("text/plain", typed);
  e.dataTransfer.effectAllowed = "copy";
};

/** The database's tables and columns beside the editor: drag a name into the SQL (typed as it must be). */
export function SchemaSidebar({ completions }: { completions: Completions | undefined }) {
  const [open, setOpen] = useState(true);
  const [search, setSearch] = useState("");
  const relations = useMemo(
    () => (completions ? sidebarRelations(completions, search) : []),
    [completions, search],
  );
  if (!open)
    return (
      <button
        type="button"
        className="self-start text-xs text-slate-600 dark:text-slate-400 underline"
        onClick={() => setOpen(true)}
        data-testid="schema-sidebar-open"
      >
        Schema ›
      </button>
    );
  return (
    <aside
      className="flex w-56 shrink-0 flex-col gap-1 border-r border-slate-200 pr-2 text-xs dark:border-slate-800"
      data-testid="schema-sidebar"
    >
      <div className="flex items-center gap-1">
        <input
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Find a table or column"
          aria-label="Find a table or column"
          className="min-w-0 flex-1 rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700"
        />
        <button
          type="button"
          onClick={() => setOpen(false)}
          aria-label="Hide the schema"
          className="text-slate-600 dark:text-slate-400"
        >
          ‹
        </button>
      </div>
      {!completions && <p className="text-slate-600 dark:text-slate-400">Loading names…</p>}
      <ul className="min-h-0 flex-1 overflow-auto" aria-label="Tables and columns">
        {relations.slice(0, SHOWN).map((r) => (
          <RelationNode key={`${r.schema}.${r.name}`} relation={r} />
        ))}
      </ul>
      {relations.length > SHOWN && (
        <p className="text-slate-600 dark:text-slate-400">
          {relations.length - SHOWN} more: narrow the search.
        </p>
      )}
    </aside>
  );
}

function RelationNode({ relation }: { relation: SidebarRelation }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <li>
      <div className="flex items-center gap-1">
        <button
          type="button"
          onClick={() => setExpanded((x) => !x)}
          aria-expanded={expanded}
          className="w-3 text-slate-600 dark:text-slate-400"
          aria-label={`Columns of ${relation.name}`}
        >
          {expanded ? "▾" : "▸"}
        </button>
        <span
          draggable
          onDragStart={dragName(relation.typed)}
          className="cursor-grab truncate"
          title={`${relation.kind} ${relation.schema}.${relation.name} — drag into the editor`}
          data-testid="sidebar-relation"
        >
          {relation.schema === "public" ? relation.name : `${relation.schema}.${relation.name}`}
        </span>
      </div>
      {expanded && (
        <ul className="ml-4">
          {relation.columns.map((c) => (
            <li
              key={c.name}
              draggable
              onDragStart={dragName(c.typed)}
              className="flex cursor-grab justify-between gap-1"
              data-testid="sidebar-column"
            >
              <span className="truncate">{c.name}</span>
              <span className="truncate text-slate-600 dark:text-slate-400">{c.type}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
