/**
 * A PostgreSQL lexer just precise enough to compare two texts token by token: it follows
 * scan.l where whitespace could matter (string and dollar quotes, nested block comments,
 * operator trimming, string continuation across a newline). Used to prove that a
 * formatter changed nothing but layout.
 */
export type TokenKind =
  "word" | "quoted" | "string" | "dollar" | "param" | "number" | "op" | "punct" | "comment";

export interface SqlToken {
  kind: TokenKind;
  text: string;
  /** Whether the whitespace before this token held a newline (string continuation depends on it). */
  newlineBefore: boolean;
}

const OP_CHARS = "+-*/<>=~!@#%^&|`?";
const OP_KEEPS_TRAILING_SIGN = "~!@#%^&|`?";
const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export class SqlLexError extends Error {}

export function tokenize(text: string): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  let newline = false;
  const n = text.length;
  const push = (kind: TokenKind, end: number) => {
    out.push({ kind, text: text.slice(i, end), newlineBefore: newline });
    newline = false;
    i = end;
  };
  while (i < n) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (ch === "\n" || ch === "\r") newline = true;
      i++;
      continue;
    }
    const next = text[i + 1] ?? "";
    if (ch === "-" && next === "-") {
      let end = text.indexOf("\n", i);
      if (end < 0) end = n;
      push("comment", end);
      continue;
    }
    if (ch === "/" && next === "*") {
      push("comment", blockCommentEnd(text, i));
      continue;
    }
    // prefixed strings: E'..', B'..', X'..', N'..', U&'..' and U&".."
    const prefix = /^(?:[eE]|[bB]|[xX]|[nN]|[uU]&)(?=['"])/.exec(text.slice(i, i + 3));
    if (prefix && !(prefix[0].length === 1 && text[i + 1] === '"')) {
      const q = i + prefix[0].length;
      const escapes = prefix[0].toLowerCase() === "e";
      push(text[q] === '"' ? "quoted" : "string", quotedEnd(text, q, text[q]!, escapes));
      continue;
    }
    if (ch === "'") {
      push("string", quotedEnd(text, i, "'", false));
      continue;
    }
    if (ch === '"') {
      push("quoted", quotedEnd(text, i, '"', false));
      continue;
    }
    if (ch === "$") {
      if (/[0-9]/.test(next)) {
        let end = i + 1;
        while (end < n && /[0-9]/.test(text[end]!)) end++;
        push("param", end);
        continue;
      }
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        if (close < 0) throw new SqlLexError(`unterminated dollar-quoted string ${tag[0]}`);
        push("dollar", close + tag[0].length);
        continue;
      }
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(next))) {
      push("number", numberEnd(text, i));
      continue;
    }
    if (IDENT_START.test(ch)) {
      let end = i + 1;
      while (end < n && IDENT_PART.test(text[end]!)) end++;
      push("word", end);
      continue;
    }
    if (ch === ":" && next === ":") {
      push("punct", i + 2);
      continue;
    }
    if (OP_CHARS.includes(ch)) {
      push("op", operatorEnd(text, i));
      continue;
    }
    push("punct", i + 1);
  }
  return out;
}

/** PostgreSQL block comments nest. */
function blockCommentEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith("/*", i)) {
      depth++;
      i += 2;
    } else if (text.startsWith("*/", i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  throw new SqlLexError("unterminated /* comment");
}

function quotedEnd(text: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  throw new SqlLexError(`unterminated ${quote === "'" ? "string" : "quoted identifier"}`);
}

function numberEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (/[0-9A-Za-z_.]/.test(c)) {
      // 1..2 is not a number followed by a number in SQL, but keep the lexer from eating a range
      if (c === "." && text[i + 1] === ".") break;
      i++;
    } else if ((c === "+" || c === "-") && /[eE]/.test(text[i - 1]!) && /^[0-9.]/.test(text.slice(start, i)))
      i++;
    else break;
  }
  return i;
}

/**
 * scan.l: an operator runs over operator characters but stops before a comment start, and
 * a multi-character operator may not end in + or - unless it also contains one of ~!@#%^&|`?.
 */
function operatorEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && OP_CHARS.includes(text[i]!)) {
    if (i > start && (text.startsWith("--", i) || text.startsWith("/*", i))) break;
    i++;
  }
  let op = text.slice(start, i);
  if (op.length > 1 && ![...op].some((c) => OP_KEEPS_TRAILING_SIGN.includes(c))) {
    while (op.length > 1 && (op.endsWith("+") || op.endsWith("-"))) op = op.slice(0, -1);
  }
  return start + op.length;
}

/** The same statement text, ignoring layout: unquoted words fold to lower case as the server folds them. */
export function sameTokens(
  a: readonly SqlToken[],
  b: readonly SqlToken[],
): { same: true } | { same: false; at: SqlToken | undefined } {
  const len = Math.max(a.length, b.length);
  for (let k = 0; k < len; k++) {
    const x = a[k];
    const y = b[k];
    if (!x || !y || !sameToken(x, y)) return { same: false, at: x ?? y };
    // 'a'\n'b' is one string, 'a' 'b' a syntax error: a string after a string keeps its line break
    if (k > 0 && x.kind === "string" && a[k - 1]!.kind === "string" && x.newlineBefore !== y.newlineBefore)
      return { same: false, at: x };
  }
  return { same: true };
}

function sameToken(x: SqlToken, y: SqlToken): boolean {
  if (x.kind !== y.kind) return false;
  if (x.kind === "word") return x.text.toLowerCase() === y.text.toLowerCase();
  // a formatter re-indents the lines of a block comment; its words stay
  if (x.kind === "comment") return x.text.replace(/\s+/g, " ").trim() === y.text.replace(/\s+/g, " ").trim();
  return x.text === y.text;
}
