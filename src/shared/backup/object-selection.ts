import type { DumpableSchema, TableRef } from "../contract/backup";

/**
 * The picker's state is the set of things the user unticked; everything starts ticked,
 * so "the whole database" is the empty set. Keys: `schema\u0000name` for a relation,
 * `schema\u0000` for an (empty) schema itself.
 */
export type Unticked = ReadonlySet<string>;

export const relationKey = (schema: string, name: string) => `${schema}\u0000${name}`;
export const schemaKey = (schema: string) => `${schema}\u0000`;

export interface DumpSelection {
  includeSchemas: string[];
  excludeSchemas: string[];
  includeTables: TableRef[];
  excludeTables: TableRef[];
  /** What pg_dump will do, in words. */
  summary: string;
  /** Set when the choice drops objects the user may not expect to lose. */
  warning?: string;
  /** Set when no backup can be made of this choice; says why. */
  blocked?: string;
}

/** The request's own limits (src/shared/contract/backup.ts). */
const MAX_TABLES = 5000;
const MAX_SCHEMAS = 500;

export type SchemaState = "all" | "none" | "some";

export function schemaState(schema: DumpableSchema, unticked: Unticked): SchemaState {
  if (schema.objects.length === 0) return unticked.has(schemaKey(schema.name)) ? "none" : "all";
  const off = schema.objects.filter((o) => unticked.has(relationKey(schema.name, o.name))).length;
  return off === 0 ? "all" : off === schema.objects.length ? "none" : "some";
}

/** Ticking or unticking a partitioned table does the same to its partitions. */
export function toggleRelation(schema: DumpableSchema, name: string, unticked: Unticked): Set<string> {
  const next = new Set(unticked);
  const tick = next.has(relationKey(schema.name, name));
  const affected = [name, ...schema.objects.filter((o) => o.partitionOf === name).map((o) => o.name)];
  for (const n of affected) {
    if (tick) next.delete(relationKey(schema.name, n));
    else next.add(relationKey(schema.name, n));
  }
  return next;
}

export function toggleSchema(schema: DumpableSchema, unticked: Unticked): Set<string> {
  const next = new Set(unticked);
  const tick = schemaState(schema, unticked) !== "all";
  for (const key of [
    schemaKey(schema.name),
    ...schema.objects.map((o) => relationKey(schema.name, o.name)),
  ]) {
    if (tick) next.delete(key);
    else next.add(key);
  }
  return next;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The pg_dump switches for a selection, choosing the form that keeps the most:
 * exclusions keep functions, types and extensions; --table keeps only relations
 * (pg_dump ignores --schema when --table is given), so it is used only when the user
 * picked fewer relations than they left out.
 */
export function toDumpSelection(schemas: DumpableSchema[], unticked: Unticked): DumpSelection {
  const sel = chooseForm(schemas, unticked);
  const tables = Math.max(sel.includeTables.length, sel.excludeTables.length);
  const schemaCount = Math.max(sel.includeSchemas.length, sel.excludeSchemas.length);
  if (tables > MAX_TABLES || schemaCount > MAX_SCHEMAS) {
    return {
      ...sel,
      blocked: `This choice needs ${plural(tables, "table")} and ${plural(schemaCount, "schema")} named one by one (at most ${MAX_TABLES} and ${MAX_SCHEMAS}): tick or untick whole schemas instead.`,
    };
  }
  return sel;
}

function chooseForm(schemas: DumpableSchema[], unticked: Unticked): DumpSelection {
  const empty = { includeSchemas: [], excludeSchemas: [], includeTables: [], excludeTables: [] };
  const states = schemas.map((s) => ({ s, state: schemaState(s, unticked) }));
  const full = states.filter((x) => x.state === "all").map((x) => x.s);
  const none = states.filter((x) => x.state === "none").map((x) => x.s);
  const some = states.filter((x) => x.state === "some").map((x) => x.s);
  if (none.length === 0 && some.length === 0) return { ...empty, summary: "The whole database." };
  if (full.length === 0 && some.length === 0)
    return { ...empty, summary: "Nothing is chosen.", blocked: "Tick at least one schema or table." };

  if (some.length === 0) {
    if (full.length < none.length) {
      return {
        ...empty,
        includeSchemas: full.map((s) => s.name),
        summary: `Only ${plural(full.length, "schema")}: ${full.map((s) => s.name).join(", ")}.`,
        warning: "Objects outside these schemas (extensions, event triggers, publications) are not included.",
      };
    }
    return {
      ...empty,
      excludeSchemas: none.map((s) => s.name),
      summary: `Everything except ${plural(none.length, "schema")}: ${none.map((s) => s.name).join(", ")}.`,
    };
  }

  const ticked = schemas.flatMap((s) =>
    s.objects
      .filter((o) => !unticked.has(relationKey(s.name, o.name)))
      .map((o) => ({ schema: s.name, name: o.name })),
  );
  const leftOut = some.flatMap((s) =>
    s.objects
      .filter((o) => unticked.has(relationKey(s.name, o.name)))
      .map((o) => ({ schema: s.name, name: o.name })),
  );
  if (ticked.length < leftOut.length + none.length) {
    return {
      ...empty,
      includeTables: ticked,
      summary: `Only ${plural(ticked.length, "table")}: ${ticked
        .map((t) => `${t.schema}.${t.name}`)
        .slice(0, 5)
        .join(", ")}${ticked.length > 5 ? ", …" : ""}.`,
      warning:
        "Only these relations are dumped (pg_dump --table): functions, types and other objects they depend on are not.",
    };
  }
  const parts = [
    none.length ? plural(none.length, "schema") : "",
    leftOut.length ? plural(leftOut.length, "table") : "",
  ].filter(Boolean);
  return {
    ...empty,
    excludeSchemas: none.map((s) => s.name),
    excludeTables: leftOut,
    summary: `Everything except ${parts.join(" and ")}.`,
  };
}
