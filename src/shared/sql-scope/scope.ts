import type { Block, Cte, FromItem } from "./blocks";
import type { CatalogIndex } from "./catalog-index";
import type { Token } from "./tokenizer";

/** A column a name in scope offers, with where it comes from. */
export interface ScopeColumn {
  name: string;
  type?: string;
}

/** A FROM item visible at the caret, by the name it is referred to with. */
export interface VisibleItem {
  item: FromItem;
  /** Its alias, else its table's (or function's) name. */
  refName: string;
  /** 0: the caret's own block; 1+: an enclosing block (a correlated subquery sees it). */
  depth: number;
}

export function itemRefName(item: FromItem): string | undefined {
  return item.alias ?? item.table?.name ?? item.functionName;
}

/** The FROM items (and DML target) visible in `block`: its own, then enclosing blocks' unless isolated. */
export function visibleItems(block: Block, clause: string): VisibleItem[] {
  const out: VisibleItem[] = [];
  let depth = 0;
  for (let b: Block | undefined = block; b; b = b.parent, depth++) {
    if (b.target && targetVisible(b, depth === 0 ? clause : "returning")) pushItem(out, b.target, depth);
    for (const item of b.from) pushItem(out, item, depth);
    if (b.isolated) break;
  }
  return out;
}

/**
 * UPDATE, DELETE and MERGE see their target everywhere; INSERT only in RETURNING and
 * ON CONFLICT (its SELECT part reads other tables).
 */
function targetVisible(b: Block, clause: string): boolean {
  if (b.kind !== "insert") return true;
  return clause === "returning" || clause === "conflict" || clause === "set";
}

function pushItem(out: VisibleItem[], item: FromItem, depth: number): void {
  const refName = itemRefName(item);
  if (refName !== undefined) out.push({ item, refName, depth });
}

/** CTEs visible in a block: its own and those of every block around it. */
export function visibleCtes(block: Block): Cte[] {
  const out: Cte[] = [];
  for (let b: Block | undefined = block; b; b = b.parent) out.push(...b.ctes);
  return out;
}

/** Resolves what names mean inside one statement: tables, CTEs, subqueries and their columns. */
export class ScopeResolver {
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly catalog: CatalogIndex,
  ) {}

  /** The columns a FROM item offers (its column aliases first). */
  itemColumns(item: FromItem, from: Block): ScopeColumn[] {
    let base: ScopeColumn[] = [];
    if (item.kind === "table" && item.table) {
      const cte =
        item.table.schema === undefined
          ? visibleCtes(from).find((c) => c.name === item.table!.name)
          : undefined;
      if (cte) base = this.cteColumns(cte);
      else {
        const rel = this.catalog.resolve(item.table);
        base = rel ? this.catalog.columns(rel).map((c) => ({ name: c.name, type: c.type })) : [];
      }
    } else if (item.kind === "subquery" && item.block) base = this.outputColumns(item.block);
    else if (item.kind === "function") base = [{ name: item.functionName ?? "?column?" }];
    const aliases = item.columnAliases ?? [];
    return aliases.length === 0
      ? base
      : [
          ...aliases.map((name, i) => ({ name, ...(base[i]?.type ? { type: base[i]!.type } : {}) })),
          ...base.slice(aliases.length),
        ];
  }

  cteColumns(cte: Cte): ScopeColumn[] {
    const own = cte.block ? this.outputColumns(cte.block) : [];
    if (!cte.columns) return own;
    return cte.columns.map((name, i) => ({ name, ...(own[i]?.type ? { type: own[i]!.type } : {}) }));
  }

  /** A query block's output columns, by its select list (or RETURNING), `*` expanded. */
  outputColumns(block: Block): ScopeColumn[] {
    if (this.depth > 8) return []; // a recursive CTE names itself
    this.depth++;
    try {
      return block.selectItems.flatMap(([a, b]) => this.selectItemColumns(block, a, b));
    } finally {
      this.depth--;
    }
  }

  private selectItemColumns(block: Block, a: number, b: number): ScopeColumn[] {
    const t = this.tokens.slice(a, b).filter((x) => x.kind !== "comment");
    const n = t.length;
    if (n === 0) return [];
    const last = t[n - 1]!;
    if (last.kind === "op" && last.text === "*") {
      const qualifier = n >= 3 && t[n - 2]!.text === "." ? t[n - 3]!.name : undefined;
      return this.star(block, qualifier);
    }
    const named = (name: string): ScopeColumn[] => [{ name, ...this.typeOf(block, t) }];
    if (
      n >= 2 &&
      t[n - 2]!.kind === "word" &&
      t[n - 2]!.name === "as" &&
      (last.kind === "word" || last.kind === "quoted")
    )
      return named(last.name!);
    const ref = columnRefName(t);
    if (ref !== undefined) return named(ref);
    if (n >= 2 && (last.kind === "word" || last.kind === "quoted") && isOperandEnd(t[n - 2]!))
      return named(last.name!);
    if (t[0]!.kind === "word" && t[1]?.text === "(") return [{ name: t[0]!.name! }];
    const cast = t.findIndex((x) => x.text === "::");
    if (cast > 0) return this.selectItemColumns(block, a, a + this.tokens.slice(a, b).indexOf(t[cast]!));
    return [{ name: "?column?" }];
  }

  /** A plain column reference's type, from the item it belongs to. */
  private typeOf(block: Block, t: Token[]): { type?: string } {
    const parts = t.filter((x) => x.kind === "word" || x.kind === "quoted").map((x) => x.name!);
    if (t.some((x) => x.kind !== "word" && x.kind !== "quoted" && x.text !== ".")) return {};
    const column = parts[parts.length - 1];
    const qualifier = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    for (const v of visibleItems(block, "select")) {
      if (v.depth > 0 || (qualifier !== undefined && v.refName !== qualifier)) continue;
      const c = this.itemColumns(v.item, block).find((x) => x.name === column);
      if (c?.type) return { type: c.type };
    }
    return {};
  }

  private star(block: Block, qualifier: string | undefined): ScopeColumn[] {
    return visibleItems(block, "select")
      .filter((v) => v.depth === 0 && (qualifier === undefined || v.refName === qualifier))
      .flatMap((v) => this.itemColumns(v.item, block));
  }
}

/** `a`, `t.a`, `s.t.a`: the column's name; undefined for anything else. */
function columnRefName(t: Token[]): string | undefined {
  for (let i = 0; i < t.length; i++) {
    const want = i % 2 === 0 ? "name" : "dot";
    const x = t[i]!;
    if (want === "name" && x.kind !== "word" && x.kind !== "quoted") return undefined;
    if (want === "dot" && x.text !== ".") return undefined;
  }
  return t.length % 2 === 1 ? t[t.length - 1]!.name : undefined;
}

/** A token that can end an expression (so a name right after it is an alias). */
function isOperandEnd(t: Token): boolean {
  return (
    t.kind === "word" || t.kind === "quoted" || t.kind === "number" || t.kind === "string" || t.text === ")"
  );
}
