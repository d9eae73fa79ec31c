import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import type { SchemaModel } from "../../../../../shared/contract/schema";
import { useSchemaUi } from "../schema.store";
import { buildTreeIndex, refId, visibleRows } from "./tree-rows";

const ROW = 24;

/** The object tree: only the visible rows are in the DOM, so 10,000+ tables scroll smoothly. */
export function SchemaTree({ model }: { model: SchemaModel }) {
  const { expanded, search, selected, toggle, select, setTab, tab } = useSchemaUi();
  const index = useMemo(() => buildTreeIndex(model), [model]);
  const rows = useMemo(() => visibleRows(index, expanded, search), [index, expanded, search]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 20,
  });
  const selectedId = selected ? refId(selected) : undefined;

  return (
    <div
      ref={scroller}
      className="min-h-0 flex-1 overflow-auto text-sm"
      data-testid="schema-tree"
      role="tree"
    >
      <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const isSelected = row.id === selectedId;
          return (
            <div
              key={row.id}
              role="treeitem"
              aria-expanded={row.expandable ? row.expanded : undefined}
              aria-selected={isSelected}
              data-testid="tree-row"
              data-row-id={row.id}
              className={`absolute left-0 flex w-full cursor-default items-center gap-1 truncate pr-2 ${isSelected ? "bg-blue-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
              style={{ top: item.start, height: ROW, paddingLeft: 4 + row.depth * 14 }}
              onClick={() => {
                if (row.ref) {
                  select(row.ref);
                  if (tab === "er" || tab === "migrations") setTab("details");
                } else if (row.expandable) toggle(row.id);
              }}
            >
              <button
                type="button"
                aria-label={row.expanded ? "Collapse" : "Expand"}
                className={`w-4 shrink-0 text-xs text-slate-600 dark:text-slate-400 ${row.expandable ? "" : "invisible"}`}
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(row.id);
                }}
              >
                {row.expanded ? "▾" : "▸"}
              </button>
              <span
                className={`truncate ${row.depth === 1 ? "font-medium text-slate-600 dark:text-slate-400" : ""}`}
              >
                {row.label}
              </span>
              {row.hint && (
                <span
                  className={`ml-auto shrink-0 truncate pl-2 text-xs ${isSelected ? "text-blue-100" : "text-slate-600 dark:text-slate-400"}`}
                >
                  {row.hint}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
