import type { Block, FromItem } from "./blocks";
import { CatalogIndex, type CatalogFunction, type CatalogRelation, type ScopeCatalog } from "./catalog-index";
import { cursorContext, type ContextKind, type CursorContext } from "./cursor-context";
import { keywordsAt } from "./keyword-positions";
import { quoteIdentIfNeeded } from "./keywords";
import { ScopeResolver, visibleCtes, visibleItems, type VisibleItem } from "./scope";

export type SuggestionKind =
  "keyword" | "column" | "relation" | "cte" | "alias" | "schema" | "function" | "join";

/** One completion entry, before the editor gives it its icon and range. */
export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  /** What goes in: the name quoted where it must be ("user", "MixedCase"). */
  insertText: string;
  /** insertText is a snippet ($0 marks where the caret goes). */
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  /** Lower sorts first: what the statement itself names comes before the catalog. */
  sortText: string;
  filterText?: string;
}

export interface Completion {
  context: ContextKind;
  /** The text the chosen suggestion replaces. */
  from: number;
  to: number;
  suggestions: Suggestion[];
}

/** Completions at `offset` of `text`: what fits there, in the statement's own scope first. */
export function completeAt(
  text: string,
  offset: number,
  catalog: ScopeCatalog | CatalogIndex | undefined,
): Completion {
  const c = cursorContext(text, offset);
  const index = catalog instanceof CatalogIndex ? catalog : new CatalogIndex(catalog ?? emptyCatalog());
  const s = new Suggester(c, index);
  return { context: c.kind, from: c.from, to: c.to, suggestions: c.kind === "none" ? [] : s.suggest() };
}

export function emptyCatalog(): ScopeCatalog {
  return {
    schemas: [],
    searchPath: ["public"],
    relations: [],
    columns: [],
    functions: [],
    foreignKeys: [],
    quotedKeywords: [],
  };
}

class Suggester {
  private readonly scope: ScopeResolver;
  private readonly quote: (name: string) => string;

  constructor(
    private readonly c: CursorContext,
    private readonly catalog: CatalogIndex,
  ) {
    this.scope = new ScopeResolver(c.tokens, catalog);
    this.quote = (name) => quoteIdentIfNeeded(name, catalog.keywords);
  }

  suggest(): Suggestion[] {
    const out = this.byContext();
    if (!this.c.quoted) return out;
    // after an opening quote the editor filters by the quoted text
    return out.filter((s) => s.kind !== "keyword").map((s) => ({ ...s, filterText: s.insertText }));
  }

  private byContext(): Suggestion[] {
    const c = this.c;
    switch (c.kind) {
      case "none":
        return [];
      case "statement-start":
      case "after-from-item":
      case "keyword":
        return this.keywords(0);
      case "relation":
        return [...this.ctes(), ...this.relations(), ...this.schemas()];
      case "qualified":
        return this.qualified();
      case "insert-columns":
        return this.targetColumns(c.block.insertColumns?.names ?? []);
      case "set-columns":
        return this.targetColumns([]);
      case "join-condition":
        return [...this.joinConditions(c.joinItem!), ...this.expression()];
      case "expression":
        return this.expression();
    }
  }

  private keywords(rank: number): Suggestion[] {
    return keywordsAt(this.c).map((k, i) => ({
      label: k,
      kind: "keyword" as const,
      insertText: k,
      sortText: `${rank}${String(i).padStart(3, "0")}`,
    }));
  }

  private visible(): VisibleItem[] {
    return visibleItems(this.c.block, this.c.clause);
  }

  /** Columns of the items in scope (own block first), qualified where a name is ambiguous; aliases; functions; keywords. */
  private expression(): Suggestion[] {
    const items = this.visible();
    const columns = items.flatMap((v) =>
      this.scope.itemColumns(v.item, this.c.block).map((col) => ({ v, col })),
    );
    const count = new Map<string, number>();
    for (const { v, col } of columns) if (v.depth === 0) count.set(col.name, (count.get(col.name) ?? 0) + 1);
    const seen = new Set<string>();
    const out: Suggestion[] = [];
    for (const { v, col } of columns) {
      const ambiguous = (count.get(col.name) ?? 0) > 1;
      const label = ambiguous || v.depth > 0 ? `${v.refName}.${col.name}` : col.name;
      if (seen.has(label)) continue;
      seen.add(label);
      out.push({
        label,
        kind: "column",
        insertText:
          ambiguous || v.depth > 0
            ? `${this.quote(v.refName)}.${this.quote(col.name)}`
            : this.quote(col.name),
        detail: `${col.type ?? "column"} · ${v.refName}`,
        sortText: `${v.depth === 0 ? "0" : "2"}${label}`,
      });
    }
    const aliases = items.map((v): Suggestion => ({
      label: v.refName,
      kind: "alias",
      insertText: this.quote(v.refName),
      detail: describeItem(v.item),
      sortText: `1${v.refName}`,
    }));
    const kw = this.keywords(this.c.afterOperand ? 0 : 5);
    return [...out, ...aliases, ...this.functions(this.catalog.reachableFunctions()), ...kw];
  }

  /** After `x.`: the columns of the item x names in scope, else x as a schema (or schema.table). */
  private qualified(): Suggestion[] {
    const q = this.c.qualifier;
    const last = q[q.length - 1]!;
    if (q.length === 1) {
      const item = this.visible().find((v) => v.refName === last);
      if (item) return this.columnsOf(item.item);
      const cte = visibleCtes(this.c.block).find((x) => x.name === last);
      if (cte) return this.columnList(this.scope.cteColumns(cte), cte.name);
    }
    const rel = this.catalog.resolve(
      q.length >= 2 ? { schema: q[q.length - 2]!, name: last } : { name: last },
    );
    if (rel && (q.length >= 2 || !this.catalog.isSchema(last)))
      return this.columnList(this.catalog.columns(rel), rel.name);
    if (!this.catalog.isSchema(last)) return [];
    const relations = this.catalog.relationsIn(last).map((r) => this.relation(r, false, "0"));
    const inFrom =
      this.c.kind === "qualified" && ["from", "join", "update", "into", "using"].includes(this.c.clause);
    return inFrom ? relations : [...relations, ...this.functions(this.catalog.functionsIn(last), false)];
  }

  private columnsOf(item: FromItem): Suggestion[] {
    return this.columnList(this.scope.itemColumns(item, this.c.block), describeItem(item));
  }

  private columnList(cols: Array<{ name: string; type?: string }>, from: string): Suggestion[] {
    return cols.map((col, i) => ({
      label: col.name,
      kind: "column" as const,
      insertText: this.quote(col.name),
      detail: `${col.type ?? "column"} · ${from}`,
      sortText: `0${String(i).padStart(4, "0")}`,
    }));
  }

  /** INSERT INTO t (…) and UPDATE t SET …: the target's columns, those already named last. */
  private targetColumns(named: string[]): Suggestion[] {
    const target = this.c.block.target;
    if (!target) return [];
    return this.columnsOf(target).map((s) =>
      named.includes(s.label) ? { ...s, sortText: `9${s.sortText}` } : s,
    );
  }

  private ctes(): Suggestion[] {
    return visibleCtes(this.c.block).map((cte) => ({
      label: cte.name,
      kind: "cte" as const,
      insertText: this.quote(cte.name),
      detail: "WITH query",
      sortText: `0${cte.name}`,
    }));
  }

  private relations(): Suggestion[] {
    return this.catalog.catalog.relations.map((r) => {
      const bare = this.catalog.reachableUnqualified(r);
      const rank = r.schema === "pg_catalog" ? "8" : bare ? "3" : "6";
      return this.relation(r, !bare, rank);
    });
  }

  private relation(r: CatalogRelation, qualify: boolean, rank: string): Suggestion {
    const name = qualify ? `${this.quote(r.schema)}.${this.quote(r.name)}` : this.quote(r.name);
    return {
      label: qualify ? `${r.schema}.${r.name}` : r.name,
      kind: "relation",
      insertText: name,
      detail: `${r.kind} in ${r.schema}`,
      sortText: `${rank}${r.name}`,
    };
  }

  private schemas(): Suggestion[] {
    return this.catalog.catalog.schemas.map((s) => ({
      label: s,
      kind: "schema" as const,
      insertText: this.quote(s),
      detail: "schema",
      sortText: `7${s}`,
    }));
  }

  private functions(list: CatalogFunction[], rankBySchema = true): Suggestion[] {
    return list.map((f) => ({
      label: f.name,
      kind: "function" as const,
      insertText: `${this.quote(f.name)}($0)`,
      snippet: true,
      detail: `${f.schema}.${f.name}(${f.args}) → ${f.result}`,
      documentation: [f.description ?? "", ...f.overloads.map((o) => `${f.name}(${o})`)]
        .filter(Boolean)
        .join("\n"),
      sortText: `${rankBySchema && f.schema === "pg_catalog" ? "7" : "4"}${f.name}`,
    }));
  }

  /** `JOIN b ON |`: the conditions the foreign keys between b and the items before it give. */
  private joinConditions(joined: FromItem): Suggestion[] {
    const before = this.visible().filter(
      (v) => v.depth === 0 && v.item !== joined && v.item.start < joined.start,
    );
    const joinedRel = joined.table ? this.catalog.resolve(joined.table) : undefined;
    const joinedName = joined.alias ?? joined.table?.name;
    if (!joinedRel || !joinedName) return [];
    const out: Suggestion[] = [];
    for (const v of before) {
      const rel = v.item.table ? this.catalog.resolve(v.item.table) : undefined;
      if (!rel) continue;
      for (const fk of this.catalog.catalog.foreignKeys) {
        const pair = fkPair(fk, joinedRel, rel);
        if (!pair) continue;
        const [a, b] = pair === "from-joined" ? [joinedName, v.refName] : [v.refName, joinedName];
        const text = fk.columns
          .map(
            (col, i) =>
              `${this.quote(a)}.${this.quote(col)} = ${this.quote(b)}.${this.quote(fk.refColumns[i]!)}`,
          )
          .join(" AND ");
        out.push({
          label: text,
          kind: "join",
          insertText: text,
          detail: `foreign key ${fk.table} → ${fk.refTable}`,
          sortText: `0${out.length}`,
        });
      }
    }
    return out;
  }
}

function fkPair(
  fk: ScopeCatalog["foreignKeys"][number],
  joined: CatalogRelation,
  other: CatalogRelation,
): "from-joined" | "to-joined" | undefined {
  const is = (schema: string, table: string, r: CatalogRelation) => r.schema === schema && r.name === table;
  if (is(fk.schema, fk.table, joined) && is(fk.refSchema, fk.refTable, other)) return "from-joined";
  if (is(fk.schema, fk.table, other) && is(fk.refSchema, fk.refTable, joined)) return "to-joined";
  return undefined;
}

function describeItem(item: FromItem): string {
  if (item.kind === "table" && item.table)
    return item.table.schema ? `${item.table.schema}.${item.table.name}` : item.table.name;
  if (item.kind === "subquery") return "subquery";
  return `${item.functionName ?? "function"}()`;
}

export type { Block };
