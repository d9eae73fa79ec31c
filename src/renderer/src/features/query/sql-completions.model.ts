import type { Completions } from "../../../../shared/contract/query";

export type SuggestionKind = "schema" | "relation" | "column" | "function";

/** One autocomplete entry, before the editor gives it its icon and range. */
export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  detail?: string;
  insertText: string;
  sortText?: string;
}

/** The name as it must be typed: lower-case plain names as they are, anything else double-quoted. */
export function sqlIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** The name before a dot right before the word being typed, quoted ("a""b" is a"b) or plain. */
export function qualifierBefore(textBeforeWord: string): string | undefined {
  const q = /(?:"((?:[^"]|"")+)"|([\w$]+))\.$/.exec(textBeforeWord);
  return q?.[1]?.replaceAll('""', '"') ?? q?.[2];
}

/**
 * After "name.": the relations and functions of that schema and the columns of that
 * relation. Otherwise: schemas, relations, each column name once, and the functions of
 * pg_catalog and public (sorted after everything else).
 */
export function completionsFor(catalog: Completions, qualifier: string | undefined): Suggestion[] {
  return qualifier ? qualified(catalog, qualifier) : unqualified(catalog);
}

function qualified(catalog: Completions, qualifier: string): Suggestion[] {
  return [
    ...catalog.relations
      .filter((r) => r.schema === qualifier)
      .map((r): Suggestion => ({
        label: r.name,
        kind: "relation",
        detail: r.kind,
        insertText: sqlIdent(r.name),
      })),
    ...catalog.columns
      .filter((c) => c.relation === qualifier)
      .map((c): Suggestion => ({
        label: c.name,
        kind: "column",
        detail: c.type,
        insertText: sqlIdent(c.name),
      })),
    ...catalog.functions
      .filter((f) => f.schema === qualifier)
      .map((f): Suggestion => ({
        label: f.name,
        kind: "function",
        detail: `(${f.args}) → ${f.result}`,
        insertText: sqlIdent(f.name),
      })),
  ];
}

function unqualified(catalog: Completions): Suggestion[] {
  // a column name shared by many tables is offered once, described by its first table
  const seen = new Set<string>();
  const columns = catalog.columns.filter((c) => (seen.has(c.name) ? false : (seen.add(c.name), true)));
  return [
    ...catalog.schemas.map((s): Suggestion => ({ label: s, kind: "schema", insertText: sqlIdent(s) })),
    ...catalog.relations.map((r): Suggestion => ({
      label: r.name,
      kind: "relation",
      detail: `${r.kind} in ${r.schema}`,
      insertText: sqlIdent(r.name),
    })),
    ...columns.map((c): Suggestion => ({
      label: c.name,
      kind: "column",
      detail: `${c.type} (${c.relation})`,
      insertText: sqlIdent(c.name),
    })),
    ...catalog.functions
      .filter((f) => f.schema === "pg_catalog" || f.schema === "public")
      .map((f): Suggestion => ({
        label: f.name,
        kind: "function",
        detail: `(${f.args}) → ${f.result}`,
        insertText: sqlIdent(f.name),
        sortText: `~${f.name}`,
      })),
  ];
}
