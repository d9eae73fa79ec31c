import { cannotBeAlias } from "./keywords";
import type { Token } from "./tokenizer";

/** A name as written, maybe schema-qualified (names already unquoted / case-folded). */
export interface NameRef {
  schema?: string;
  name: string;
}

/** Something in a FROM list (or the target of INSERT/UPDATE/DELETE/MERGE). */
export interface FromItem {
  kind: "table" | "subquery" | "function";
  table?: NameRef;
  block?: Block;
  /** For a function in FROM: its name. */
  functionName?: string;
  alias?: string;
  columnAliases?: string[];
  /** Came in through JOIN (its ON condition may join it to the items before it). */
  joined: boolean;
  start: number;
  end: number;
}

export interface Cte {
  name: string;
  columns?: string[];
  block?: Block;
}

/** Where a clause starts: its keyword ("select", "from", "where", "on", "set", ...) and offset. */
export interface Clause {
  keyword: string;
  start: number;
  /** Index of the keyword's token in the statement's tokens. */
  at: number;
}

/** One query level: the statement, a CTE body, a subquery. */
export interface Block {
  kind: "select" | "insert" | "update" | "delete" | "merge" | "values" | "other";
  /** Offsets the block spans (a parenthesized one: inside its parentheses). */
  start: number;
  end: number;
  ctes: Cte[];
  from: FromItem[];
  target?: FromItem;
  /** INSERT INTO t (a, b): the columns named, and where the list is. */
  insertColumns?: { names: string[]; start: number; end: number };
  /** Token index ranges of the select list items (for output column names). */
  selectItems: Array<[number, number]>;
  clauses: Clause[];
  children: Block[];
  parent: Block | undefined;
  /** A FROM subquery or CTE body: the FROM items of the blocks around it are not visible inside. */
  isolated: boolean;
}

const BLOCK_START = new Set(["select", "with", "values", "insert", "update", "delete", "merge", "table"]);
const CLAUSE_WORDS = new Set([
  "select",
  "from",
  "where",
  "group",
  "having",
  "window",
  "order",
  "limit",
  "offset",
  "fetch",
  "returning",
  "set",
  "values",
  "on",
  "using",
  "join",
  "into",
  "union",
  "intersect",
  "except",
  "when",
  "then",
  "conflict",
]);
const JOIN_WORDS = new Set(["join", "left", "right", "full", "inner", "cross", "natural", "outer"]);
/** Words that end a FROM item even though they are unreserved. */
const NOT_ALIAS = new Set(["set", "when", "matched", "overriding", "default", "tablesample", "using"]);

export const isWord = (t: Token | undefined, ...words: string[]): boolean =>
  t !== undefined && t.kind === "word" && words.includes(t.name!);

/** Index of the `)` closing the `(` at `open` (or `hi` when it never closes before). */
export function closingParen(tokens: Token[], open: number, hi: number): number {
  let depth = 0;
  for (let i = open; i < hi; i++) {
    const t = tokens[i]!;
    if (t.kind !== "punct") continue;
    if (t.text === "(") depth++;
    else if (t.text === ")" && --depth === 0) return i;
  }
  return hi;
}

/**
 * The query blocks of one statement's tokens: each level's CTEs, FROM items, target,
 * clauses and subqueries. Tolerant: text being typed (unclosed parentheses, a clause with
 * nothing after it) still gives blocks.
 */
export function parseStatement(tokens: Token[], textEnd: number): Block {
  return parseBlock(tokens, 0, tokens.length, undefined, false, textEnd);
}

function newBlock(
  tokens: Token[],
  lo: number,
  hi: number,
  parent: Block | undefined,
  isolated: boolean,
  end: number,
): Block {
  const first = tokens[lo];
  const word = first?.kind === "word" ? first.name! : "";
  const kind = (["select", "insert", "update", "delete", "merge", "values"] as const).find((k) => k === word);
  return {
    kind: kind ?? (word === "with" || word === "table" ? "select" : "other"),
    start: first?.start ?? end,
    end,
    ctes: [],
    from: [],
    selectItems: [],
    clauses: [],
    children: [],
    parent,
    isolated,
  };
}

function parseBlock(
  tokens: Token[],
  lo: number,
  hi: number,
  parent: Block | undefined,
  isolated: boolean,
  end: number,
): Block {
  const block = newBlock(tokens, lo, hi, parent, isolated, end);
  parent?.children.push(block);
  const walker = new BlockWalker(tokens, block, hi);
  walker.walk(lo);
  return block;
}

/** Walks one block's tokens (nested parentheses are handed to children or skipped). */
class BlockWalker {
  private clause = "";
  private selectStart = -1;
  private selectDone = false;

  constructor(
    private readonly tokens: Token[],
    private readonly block: Block,
    private readonly hi: number,
  ) {}

  walk(lo: number): void {
    let i = lo;
    while (i < this.hi) i = this.step(i);
    this.endSelectList(this.hi);
  }

  private step(i: number): number {
    const t = this.tokens[i]!;
    if (t.kind === "punct" && t.text === "(") return this.paren(i);
    if (t.kind === "punct" && t.text === "," && this.clause === "select") {
      this.pushSelectItem(i);
      return i + 1;
    }
    if (t.kind === "quoted" && this.isFromLike() && this.atItemStart(i))
      return this.fromItem(i, this.clause === "join");
    if (t.kind !== "word") return i + 1;
    const w = t.name!;
    if (w === "with" && this.clause === "") return this.withClause(i + 1);
    if (this.isFromLike() && this.atItemStart(i)) return this.fromItem(i, this.clause === "join");
    if (
      CLAUSE_WORDS.has(w) ||
      JOIN_WORDS.has(w) ||
      w === "delete" ||
      w === "update" ||
      w === "insert" ||
      w === "merge"
    )
      return this.keyword(i, w);
    return i + 1;
  }

  private keyword(i: number, w: string): number {
    const b = this.block;
    const record = (keyword: string) => b.clauses.push({ keyword, start: this.tokens[i]!.start, at: i });
    if (w === "select") {
      this.endSelectList(i);
      record("select");
      this.clause = "select";
      this.selectStart = i + 1;
      return i + 1;
    }
    if (this.clause === "select") this.endSelectList(i);
    if (JOIN_WORDS.has(w)) {
      if (w === "join") {
        record("join");
        this.clause = "join";
      }
      return i + 1;
    }
    // only as the statement's own verb: not FOR UPDATE, ON DELETE CASCADE, DO UPDATE, THEN INSERT
    if (w === "update" || w === "delete" || w === "insert" || w === "merge") {
      if (this.clause === "" && !b.target) return this.targetStatement(i, w);
      if (w === "update" || w === "delete") return i + 1;
    }
    if (w === "using" && (b.kind === "delete" || b.kind === "merge") && this.clause !== "join-item") {
      record("using");
      this.clause = "from";
      return i + 1;
    }
    record(w);
    this.clause = w === "from" ? "from" : w;
    return i + 1;
  }

  private isFromLike(): boolean {
    return this.clause === "from" || this.clause === "join";
  }

  /** At the start of a FROM item: right after FROM, a comma, JOIN, LATERAL or ONLY. */
  private atItemStart(i: number): boolean {
    const t = this.tokens[i]!;
    if (t.kind === "word" && (CLAUSE_WORDS.has(t.name!) || JOIN_WORDS.has(t.name!)) && t.name !== "values")
      return false;
    const prev = this.tokens[i - 1];
    return (
      isWord(prev, "from", "join", "lateral", "only", "using") ||
      (prev?.kind === "punct" && prev.text === ",")
    );
  }

  /** Reads a FROM item (a possibly qualified name, a function, a subquery) with its alias. */
  private fromItem(i: number, joined: boolean): number {
    if (isWord(this.tokens[i], "lateral", "only")) return i + 1;
    const start = this.tokens[i]!.start;
    const name = readName(this.tokens, i, this.hi);
    if (!name) return i + 1;
    let j = name.next;
    const item: FromItem = { kind: "table", table: name.ref, joined, start, end: this.tokens[j - 1]!.end };
    if (this.tokens[j]?.kind === "punct" && this.tokens[j]!.text === "(") {
      item.kind = "function";
      item.functionName = name.ref.name;
      delete item.table;
      j = closingParen(this.tokens, j, this.hi) + 1;
    }
    j = readAlias(this.tokens, j, this.hi, item);
    item.end = this.tokens[Math.min(j, this.hi) - 1]?.end ?? item.end;
    this.block.from.push(item);
    this.clause = joined ? "join-item" : "from";
    return j;
  }

  /** UPDATE t / DELETE FROM t / INSERT INTO t (cols) / MERGE INTO t: the statement's target. */
  private targetStatement(i: number, w: string): number {
    const b = this.block;
    b.clauses.push({ keyword: w, start: this.tokens[i]!.start, at: i });
    let j = i + 1;
    if (isWord(this.tokens[j], "from", "into")) {
      b.clauses.push({ keyword: this.tokens[j]!.name!, start: this.tokens[j]!.start, at: j });
      j++;
    }
    if (isWord(this.tokens[j], "only")) j++;
    const name = j < this.hi ? readName(this.tokens, j, this.hi) : undefined;
    this.clause = w === "insert" ? "insert-target" : w;
    if (!name) return j;
    const target: FromItem = {
      kind: "table",
      table: name.ref,
      joined: false,
      start: this.tokens[j]!.start,
      end: this.tokens[name.next - 1]!.end,
    };
    j = name.next;
    if (this.tokens[j]?.kind === "op" && this.tokens[j]!.text === "*") j++;
    j =
      w === "insert"
        ? readInsertAlias(this.tokens, j, target)
        : readAlias(this.tokens, j, this.hi, target, false);
    b.target = target;
    if (w === "insert" && this.tokens[j]?.text === "(" && this.tokens[j]?.kind === "punct")
      return this.insertColumns(j);
    return j;
  }

  private insertColumns(open: number): number {
    const close = closingParen(this.tokens, open, this.hi);
    const names = this.tokens
      .slice(open + 1, close)
      .flatMap((t) => (t.kind === "word" || t.kind === "quoted" ? [t.name!] : []));
    const end = close < this.hi ? this.tokens[close]!.start : this.block.end;
    this.block.insertColumns = { names, start: this.tokens[open]!.end, end };
    return close + 1;
  }

  /** WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (body), ... */
  private withClause(i: number): number {
    const b = this.block;
    b.clauses.push({ keyword: "with", start: this.tokens[i - 1]!.start, at: i - 1 });
    let j = isWord(this.tokens[i], "recursive") ? i + 1 : i;
    while (j < this.hi) {
      const nameTok = this.tokens[j];
      if (!nameTok || (nameTok.kind !== "word" && nameTok.kind !== "quoted")) return j;
      if (nameTok.kind === "word" && BLOCK_START.has(nameTok.name!) && nameTok.name !== "with") return j;
      const cte: Cte = { name: nameTok.name! };
      j++;
      if (this.tokens[j]?.text === "(") {
        const close = closingParen(this.tokens, j, this.hi);
        cte.columns = identList(this.tokens, j + 1, close);
        j = close + 1;
      }
      if (isWord(this.tokens[j], "as")) j++;
      while (isWord(this.tokens[j], "not", "materialized")) j++;
      b.ctes.push(cte);
      if (this.tokens[j]?.text !== "(") return j;
      const close = closingParen(this.tokens, j, this.hi);
      cte.block = parseBlock(this.tokens, j + 1, close, b, true, this.parenEnd(close));
      j = close + 1;
      if (this.tokens[j]?.text !== ",") return j;
      j++;
    }
    return j;
  }

  /** Where a parenthesized block ends: at its `)`, or at the block's end when it is not closed yet. */
  private parenEnd(close: number): number {
    return close < this.hi ? this.tokens[close]!.start : this.block.end;
  }

  /** A parenthesis: a subquery (FROM item or expression), or a group scanned for subqueries. */
  private paren(i: number): number {
    const close = closingParen(this.tokens, i, this.hi);
    const first = this.tokens[i + 1];
    const isQuery = first?.kind === "word" && BLOCK_START.has(first.name!);
    if (isQuery && this.isFromLike() && this.atItemStart(i)) {
      const item: FromItem = {
        kind: "subquery",
        joined: this.clause === "join",
        start: this.tokens[i]!.start,
        end: 0,
      };
      item.block = parseBlock(this.tokens, i + 1, close, this.block, true, this.parenEnd(close));
      const j = readAlias(this.tokens, close + 1, this.hi, item);
      item.end = this.tokens[Math.min(j, this.hi) - 1]?.end ?? this.block.end;
      this.block.from.push(item);
      this.clause = this.clause === "join" ? "join-item" : "from";
      return j;
    }
    if (isQuery) {
      parseBlock(this.tokens, i + 1, close, this.block, false, this.parenEnd(close));
      return close + 1;
    }
    this.scanGroup(i + 1, close);
    return close + 1;
  }

  /** Subqueries inside an expression's parentheses belong to this block (they see its FROM items). */
  private scanGroup(lo: number, hi: number): void {
    for (let i = lo; i < hi; i++) {
      const t = this.tokens[i]!;
      if (t.kind !== "punct" || t.text !== "(") continue;
      const close = closingParen(this.tokens, i, hi);
      const first = this.tokens[i + 1];
      if (first?.kind === "word" && BLOCK_START.has(first.name!)) {
        parseBlock(
          this.tokens,
          i + 1,
          close,
          this.block,
          false,
          close < hi ? this.tokens[close]!.start : this.block.end,
        );
        i = close;
      }
    }
  }

  private pushSelectItem(comma: number): void {
    if (this.selectStart >= 0 && comma > this.selectStart && !this.selectDone)
      this.block.selectItems.push([this.selectStart, comma]);
    this.selectStart = comma + 1;
  }

  private endSelectList(at: number): void {
    if (this.clause !== "select" || this.selectStart < 0) return;
    // a second SELECT (UNION) names no columns: the first one does
    if (at > this.selectStart && !this.selectDone) this.block.selectItems.push([this.selectStart, at]);
    this.selectDone = true;
    this.selectStart = -1;
  }
}

/** A dotted name (a.b.c, quoted parts allowed) starting at `i`. */
export function readName(tokens: Token[], i: number, hi: number): { ref: NameRef; next: number } | undefined {
  const parts: string[] = [];
  let j = i;
  while (j < hi) {
    const t = tokens[j]!;
    if (t.kind !== "word" && t.kind !== "quoted") break;
    if (t.kind === "word" && parts.length === 0 && (CLAUSE_WORDS.has(t.name!) || JOIN_WORDS.has(t.name!)))
      break;
    parts.push(t.name!);
    j++;
    if (tokens[j]?.kind !== "punct" || tokens[j]!.text !== ".") break;
    // `schema.` with the name still to be typed: not an item yet
    if (j + 1 >= hi) return undefined;
    j++;
  }
  if (parts.length === 0) return undefined;
  const name = parts[parts.length - 1]!;
  const schema = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return { ref: schema !== undefined ? { schema, name } : { name }, next: j };
}

/** [AS] alias [(col, ...)] after a FROM item. */
function readAlias(tokens: Token[], j: number, hi: number, item: FromItem, allowColumns = true): number {
  let k = j;
  const t = tokens[k];
  const explicit = isWord(t, "as");
  if (explicit) k++;
  const a = tokens[k];
  const usable =
    a !== undefined &&
    k < hi &&
    (a.kind === "quoted" ||
      (a.kind === "word" && (explicit || (!cannotBeAlias(a.name!) && !NOT_ALIAS.has(a.name!)))));
  if (!usable) return explicit ? k : j;
  item.alias = a.name!;
  k++;
  if (allowColumns && tokens[k]?.kind === "punct" && tokens[k]!.text === "(") {
    const close = closingParen(tokens, k, hi);
    item.columnAliases = identList(tokens, k + 1, close);
    k = close + 1;
  }
  return k;
}

/** INSERT INTO t AS alias: only with AS (a bare word there would be a column list's start). */
function readInsertAlias(tokens: Token[], j: number, item: FromItem): number {
  if (!isWord(tokens[j], "as")) return j;
  const a = tokens[j + 1];
  if (a && (a.kind === "word" || a.kind === "quoted")) {
    item.alias = a.name!;
    return j + 2;
  }
  return j + 1;
}

function identList(tokens: Token[], lo: number, hi: number): string[] {
  return tokens.slice(lo, hi).flatMap((t) => (t.kind === "word" || t.kind === "quoted" ? [t.name!] : []));
}
