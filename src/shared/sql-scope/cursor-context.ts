import { parseStatement, type Block, type FromItem } from "./blocks";
import { tokenize, type Token } from "./tokenizer";

/** What the caret is in front of, as far as completion cares. */
export type ContextKind =
  | "none" // inside a string, a comment, or a number
  | "statement-start"
  | "relation" // after FROM, JOIN, INTO, UPDATE, TABLE, ...
  | "after-from-item" // a FROM item just ended: its alias or the next keyword
  | "qualified" // after `name.`
  | "join-condition" // after JOIN … ON
  | "insert-columns" // INSERT INTO t ( … )
  | "set-columns" // UPDATE t SET … (the column being assigned)
  | "keyword" // only keywords fit (ORDER |, CREATE |, INSERT |)
  | "expression"; // select list, WHERE, ORDER BY, SET value, RETURNING, ...

export interface CursorContext {
  kind: ContextKind;
  /** The text being typed (the name so far, without an opening quote). */
  prefix: string;
  /** The range completion replaces: from the start of the word (its quote included) to the caret. */
  from: number;
  to: number;
  /** The user typed an opening double quote. */
  quoted: boolean;
  block: Block;
  /** The clause of the block the caret is in ("select", "from", "where", "on", "set", ...). */
  clause: string;
  /** The significant token before the word being typed, if any. */
  prev: Token | undefined;
  /** For "qualified": the names before the dot (`s.t.` gives ["s", "t"]). */
  qualifier: string[];
  /** The item just joined, for "join-condition". */
  joinItem?: FromItem;
  /** The previous token ends an operand (`a = 1 |`): keywords come first. */
  afterOperand: boolean;
  tokens: Token[];
}

/** Reads what is at the caret: the statement around it, its blocks, the clause, the word being typed. */
export function cursorContext(text: string, offset: number): CursorContext {
  const all = tokenize(text);
  const at = all.find((t) => t.start < offset && offset <= t.end);
  const inside =
    at && (at.kind === "comment" || at.kind === "string" || at.kind === "number" || at.kind === "param");
  const typing =
    at &&
    (at.kind === "word" || at.kind === "quoted") &&
    !(at.kind === "quoted" && !at.open && offset === at.end);
  const stmt = statementAround(all, offset);
  const tokens = stmt.tokens.filter((t) => !(typing && t === at) && t.kind !== "comment");
  const block = innermost(parseStatement(tokens, stmt.end), offset);
  const before = tokens.filter((t) => t.end <= (typing ? at!.start : offset));
  const prev = before[before.length - 1];
  const from = typing ? at!.start : offset;
  const base = {
    prefix: typing ? (at!.name ?? "").slice(0, offset - at!.start - (at!.kind === "quoted" ? 1 : 0)) : "",
    from,
    to: offset,
    quoted: typing === true && at!.kind === "quoted",
    block,
    clause: clauseAt(block, from),
    prev,
    qualifier: [] as string[],
    afterOperand: prev !== undefined && endsOperand(prev),
    tokens,
  };
  if (inside) return { ...base, kind: "none" };
  return { ...base, ...classify(base, before) };
}

/** The tokens of the statement holding the caret (split at top-level semicolons). */
function statementAround(tokens: Token[], offset: number): { tokens: Token[]; end: number } {
  let start = 0;
  let end = tokens.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "punct" || t.text !== ";") continue;
    if (t.end <= offset) start = i + 1;
    else {
      end = i;
      break;
    }
  }
  const endOffset = end < tokens.length ? tokens[end]!.start : Number.MAX_SAFE_INTEGER;
  return { tokens: tokens.slice(start, end), end: endOffset };
}

function innermost(block: Block, offset: number): Block {
  for (const child of block.children)
    if (child.start <= offset && offset <= child.end) return innermost(child, offset);
  return block;
}

function clauseAt(block: Block, offset: number): string {
  let clause = "";
  for (const c of block.clauses) if (c.start < offset) clause = c.keyword;
  return clause;
}

function endsOperand(t: Token): boolean {
  if (t.kind === "number" || t.kind === "string" || t.kind === "quoted" || t.kind === "param") return true;
  if (t.kind === "punct") return t.text === ")";
  return t.kind === "word" && !OPERAND_STARTERS.has(t.name!);
}

/** Words after which an operand (not an operator) comes. */
const OPERAND_STARTERS = new Set([
  "select",
  "from",
  "where",
  "and",
  "or",
  "not",
  "on",
  "by",
  "having",
  "set",
  "when",
  "then",
  "else",
  "case",
  "in",
  "is",
  "like",
  "ilike",
  "between",
  "join",
  "distinct",
  "returning",
  "values",
  "into",
  "update",
  "table",
  "only",
  "lateral",
  "using",
  "with",
  "as",
  "limit",
  "offset",
  "all",
  "any",
  "some",
  "exists",
  "array",
  "do",
  "delete",
  "insert",
  "merge",
  "create",
  "alter",
  "drop",
  "truncate",
  "explain",
  "analyze",
  "verbose",
  "interval",
  "cast",
]);

/** After these words only keywords fit (ORDER BY, INSERT INTO, CREATE TABLE, ...). */
const KEYWORD_ONLY_AFTER = new Set([
  "group",
  "order",
  "partition",
  "insert",
  "delete",
  "merge",
  "create",
  "drop",
  "alter",
  "nulls",
  "union",
  "conflict",
  "begin",
  "is",
]);

const RELATION_AFTER = new Set(["from", "join", "into", "update", "table", "only", "lateral", "truncate"]);

type Classified = Pick<CursorContext, "kind" | "qualifier"> & { joinItem?: FromItem };

function classify(c: Omit<CursorContext, "kind">, before: Token[]): Classified {
  const none = { qualifier: [] as string[] };
  const { block, clause, prev } = c;
  const qualifier = qualifierBefore(before);
  if (qualifier.length > 0) return { kind: "qualified", qualifier };
  const ins = block.insertColumns;
  if (ins && ins.start <= c.from && c.to <= ins.end) return { kind: "insert-columns", ...none };
  if (!prev || before.every((t) => t.kind === "punct" && t.text === "("))
    return { kind: "statement-start", ...none };
  const p = prev.kind === "word" ? prev.name! : prev.text;
  if (prev.kind === "word" && KEYWORD_ONLY_AFTER.has(p)) return { kind: "keyword", ...none };
  if (
    RELATION_AFTER.has(p) ||
    (p === "using" && (block.kind === "delete" || block.kind === "merge") && clause === "using")
  )
    return { kind: "relation", ...none };
  if (p === "," && (clause === "from" || clause === "using")) return { kind: "relation", ...none };
  if (
    (clause === "from" || clause === "join" || clause === "join-item" || clause === "using") &&
    endsOperand(prev)
  )
    return { kind: "after-from-item", ...none };
  if (clause === "on") {
    const joinItem = lastJoined(block, c.from);
    if (p === "on" || p === "and")
      return joinItem ? { kind: "join-condition", joinItem, ...none } : { kind: "expression", ...none };
  }
  if (clause === "set" && (p === "set" || p === ",")) return { kind: "set-columns", ...none };
  if ((clause === "update" || clause === "into" || clause === "delete") && endsOperand(prev))
    return { kind: "after-from-item", ...none };
  return { kind: "expression", ...none };
}

/** `a.b.` right before the word: ["a", "b"]. */
function qualifierBefore(before: Token[]): string[] {
  const out: string[] = [];
  let i = before.length - 1;
  while (i >= 1 && before[i]!.kind === "punct" && before[i]!.text === ".") {
    const name = before[i - 1]!;
    if (name.kind !== "word" && name.kind !== "quoted") break;
    out.unshift(name.name!);
    i -= 2;
  }
  return out;
}

function lastJoined(block: Block, offset: number): FromItem | undefined {
  let last: FromItem | undefined;
  for (const item of block.from) if (item.joined && item.end <= offset) last = item;
  return last;
}
