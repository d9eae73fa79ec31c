import type { UseQueryResult } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { DumpableSchema } from "../../../../shared/contract/backup";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { formatBytes } from "../../components/format";
import { opensForFilter, pickerNeedle, schemaMatches, shownObjects } from "./object-picker.model";
import {
  relationKey,
  schemaKey,
  schemaState,
  toggleRelation,
  toggleSchema,
  type DumpSelection,
  type Unticked,
} from "../../../../shared/backup/object-selection";
import { count } from "../../../../shared/format/plural";

interface Props {
  objects: UseQueryResult<{ schemas: DumpableSchema[] }>;
  open: boolean;
  onOpen: (open: boolean) => void;
  unticked: Unticked;
  onChange: (unticked: Set<string>) => void;
  selection: DumpSelection;
}

/** Ticks schemas and relations in or out of a backup; names are the catalog's, never typed. */
export function ObjectPicker({ objects, open, onOpen, unticked, onChange, selection }: Props) {
  const [filter, setFilter] = useState("");
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const schemas = objects.data?.schemas ?? [];
  const needle = pickerNeedle(filter);

  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="backup-objects">
      <div className="flex items-center gap-2">
        <span className="text-slate-600 dark:text-slate-400">Objects:</span>
        <span data-testid="backup-objects-summary">{selection.summary}</span>
        <Button onClick={() => onOpen(!open)} data-testid="backup-objects-toggle">
          {open ? "Hide" : "Choose…"}
        </Button>
      </div>
      {selection.warning && (
        <p className="text-amber-700 dark:text-amber-400" data-testid="backup-objects-warning">
          {selection.warning}
        </p>
      )}
      {selection.blocked && (
        <p className="text-red-700 dark:text-red-400" data-testid="backup-objects-blocked">
          {selection.blocked}
        </p>
      )}
      {open && (
        <div className="flex flex-col gap-2 rounded border border-slate-200 p-2 dark:border-slate-800">
          <div className="flex gap-2">
            <input
              className="flex-1 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
              placeholder="Filter schemas and tables"
              aria-label="Filter objects"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <Button onClick={() => onChange(new Set())} data-testid="backup-objects-all">
              All
            </Button>
            <Button
              onClick={() =>
                onChange(
                  new Set(
                    schemas.flatMap((s) => [
                      schemaKey(s.name),
                      ...s.objects.map((o) => relationKey(s.name, o.name)),
                    ]),
                  ),
                )
              }
              data-testid="backup-objects-none"
            >
              None
            </Button>
          </div>
          {objects.isPending && <p className="text-slate-600 dark:text-slate-400">Reading the catalog…</p>}
          <ErrorMessage error={objects.error} />
          <ul className="max-h-80 overflow-y-auto" data-testid="backup-objects-list">
            {schemas
              .filter((s) => schemaMatches(s, needle))
              .map((s) => (
                <SchemaRow
                  key={s.name}
                  schema={s}
                  unticked={unticked}
                  onChange={onChange}
                  expanded={expanded.has(s.name) || opensForFilter(s, needle)}
                  onExpand={() => setExpanded((prev) => toggled(prev, s.name))}
                  needle={needle}
                />
              ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

interface SchemaRowProps {
  schema: DumpableSchema;
  unticked: Unticked;
  onChange: (unticked: Set<string>) => void;
  expanded: boolean;
  onExpand: () => void;
  needle: string;
}

function SchemaRow({ schema, unticked, onChange, expanded, onExpand, needle }: SchemaRowProps) {
  const state = schemaState(schema, unticked);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = state === "some";
  }, [state]);
  const shown = shownObjects(schema, needle);
  return (
    <li data-testid="backup-object-schema" data-schema={schema.name}>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className="w-4 text-slate-600 dark:text-slate-400"
          onClick={onExpand}
          aria-label={`${expanded ? "Collapse" : "Expand"} schema ${schema.name}`}
        >
          {expanded ? "▾" : "▸"}
        </button>
        <label className="flex items-center gap-2">
          <input
            ref={box}
            type="checkbox"
            checked={state === "all"}
            onChange={() => onChange(toggleSchema(schema, unticked))}
            aria-label={`Schema ${schema.name}`}
          />
          <span className="font-medium">{schema.name}</span>
        </label>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {count(schema.objects.length, "relation")}
        </span>
      </div>
      {expanded && (
        <ul className="ml-10">
          {shown.map((o) => (
            <li key={o.name} data-testid="backup-object" data-object={`${schema.name}.${o.name}`}>
              <label className={`flex items-center gap-2 ${o.partitionOf ? "ml-4" : ""}`}>
                <input
                  type="checkbox"
                  checked={!unticked.has(relationKey(schema.name, o.name))}
                  onChange={() => onChange(toggleRelation(schema, o.name, unticked))}
                  aria-label={`${o.kind} ${schema.name}.${o.name}`}
                />
                <span>{o.name}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {o.kind}
                  {o.partitionOf ? ` of ${o.partitionOf}` : ""}
                  {o.bytes > 0 ? ` · ${formatBytes(o.bytes)}` : ""}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
