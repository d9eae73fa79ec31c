import type { Completions } from "../contract/query";
import type { NameRef } from "./blocks";
import { QUOTED_KEYWORDS } from "./keywords";

export type ScopeCatalog = Completions;
export type CatalogRelation = Completions["relations"][number];
export type CatalogColumn = Completions["columns"][number];
export type CatalogFunction = Completions["functions"][number];

const key = (schema: string, name: string) => `${schema}\u0000${name}`;

/** The catalog indexed for lookups: relations by name (search path first), columns by relation. */
export class CatalogIndex {
  readonly keywords: ReadonlySet<string>;
  private readonly byName = new Map<string, CatalogRelation[]>();
  private readonly columnsOf = new Map<string, CatalogColumn[]>();
  private readonly schemas: Set<string>;

  constructor(readonly catalog: ScopeCatalog) {
    this.keywords = catalog.quotedKeywords.length > 0 ? new Set(catalog.quotedKeywords) : QUOTED_KEYWORDS;
    this.schemas = new Set([...catalog.schemas, "pg_catalog"]);
    for (const r of catalog.relations) {
      const list = this.byName.get(r.name) ?? [];
      list.push(r);
      this.byName.set(r.name, list);
    }
    for (const c of catalog.columns) {
      const k = key(c.schema, c.relation);
      const list = this.columnsOf.get(k) ?? [];
      list.push(c);
      this.columnsOf.set(k, list);
    }
  }

  /**
   * The relation a name means: its schema's when qualified, else the first on the search
   * path; `loose` also takes one of another schema (the user may have left it out).
   */
  resolve(ref: NameRef, loose = true): CatalogRelation | undefined {
    const found = this.byName.get(ref.name) ?? [];
    if (ref.schema !== undefined) return found.find((r) => r.schema === ref.schema);
    for (const schema of this.searchPath()) {
      const r = found.find((x) => x.schema === schema);
      if (r) return r;
    }
    return loose ? found[0] : undefined;
  }

  columns(rel: CatalogRelation): CatalogColumn[] {
    return this.columnsOf.get(key(rel.schema, rel.name)) ?? [];
  }

  isSchema(name: string): boolean {
    return this.schemas.has(name);
  }

  /** pg_catalog is searched first, as PostgreSQL does when the path does not name it. */
  searchPath(): string[] {
    const path = this.catalog.searchPath;
    return path.includes("pg_catalog") ? path : ["pg_catalog", ...path];
  }

  /** Whether the relation is typed without its schema (its name resolves to it). */
  reachableUnqualified(rel: CatalogRelation): boolean {
    return this.resolve({ name: rel.name }, false) === rel;
  }

  relationsIn(schema: string): CatalogRelation[] {
    return this.catalog.relations.filter((r) => r.schema === schema);
  }

  functionsIn(schema: string): CatalogFunction[] {
    return this.catalog.functions.filter((f) => f.schema === schema);
  }

  /** Functions callable without a schema (pg_catalog and the search path). */
  reachableFunctions(): CatalogFunction[] {
    const path = new Set(this.searchPath());
    return this.catalog.functions.filter((f) => path.has(f.schema));
  }
}
