/** One lexical token of SQL text, as PostgreSQL's scanner would cut it (tolerant of unfinished text). */
export interface Token {
  kind: "word" | "quoted" | "string" | "number" | "param" | "op" | "punct" | "comment";
  /** The token's text as written. */
  text: string;
  /** Offsets in the text (UTF-16 units), end exclusive. */
  start: number;
  end: number;
  /** For names: the name it denotes (a bare word folded to lower case, a quoted one as written). */
  name?: string;
  /** A quote, string or comment that runs to the end of the text. */
  open?: boolean;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OP_CHARS = "+-*/<>=~!@#%^&|`?";

/**
 * Cuts SQL into tokens: words, quoted names ("a""b"), strings ('', E'', $tag$…$tag$),
 * numbers, $1 parameters, operators, punctuation and comments (nested block comments
 * too). Whitespace is dropped. Unfinished quotes and comments become one open token to
 * the end, so the editor knows the caret is inside one.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const t = readToken(text, i);
    out.push(t);
    i = t.end;
  }
  return out;
}

function readToken(text: string, i: number): Token {
  const ch = text[i]!;
  const next = text[i + 1];
  if (ch === "-" && next === "-") return lineComment(text, i);
  if (ch === "/" && next === "*") return blockComment(text, i);
  if (ch === "'") return quotedRun(text, i, i, "'", "string");
  if ((ch === "E" || ch === "e") && next === "'") return escapeString(text, i);
  if ((ch === "B" || ch === "b" || ch === "X" || ch === "x" || ch === "N" || ch === "n") && next === "'")
    return { ...quotedRun(text, i + 1, i, "'", "string") };
  if ((ch === "U" || ch === "u") && next === "&" && (text[i + 2] === "'" || text[i + 2] === '"'))
    return quotedRun(text, i + 2, i, text[i + 2]!, text[i + 2] === "'" ? "string" : "quoted");
  if (ch === '"') return quotedRun(text, i, i, '"', "quoted");
  if (ch === "$") return dollar(text, i);
  if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(next ?? ""))) return number(text, i);
  if (WORD_START.test(ch)) {
    let j = i + 1;
    while (j < text.length && WORD_PART.test(text[j]!)) j++;
    const word = text.slice(i, j);
    return { kind: "word", text: word, start: i, end: j, name: word.toLowerCase() };
  }
  if (ch === ":" && next === ":") return { kind: "op", text: "::", start: i, end: i + 2 };
  if ("(),;.[]:".includes(ch)) return { kind: "punct", text: ch, start: i, end: i + 1 };
  if (OP_CHARS.includes(ch)) {
    let j = i + 1;
    while (j < text.length && OP_CHARS.includes(text[j]!) && !(text[j] === "-" && text[j + 1] === "-")) j++;
    return { kind: "op", text: text.slice(i, j), start: i, end: j };
  }
  return { kind: "op", text: ch, start: i, end: i + 1 };
}

function lineComment(text: string, i: number): Token {
  const nl = text.indexOf("\n", i);
  const end = nl < 0 ? text.length : nl;
  return { kind: "comment", text: text.slice(i, end), start: i, end, ...(nl < 0 ? { open: true } : {}) };
}

function blockComment(text: string, i: number): Token {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    if (text[j] === "/" && text[j + 1] === "*") {
      depth++;
      j += 2;
    } else if (text[j] === "*" && text[j + 1] === "/") {
      depth--;
      j += 2;
      if (depth === 0) return { kind: "comment", text: text.slice(i, j), start: i, end: j };
    } else j++;
  }
  return { kind: "comment", text: text.slice(i), start: i, end: text.length, open: true };
}

/** 'text' or "name", a doubled quote standing for itself. */
function quotedRun(text: string, q: number, start: number, quote: string, kind: "string" | "quoted"): Token {
  let j = q + 1;
  while (j < text.length) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) {
        j += 2;
        continue;
      }
      const body = text.slice(q + 1, j);
      const token: Token = { kind, text: text.slice(start, j + 1), start, end: j + 1 };
      return kind === "quoted" ? { ...token, name: body.replaceAll(quote + quote, quote) } : token;
    }
    j++;
  }
  const body = text.slice(q + 1);
  const token: Token = { kind, text: text.slice(start), start, end: text.length, open: true };
  return kind === "quoted" ? { ...token, name: body.replaceAll(quote + quote, quote) } : token;
}

/** E'…' where a backslash escapes the next character. */
function escapeString(text: string, i: number): Token {
  let j = i + 2;
  while (j < text.length) {
    if (text[j] === "\\") j += 2;
    else if (text[j] === "'" && text[j + 1] === "'") j += 2;
    else if (text[j] === "'") return { kind: "string", text: text.slice(i, j + 1), start: i, end: j + 1 };
    else j++;
  }
  return { kind: "string", text: text.slice(i), start: i, end: text.length, open: true };
}

/** $1 (a parameter) or $tag$ … $tag$ (a dollar-quoted string). */
function dollar(text: string, i: number): Token {
  const param = /^\$[0-9]+/.exec(text.slice(i, i + 12));
  if (param) return { kind: "param", text: param[0], start: i, end: i + param[0].length };
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 70));
  if (!tag) return { kind: "op", text: "$", start: i, end: i + 1 };
  const close = text.indexOf(tag[0], i + tag[0].length);
  if (close < 0) return { kind: "string", text: text.slice(i), start: i, end: text.length, open: true };
  const end = close + tag[0].length;
  return { kind: "string", text: text.slice(i, end), start: i, end };
}

function number(text: string, i: number): Token {
  const m =
    /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(
      text.slice(i, i + 200),
    );
  const len = Math.max(1, m?.[0].length ?? 1);
  return { kind: "number", text: text.slice(i, i + len), start: i, end: i + len };
}
